#include "pg/param_arrays.hpp"

namespace iceaxe::pg::detail {

void ParamArrays::lay_out(const Params& params, std::size_t first, std::size_t count) {
  types_.resize(count);
  values_.resize(count);
  lengths_.resize(count);
  formats_.resize(count);
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t at = first + i;
    const auto bytes = params.value(at);
    types_[i] = params.type(at);
    values_[i] = bytes ? bytes->data() : nullptr;
    lengths_[i] = bytes ? static_cast<int>(bytes->size()) : 0;
    formats_[i] = params.is_text(at) ? 0 : 1;
  }
}

}  // namespace iceaxe::pg::detail
