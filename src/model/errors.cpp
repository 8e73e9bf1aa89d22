// Errors of reading and binding model fields.

#include <fmt/format.h>

#include "iceaxe/model/reader.hpp"

namespace iceaxe::detail {

void throw_field_error(std::string_view model, std::string_view field, std::string_view what) {
  throw ValueError(fmt::format("{}.{}: {}", model, field, what));
}

void throw_too_few_columns(std::string_view model, int needed, int present) {
  throw UsageError(
      fmt::format("reading {} needs {} result columns, the result has {}", model, needed, present));
}

}  // namespace iceaxe::detail
