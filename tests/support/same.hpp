#pragma once

// Exact sameness of round-tripped values: bitwise for floating point (NaN, -0.0), digits
// and scale for Numeric, element by element for vectors and optionals.

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <optional>
#include <type_traits>
#include <vector>

#include "iceaxe/types/numeric.hpp"

namespace iceaxe::test {

template <class T>
inline constexpr bool is_element_vector = false;
template <class T>
inline constexpr bool is_element_vector<std::vector<T>> = !std::is_same_v<T, std::byte>;

template <class T>
bool same(const T& a, const T& b) {
  if constexpr (std::is_floating_point_v<T>) {
    return (std::isnan(a) && std::isnan(b)) || std::bit_cast<std::array<char, sizeof(T)>>(a) ==
                                                   std::bit_cast<std::array<char, sizeof(T)>>(b);
  } else if constexpr (std::is_same_v<T, Numeric>) {
    return a.to_string() == b.to_string();
  } else if constexpr (requires {
                         a.has_value();
                         *a;
                       }) {
    return a.has_value() == b.has_value() && (!a || same(*a, *b));
  } else if constexpr (is_element_vector<T>) {
    return std::ranges::equal(
        a, b, [](const auto& x, const auto& y) { return same<typename T::value_type>(x, y); });
  } else {
    return a == b;
  }
}

}  // namespace iceaxe::test
