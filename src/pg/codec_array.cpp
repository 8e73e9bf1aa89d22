#include "iceaxe/pg/codec_array.hpp"

#include <fmt/format.h>

namespace iceaxe::pg::detail {

void throw_malformed_array(std::string_view why) {
  throw ValueError(fmt::format("malformed array value: {}", why));
}

void throw_multi_dimensional(std::int32_t dimensions) {
  throw ValueError(
      fmt::format("multi-dimensional arrays are not supported (got {} dimensions)", dimensions));
}

void throw_array_element_type(Oid element, std::string_view element_type) {
  throw ValueError(fmt::format("an array of element type oid {} cannot be read as an array of {}",
                               element, element_type));
}

void throw_null_element(std::size_t index, std::string_view element_type) {
  throw ValueError(
      fmt::format("array element {} (0-based) is NULL, which a std::vector of {} cannot hold; "
                  "read it as std::vector<std::optional<...>>",
                  index, element_type));
}

void throw_bad_element(std::size_t index, const ValueError& error) {
  throw ValueError(fmt::format("array element {} (0-based): {}", index, error.what()));
}

void throw_array_too_large() {
  throw ValueError("array too large for PostgreSQL (more than 2^31-1 elements or bytes)");
}

}  // namespace iceaxe::pg::detail
