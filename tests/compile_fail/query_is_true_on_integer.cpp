// expect: IS TRUE needs a boolean
#include "query_employee.hpp"

iceaxe::Condition condition() {
  return E.age.is_(true);
}  // age is no boolean
