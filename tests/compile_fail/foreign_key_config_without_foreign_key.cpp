// expect: postgres_foreign_key_config_without_foreign_key
#include <iceaxe/iceaxe.hpp>

struct Employee : iceaxe::TableBase {
  std::optional<int64_t> id;
  std::optional<int64_t> office_id;
};
ICEAXE_TABLE(Employee, (id, {.primary_key = true}),
             (office_id, {.postgres_config = iceaxe::PostgresForeignKey{.on_delete = "CASCADE"}}))
