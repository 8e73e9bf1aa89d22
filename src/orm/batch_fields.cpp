#include "iceaxe/orm/batch_fields.hpp"

#include <fmt/format.h>

namespace iceaxe::detail {

void throw_batch_field_error(std::string_view model, std::string_view field, std::size_t object,
                             std::string_view what) {
  throw ValueError(fmt::format("{}.{} (object {} of the call): {}", model, field, object, what));
}

std::string batch_cast(const SqlType& type) {
  std::string cast;
  if (!type.enum_name.empty()) {
    cast = pg::quote_identifier(type.enum_name);
  } else if (type.builtin == ColumnType::json) {
    cast = "json";  // values travel as jsonb
  } else {
    return cast;
  }
  if (type.array) cast += "[]";
  return cast;
}

std::string describe_key(std::span<const std::string_view> names, const pg::Params& values) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += ", ";
    fmt::format_to(std::back_inserter(out), "{}={}", names[i], values.render(i));
  }
  return out;
}

}  // namespace iceaxe::detail
