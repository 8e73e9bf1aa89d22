// expect: time_with_time_zone_is_not_supported
#include <iceaxe/iceaxe.hpp>

struct Shift : iceaxe::TableBase {
  std::optional<int64_t> id;
  iceaxe::TimeOfDay starts_at;
};
ICEAXE_TABLE(Shift, (id, {.primary_key = true}),
             (starts_at, {.postgres_config = iceaxe::PostgresTime{.timezone = true}}))
