// expect: from .+int.+ to non-scalar type .+Id<|no viable conversion from .int. to .+Id<
#include <iceaxe/iceaxe.hpp>

void make() {
  iceaxe::Id<struct EmployeeTag> id = 5;  // explicit construction only: Id<EmployeeTag>(5)
  (void)id;
}
