// expect: this member's type has no PostgreSQL mapping
#include <iceaxe/iceaxe.hpp>

struct Address {  // no to_json / from_json
  std::string city;
};

struct Office : iceaxe::TableBase {
  std::optional<int64_t> id;
  Address address;
};
ICEAXE_TABLE(Office, (id, {.primary_key = true}), address)
