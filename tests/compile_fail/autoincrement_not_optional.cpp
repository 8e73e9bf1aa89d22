// expect: autoincrement_needs_an_optional_integer_primary_key
#include <iceaxe/iceaxe.hpp>

struct Office : iceaxe::TableBase {
  int64_t id = 0;  // not std::optional: there is no "not assigned yet"
  std::string name;
};
ICEAXE_TABLE(Office, (id, {.primary_key = true, .autoincrement = true}), name)
