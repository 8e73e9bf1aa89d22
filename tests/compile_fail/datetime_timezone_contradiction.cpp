// expect: postgres_datetime_timezone_contradicts_the_member_type
#include <iceaxe/iceaxe.hpp>

struct Event : iceaxe::TableBase {
  std::optional<int64_t> id;
  std::chrono::sys_time<std::chrono::microseconds> at;  // timestamp WITH time zone
};
ICEAXE_TABLE(Event, (id, {.primary_key = true}),
             (at, {.postgres_config = iceaxe::PostgresDateTime{.timezone = false}}))
