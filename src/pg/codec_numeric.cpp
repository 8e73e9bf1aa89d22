#include "iceaxe/pg/codec_numeric.hpp"

#include <algorithm>

namespace iceaxe::pg::detail {

namespace {

constexpr std::uint16_t sign_positive = 0x0000;
constexpr std::uint16_t sign_negative = 0x4000;
constexpr std::uint16_t sign_nan = 0xC000;
constexpr std::uint16_t sign_infinity = 0xD000;
constexpr std::uint16_t sign_negative_infinity = 0xF000;
constexpr std::int64_t max_dscale = 0x3FFF;

// Floor division by 4: the base-10000 group holding decimal exponent e.
constexpr std::int64_t group_of(std::int64_t e) noexcept {
  return e >= 0 ? e / 4 : -((-e + 3) / 4);
}

void put_header(std::string& out, std::uint16_t ndigits, std::int16_t weight, std::uint16_t sign,
                std::uint16_t dscale) {
  wire::put<std::uint16_t>(out, ndigits);  // the server reads it as unsigned
  wire::put<std::int16_t>(out, weight);
  wire::put<std::uint16_t>(out, sign);
  wire::put<std::uint16_t>(out, dscale);
}

[[noreturn]] void throw_malformed(const std::string& why) {
  throw ValueError("malformed numeric value: " + why);
}

}  // namespace

void encode_numeric(const Numeric& value, std::string& out) {
  if (value.is_nan()) return put_header(out, 0, 0, sign_nan, 0);
  if (value.is_infinite()) {
    return put_header(out, 0, 0, value.is_negative() ? sign_negative_infinity : sign_infinity, 0);
  }
  const std::string_view digits = value.digits();
  const std::int64_t scale = value.scale();
  if (value.is_zero())
    return put_header(out, 0, 0, sign_positive, static_cast<std::uint16_t>(scale));

  // Digit i stands for 10^(top - i). Groups run from the first digit's down to the last
  // non-zero digit's: no leading or trailing zero groups.
  const auto size = static_cast<std::int64_t>(digits.size());
  const std::int64_t top = size - scale - 1;
  const auto last_nonzero = static_cast<std::int64_t>(digits.find_last_not_of('0'));
  const std::int64_t weight = group_of(top);
  const std::int64_t bottom = group_of(top - last_nonzero);
  // Numeric's own limits keep these in range; this guards the wire format regardless.
  if (weight > INT16_MAX || bottom < INT16_MIN || scale > max_dscale) {
    throw ValueError("numeric value " + value.to_string().substr(0, 40) +
                     "... is outside the range of PostgreSQL's numeric");
  }
  put_header(out, static_cast<std::uint16_t>(weight - bottom + 1),
             static_cast<std::int16_t>(weight), value.is_negative() ? sign_negative : sign_positive,
             static_cast<std::uint16_t>(scale));
  for (std::int64_t group = weight; group >= bottom; --group) {
    int group_value = 0;
    for (std::int64_t e = 4 * group + 3; e >= 4 * group; --e) {
      const std::int64_t i = top - e;
      group_value = group_value * 10 + (i >= 0 && i < size ? digits[i] - '0' : 0);
    }
    wire::put<std::int16_t>(out, static_cast<std::int16_t>(group_value));
  }
}

Numeric decode_numeric(std::string_view bytes) {
  if (bytes.size() < 8) {
    throw_malformed(std::to_string(bytes.size()) + " bytes, shorter than its 8-byte header");
  }
  const std::size_t ndigits = wire::get<std::uint16_t>(bytes.data());
  const std::int64_t weight = wire::get<std::int16_t>(bytes.data() + 2);
  const std::uint16_t sign = wire::get<std::uint16_t>(bytes.data() + 4);
  const std::int64_t dscale = wire::get<std::uint16_t>(bytes.data() + 6);
  if (bytes.size() != 8 + 2 * ndigits) {
    throw_malformed(std::to_string(bytes.size()) + " bytes for " + std::to_string(ndigits) +
                    " digits");
  }
  if (dscale > max_dscale) throw_malformed("display scale " + std::to_string(dscale));

  std::string digits;
  digits.reserve(4 * ndigits);
  for (std::size_t i = 0; i < ndigits; ++i) {
    const std::int16_t group = wire::get<std::int16_t>(bytes.data() + 8 + 2 * i);
    if (group < 0 || group > 9999) throw_malformed("digit group " + std::to_string(group));
    const char chars[4] = {
        static_cast<char>('0' + group / 1000), static_cast<char>('0' + group / 100 % 10),
        static_cast<char>('0' + group / 10 % 10), static_cast<char>('0' + group % 10)};
    digits.append(chars, 4);
  }

  switch (sign) {
    case sign_nan:
      return Numeric::nan();
    case sign_infinity:
      return Numeric::infinity();
    case sign_negative_infinity:
      return Numeric::infinity(true);
    case sign_positive:
    case sign_negative:
      break;
    default:
      throw_malformed("sign word " + std::to_string(sign));
  }
  if (ndigits == 0) return Numeric::from_parts(false, "0", static_cast<std::int32_t>(dscale));

  // The groups as one integer stand for digits × 10^-digits_scale; rescale to dscale.
  const std::int64_t digits_scale = 4 * (static_cast<std::int64_t>(ndigits) - 1 - weight);
  if (digits_scale < dscale) {
    digits.append(static_cast<std::size_t>(dscale - digits_scale), '0');
  } else if (digits_scale > dscale) {
    // The server rounds to dscale before sending: digits beyond it would be dropped data.
    const auto extra = static_cast<std::size_t>(
        std::min<std::int64_t>(digits_scale - dscale, static_cast<std::int64_t>(digits.size())));
    if (digits.find_first_not_of('0', digits.size() - extra) != std::string::npos) {
      throw_malformed("non-zero digits beyond its display scale " + std::to_string(dscale));
    }
    digits.resize(digits.size() - extra);
    if (digits.empty()) digits = "0";
  }
  return Numeric::from_parts(sign == sign_negative, std::move(digits),
                             static_cast<std::int32_t>(dscale));
}

}  // namespace iceaxe::pg::detail
