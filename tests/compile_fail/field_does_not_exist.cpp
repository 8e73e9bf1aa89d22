// expect: nmae.* is not a member of|no member named .nmae.
#include <iceaxe/iceaxe.hpp>

struct Office : iceaxe::TableBase {
  std::optional<int64_t> id;
  std::string name;
};
ICEAXE_TABLE(Office, (id, {.primary_key = true}), nmae)
