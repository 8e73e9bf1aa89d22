// expect: no matching function for call to .+::one\(\)|function .one.: constraints not satisfied
#include <iceaxe/iceaxe.hpp>

struct Employee : iceaxe::TableBase {
  std::optional<int64_t> id;
  std::string name;
  int32_t age = 0;
};
ICEAXE_TABLE(Employee, (id, {.primary_key = true}), name, age)

struct Office : iceaxe::TableBase {
  std::optional<iceaxe::Id<struct OfficeTag>> id;
  std::string name;
};
ICEAXE_TABLE(Office, (id, {.primary_key = true}), name)

// one() reads one object: a select of one whole table only.
auto query() {
  return iceaxe::select<Employee, Office>().one();
}
