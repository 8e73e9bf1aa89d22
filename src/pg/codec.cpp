#include "iceaxe/pg/codec.hpp"

#include <fmt/format.h>

namespace iceaxe::pg::detail {

void throw_bad_length(std::string_view type, std::size_t expected, std::size_t got) {
  throw ValueError(
      fmt::format("malformed {} value: expected {} bytes, got {}", type, expected, got));
}

void throw_nul_in_text() {
  throw ValueError("text cannot contain a NUL byte (PostgreSQL text does not allow \\0)");
}

}  // namespace iceaxe::pg::detail
