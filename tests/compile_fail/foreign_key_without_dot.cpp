// expect: foreign_key_is_not_table_dot_column
#include <iceaxe/iceaxe.hpp>

struct Employee : iceaxe::TableBase {
  std::optional<int64_t> id;
  std::optional<int64_t> office_id;
};
ICEAXE_TABLE(Employee, (id, {.primary_key = true}), (office_id, {.foreign_key = "office"}))
