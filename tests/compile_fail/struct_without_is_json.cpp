// expect: member_type_has_no_postgres_mapping_set_is_json_for_a_json_column
#include <iceaxe/iceaxe.hpp>

struct Address {
  std::string city;
  NLOHMANN_DEFINE_TYPE_INTRUSIVE(Address, city)
};

struct Office : iceaxe::TableBase {
  std::optional<int64_t> id;
  Address address;  // converts to JSON, but is not declared .is_json = true
};
ICEAXE_TABLE(Office, (id, {.primary_key = true}), address)
