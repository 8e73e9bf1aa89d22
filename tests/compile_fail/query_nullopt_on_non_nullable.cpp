// expect: Employee::age>. and .const std::nullopt_t
#include "query_employee.hpp"

iceaxe::Condition condition() {
  return E.age == std::nullopt;
}  // age is never NULL
