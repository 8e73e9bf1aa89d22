// expect: foreign_key_action_is_not_one_of_restrict_no_action_cascade_set_default_set_null
#include <iceaxe/iceaxe.hpp>

struct Employee : iceaxe::TableBase {
  std::optional<int64_t> id;
  std::optional<int64_t> office_id;
};
ICEAXE_TABLE(Employee, (id, {.primary_key = true}),
             (office_id, {.foreign_key = "office.id",
                          .postgres_config = iceaxe::PostgresForeignKey{.on_delete = "DELETE"}}))
