// expect: excluded_field_cannot_be_primary_key
#include <iceaxe/iceaxe.hpp>

struct Office : iceaxe::TableBase {
  std::optional<int64_t> id;
  std::string name;
};
ICEAXE_TABLE(Office, (id, {.primary_key = true, .exclude = true}), name)
