// expect: postgres_json_config_on_a_member_that_is_no_json_column
#include <iceaxe/iceaxe.hpp>

struct Office : iceaxe::TableBase {
  std::optional<int64_t> id;
  std::string name;  // a text column: PostgresJson does not apply
};
ICEAXE_TABLE(Office, (id, {.primary_key = true}),
             (name, {.postgres_config = iceaxe::PostgresJson{.binary = false}}))
