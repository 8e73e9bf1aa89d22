// expect: no matching function for call to .sum
#include "query_employee.hpp"

auto total() {
  return iceaxe::func::sum(E.name);
}  // sum() takes numbers
