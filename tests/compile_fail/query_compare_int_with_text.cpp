// expect: Employee::age>. and .const char ?\[2\]
#include "query_employee.hpp"

iceaxe::Condition condition() {
  return E.age == "x";
}  // an integer column, a text value
