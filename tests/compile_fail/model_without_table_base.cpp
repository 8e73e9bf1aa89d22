// expect: a model derives from TableBase
#include <iceaxe/iceaxe.hpp>

struct Office {  // not derived from iceaxe::TableBase
  std::optional<int64_t> id;
  std::string name;
};
ICEAXE_TABLE(Office, (id, {.primary_key = true}), name)
