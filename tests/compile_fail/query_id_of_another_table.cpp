// expect: Office::id>. and .iceaxe::Id<(struct )?EmployeeTag>
#include <iceaxe/iceaxe.hpp>

struct Office : iceaxe::TableBase {
  std::optional<iceaxe::Id<struct OfficeTag>> id;
  std::string name;
};
ICEAXE_TABLE(Office, (id, {.primary_key = true}), name)

struct EmployeeTag;

// An employee's id is no office's id.
iceaxe::Condition condition() {
  return iceaxe::columns<Office>.id == iceaxe::Id<EmployeeTag>(1);
}
