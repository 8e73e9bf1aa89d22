#pragma once

// iceaxe::Numeric: an exact decimal as PostgreSQL's numeric holds it. A finite value is
// sign × digits × 10^-scale, where the scale (digits after the point) is kept as given:
// "1.50" stays "1.50". NaN and ±Infinity are values too. Limits are the server's: at
// most 131072 digits before the point and 16383 after, so every Numeric can be stored.

#include <compare>
#include <concepts>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <type_traits>

namespace iceaxe {

namespace detail {
template <class T>
concept non_bool_integral = std::integral<T> && !std::same_as<T, bool>;
}  // namespace detail

class Numeric {
 public:
  static constexpr std::int32_t max_integer_digits = 131072;
  static constexpr std::int32_t max_scale = 16383;

  Numeric() = default;  // 0

  // Implicit from any integer type (not bool): the conversion is exact.
  template <detail::non_bool_integral I>
  Numeric(I value) {
    if constexpr (std::is_signed_v<I>) {
      const bool negative = value < 0;
      // Magnitude in unsigned arithmetic: -INT64_MIN does not fit in int64_t.
      const auto magnitude =
          negative ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
      set_integer(negative, magnitude);
    } else {
      set_integer(false, value);
    }
  }

  // Parses "123.4500", "-0.001", "1.5e3", "NaN", "Infinity", "-Infinity" (also "inf",
  // any case, and a leading '+'). Throws ValueError on anything else or beyond the limits.
  explicit Numeric(std::string_view text);

  static Numeric nan() noexcept { return Numeric(Kind::nan); }
  static Numeric infinity(bool negative = false) noexcept {
    return Numeric(negative ? Kind::negative_infinity : Kind::infinity);
  }
  // sign × digits × 10^-scale from its parts (the codec's path); digits are '0'-'9',
  // leading zeros allowed. Throws ValueError on bad digits or beyond the limits.
  static Numeric from_parts(bool negative, std::string digits, std::int32_t scale);

  bool is_nan() const noexcept { return kind_ == Kind::nan; }
  bool is_infinite() const noexcept {
    return kind_ == Kind::infinity || kind_ == Kind::negative_infinity;
  }
  bool is_finite() const noexcept { return kind_ == Kind::finite; }
  bool is_zero() const noexcept { return is_finite() && digits_ == "0"; }
  // True for negative finite values and -Infinity (there is no -0).
  bool is_negative() const noexcept { return negative_ || kind_ == Kind::negative_infinity; }
  // Finite values: the digits without sign, point or leading zeros ("0" for zero).
  std::string_view digits() const noexcept { return digits_; }
  // Finite values: digits after the point (0 for NaN and infinities).
  std::int32_t scale() const noexcept { return scale_; }

  // PostgreSQL's text form, scale kept: "123.4500", "-0.001", "NaN", "-Infinity".
  std::string to_string() const;
  // The nearest double (±inf beyond its range).
  double to_double() const noexcept;

  // Numeric equality and order, as PostgreSQL compares: 1.0 == 1.00, NaN == NaN, and
  // -Infinity < finite values < Infinity < NaN.
  friend bool operator==(const Numeric& a, const Numeric& b) noexcept { return compare(a, b) == 0; }
  friend std::weak_ordering operator<=>(const Numeric& a, const Numeric& b) noexcept {
    const int c = compare(a, b);
    return c < 0   ? std::weak_ordering::less
           : c > 0 ? std::weak_ordering::greater
                   : std::weak_ordering::equivalent;
  }

 private:
  // Ordered as PostgreSQL sorts them.
  enum class Kind : std::uint8_t { negative_infinity, finite, infinity, nan };

  explicit Numeric(Kind kind) noexcept : kind_(kind), digits_() {}
  void set_integer(bool negative, std::uint64_t magnitude);
  static int compare(const Numeric& a, const Numeric& b) noexcept;

  Kind kind_ = Kind::finite;
  bool negative_ = false;
  std::int32_t scale_ = 0;
  std::string digits_ = "0";  // empty unless finite
};

std::ostream& operator<<(std::ostream& os, const Numeric& value);

}  // namespace iceaxe
