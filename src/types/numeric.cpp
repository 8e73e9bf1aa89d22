#include "iceaxe/types/numeric.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <ostream>
#include <utility>

#include "iceaxe/pg/errors.hpp"

namespace iceaxe {

namespace {

bool iequals(std::string_view a, std::string_view b) noexcept {
  return std::ranges::equal(
      a, b, [](char x, char y) { return (x >= 'A' && x <= 'Z' ? x - 'A' + 'a' : x) == y; });
}

[[noreturn]] void throw_invalid(std::string_view text) {
  constexpr std::size_t shown = 64;
  throw ValueError("invalid numeric \"" + std::string(text.substr(0, shown)) +
                   (text.size() > shown ? "...\"" : "\"") +
                   ": expected digits with an optional sign, point and exponent, "
                   "NaN, Infinity or -Infinity");
}

}  // namespace

Numeric::Numeric(std::string_view text) {
  std::string_view s = text;
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.size() == text.size() && iequals(s, "nan")) {
    *this = nan();
    return;
  }
  if (iequals(s, "infinity") || iequals(s, "inf")) {
    *this = infinity(negative);
    return;
  }

  std::string digits;
  std::int64_t fraction_digits = 0;
  bool seen_point = false;
  std::size_t i = 0;
  for (; i < s.size(); ++i) {
    if (s[i] >= '0' && s[i] <= '9') {
      digits.push_back(s[i]);
      fraction_digits += seen_point;
    } else if (s[i] == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (digits.empty()) throw_invalid(text);

  std::int64_t exponent = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool negative_exponent = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative_exponent = s[i++] == '-';
    if (i == s.size()) throw_invalid(text);
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
      exponent = exponent * 10 + (s[i] - '0');
      // Far beyond any representable value; stops the accumulator from overflowing.
      if (exponent > 10'000'000) throw_invalid(text);
    }
    if (negative_exponent) exponent = -exponent;
  }
  if (i != s.size()) throw_invalid(text);

  const std::int64_t scale = fraction_digits - exponent;
  // from_parts checks the real limits (after dropping leading zeros: "0e99999" is 0).
  if (scale < std::numeric_limits<std::int32_t>::min() ||
      scale > std::numeric_limits<std::int32_t>::max()) {
    throw ValueError("numeric \"" + std::string(text.substr(0, 64)) + "\" is out of range");
  }
  *this = from_parts(negative, std::move(digits), static_cast<std::int32_t>(scale));
}

Numeric Numeric::from_parts(bool negative, std::string digits, std::int32_t scale) {
  if (digits.empty() || !std::ranges::all_of(digits, [](char c) { return c >= '0' && c <= '9'; })) {
    throw ValueError("numeric digits must be a non-empty string of 0-9");
  }
  const std::size_t first = digits.find_first_not_of('0');
  Numeric result;
  if (first == std::string::npos) {  // zero: no sign, no negative scale
    result.scale_ = std::max(scale, 0);
  } else {
    digits.erase(0, first);
    const std::int64_t integer_digits = static_cast<std::int64_t>(digits.size()) - scale;
    if (integer_digits > max_integer_digits) {
      throw ValueError("numeric value out of range: " + std::to_string(integer_digits) +
                       " digits before the point (PostgreSQL holds at most " +
                       std::to_string(max_integer_digits) + ")");
    }
    if (scale < 0) {
      digits.append(static_cast<std::size_t>(-static_cast<std::int64_t>(scale)), '0');
      scale = 0;
    }
    result.negative_ = negative;
    result.scale_ = scale;
    result.digits_ = std::move(digits);
  }
  if (result.scale_ > max_scale) {
    throw ValueError("numeric value out of range: " + std::to_string(result.scale_) +
                     " digits after the point (PostgreSQL holds at most " +
                     std::to_string(max_scale) + ")");
  }
  return result;
}

void Numeric::set_integer(bool negative, std::uint64_t magnitude) {
  char buffer[20];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, magnitude).ptr;
  digits_.assign(buffer, end);
  negative_ = negative && magnitude != 0;
}

std::string Numeric::to_string() const {
  switch (kind_) {
    case Kind::nan:
      return "NaN";
    case Kind::infinity:
      return "Infinity";
    case Kind::negative_infinity:
      return "-Infinity";
    case Kind::finite:
      break;
  }
  const auto scale = static_cast<std::size_t>(scale_);
  std::string out;
  out.reserve(digits_.size() + scale + 3);
  if (negative_) out.push_back('-');
  if (scale == 0) {
    out += digits_;
  } else if (digits_.size() <= scale) {
    out += "0.";
    out.append(scale - digits_.size(), '0');
    out += digits_;
  } else {
    out.append(digits_, 0, digits_.size() - scale);
    out.push_back('.');
    out.append(digits_, digits_.size() - scale);
  }
  return out;
}

double Numeric::to_double() const noexcept {
  switch (kind_) {
    case Kind::nan:
      return std::numeric_limits<double>::quiet_NaN();
    case Kind::infinity:
      return HUGE_VAL;
    case Kind::negative_infinity:
      return -HUGE_VAL;
    case Kind::finite:
      break;
  }
  // digits × 10^-scale in scientific notation, correctly rounded by from_chars.
  char exponent[16];
  const auto exponent_end =
      std::to_chars(exponent, exponent + sizeof exponent, -static_cast<std::int64_t>(scale_)).ptr;
  std::string text = digits_;
  text.push_back('e');
  text.append(exponent, exponent_end);
  double value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc::result_out_of_range) {
    const bool overflow = static_cast<std::int64_t>(digits_.size()) > scale_;
    value = overflow ? HUGE_VAL : 0.0;
  }
  return negative_ ? -value : value;
}

int Numeric::compare(const Numeric& a, const Numeric& b) noexcept {
  if (a.kind_ != b.kind_) return a.kind_ < b.kind_ ? -1 : 1;
  if (!a.is_finite()) return 0;
  if (a.negative_ != b.negative_) return a.negative_ ? -1 : 1;
  int magnitude = 0;
  if (a.is_zero() || b.is_zero()) {
    magnitude = (a.is_zero() ? 0 : 1) - (b.is_zero() ? 0 : 1);
  } else {
    // Same number of digits before the point, then digit by digit (missing ones are 0).
    const std::int64_t ea = static_cast<std::int64_t>(a.digits_.size()) - a.scale_;
    const std::int64_t eb = static_cast<std::int64_t>(b.digits_.size()) - b.scale_;
    if (ea != eb) {
      magnitude = ea < eb ? -1 : 1;
    } else {
      const std::size_t n = std::max(a.digits_.size(), b.digits_.size());
      for (std::size_t i = 0; i < n && magnitude == 0; ++i) {
        const char da = i < a.digits_.size() ? a.digits_[i] : '0';
        const char db = i < b.digits_.size() ? b.digits_[i] : '0';
        magnitude = da == db ? 0 : da < db ? -1 : 1;
      }
    }
  }
  return a.negative_ ? -magnitude : magnitude;
}

std::ostream& operator<<(std::ostream& os, const Numeric& value) {
  return os << value.to_string();
}

}  // namespace iceaxe
