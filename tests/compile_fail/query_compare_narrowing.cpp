// expect: Employee::age>. and .int64_t
#include "query_employee.hpp"

iceaxe::Condition condition() {
  return E.age == int64_t{1};
}  // int64_t does not fit in int32_t
