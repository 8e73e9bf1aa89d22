// expect: this member's type has no PostgreSQL mapping
#include <mutex>

#include <iceaxe/iceaxe.hpp>

struct Office : iceaxe::TableBase {
  std::optional<int64_t> id;
  std::mutex lock;
};
ICEAXE_TABLE(Office, (id, {.primary_key = true}), lock)
