// expect: no matching (member )?function for call to .(iceaxe::Update<Employee>::)?set
#include "query_employee.hpp"

auto query() {
  return iceaxe::update<Employee>().set(E.age, "x");
}  // text into an integer column
