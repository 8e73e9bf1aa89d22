#pragma once

// Helpers shared by ICEAXE_TABLE and ICEAXE_ENUM: the tag their generated functions are
// found by (argument-dependent lookup, so models live in any namespace), and the
// lower-cased names PostgreSQL objects get.

#include <array>
#include <cstddef>
#include <string_view>

namespace iceaxe::detail {

template <class T>
struct Tag {};

// Names PostgreSQL truncates silently beyond this many bytes (NAMEDATALEN - 1).
inline constexpr std::size_t max_name_length = 63;

template <std::size_t N>
struct FixedName {
  std::array<char, N> chars{};
  constexpr std::string_view view() const noexcept { return {chars.data(), N}; }
};

// "Employee" -> "employee" (ASCII only, as Python iceaxe's str.lower() on identifiers).
template <std::size_t N>
consteval FixedName<N> lowercase(std::string_view name) {
  FixedName<N> out;
  for (std::size_t i = 0; i < N; ++i) {
    const char c = name[i];
    out.chars[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

}  // namespace iceaxe::detail
