// expect: nested_vectors_would_be_multi_dimensional_arrays_which_are_not_supported
#include <iceaxe/iceaxe.hpp>

struct Grid : iceaxe::TableBase {
  std::optional<int64_t> id;
  std::vector<std::vector<int32_t>> cells;
};
ICEAXE_TABLE(Grid, (id, {.primary_key = true}), cells)
