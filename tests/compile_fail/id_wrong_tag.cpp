// expect: no match for .+operator=|no viable overloaded .=.
#include <iceaxe/iceaxe.hpp>

struct Employee : iceaxe::TableBase {
  std::optional<iceaxe::Id<struct EmployeeTag>> id;
  std::string name;
};
ICEAXE_TABLE(Employee, (id, {.primary_key = true}), name)

void assign(Employee& e, iceaxe::Id<struct OfficeTag> office) {
  e.id = office;  // an office's id is not an employee's
}
