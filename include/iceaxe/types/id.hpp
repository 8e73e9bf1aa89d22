#pragma once

// Strong identifiers: Id<struct EmployeeTag> and Id<struct OfficeTag> are different types,
// so an office's id cannot be stored in an employee's field by mistake. Stored as `Int`.

#include <compare>
#include <concepts>
#include <cstdint>
#include <functional>
#include <ostream>

namespace iceaxe {

// Int: std::int16_t, std::int32_t or std::int64_t (smallint, integer, bigint).
template <class Tag, class Int = std::int64_t>
requires std::same_as<Int, std::int16_t> || std::same_as<Int, std::int32_t> ||
    std::same_as<Int, std::int64_t>
class Id {
 public:
  using value_type = Int;

  constexpr Id() noexcept = default;
  constexpr explicit Id(Int value) noexcept : value_(value) {}

  constexpr Int value() const noexcept { return value_; }

  friend constexpr bool operator==(const Id&, const Id&) noexcept = default;
  friend constexpr auto operator<=>(const Id&, const Id&) noexcept = default;
  friend std::ostream& operator<<(std::ostream& out, const Id& id) { return out << id.value_; }

 private:
  Int value_ = 0;
};

}  // namespace iceaxe

template <class Tag, class Int>
struct std::hash<iceaxe::Id<Tag, Int>> {
  std::size_t operator()(const iceaxe::Id<Tag, Int>& id) const noexcept {
    return std::hash<Int>{}(id.value());
  }
};

// fmt::format("{}", id) where fmt is available (iceaxe does not require it of its users).
#if __has_include(<fmt/format.h>)
#include <fmt/format.h>
template <class Tag, class Int, class Char>
struct fmt::formatter<iceaxe::Id<Tag, Int>, Char> : fmt::formatter<Int, Char> {
  template <class Context>
  auto format(const iceaxe::Id<Tag, Int>& id, Context& ctx) const {
    return fmt::formatter<Int, Char>::format(id.value(), ctx);
  }
};
#endif
