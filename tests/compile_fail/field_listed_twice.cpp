// expect: field_listed_twice
#include <iceaxe/iceaxe.hpp>

struct Office : iceaxe::TableBase {
  std::optional<int64_t> id;
  std::string name;
};
ICEAXE_TABLE(Office, (id, {.primary_key = true}), name, (name, {.unique = true}))
