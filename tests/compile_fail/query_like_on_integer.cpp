// expect: like / ilike need a text column or expression
#include "query_employee.hpp"

iceaxe::Condition condition() {
  return E.age.like("3%");
}
