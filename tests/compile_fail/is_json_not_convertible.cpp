// expect: member_type_does_not_convert_to_json_define_to_json_and_from_json
#include <iceaxe/iceaxe.hpp>

struct Office : iceaxe::TableBase {
  std::optional<int64_t> id;
  iceaxe::Uuid token;  // a mapped type that nlohmann::json cannot convert
};
ICEAXE_TABLE(Office, (id, {.primary_key = true}), (token, {.is_json = true}))
