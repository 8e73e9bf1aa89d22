#include "pg/value_text.hpp"

#include <fmt/format.h>

#include <bit>
#include <charconv>
#include <cmath>
#include <iterator>
#include <optional>
#include <type_traits>
#include <vector>

#include "iceaxe/pg/codec_array.hpp"
#include "iceaxe/pg/codec_numeric.hpp"
#include "iceaxe/pg/codec_time.hpp"
#include "iceaxe/pg/codec_uuid.hpp"
#include "iceaxe/pg/wire.hpp"

namespace iceaxe::pg::detail {

namespace {

constexpr std::int64_t micros_per_day = 86'400'000'000;
constexpr int max_array_depth = 4;  // arrays inside arrays only come from malformed input

constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
  return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

struct CivilDate {
  std::int64_t year;
  unsigned month, day;
};

// Proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's algorithm).
CivilDate civil_from_days(std::int64_t z) noexcept {
  z += 719468;
  const std::int64_t era = floor_div(z, 146097);
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const auto day = static_cast<unsigned>(doy - (153 * mp + 2) / 5 + 1);
  const auto month = static_cast<unsigned>(mp < 10 ? mp + 3 : mp - 9);
  return {yoe + era * 400 + (month <= 2), month, day};
}

// PostgreSQL prints year 0 as 1 BC, -1 as 2 BC...
std::string date_part(const CivilDate& date) {
  return fmt::format("{:04}-{:02}-{:02}", date.year > 0 ? date.year : 1 - date.year, date.month,
                     date.day);
}

// "HH:MM:SS" and a fraction without trailing zeros; hours may exceed 24 (intervals).
void append_clock(std::string& out, std::uint64_t micros) {
  fmt::format_to(std::back_inserter(out), "{:02}:{:02}:{:02}", micros / 3'600'000'000,
                 micros / 60'000'000 % 60, micros / 1'000'000 % 60);
  if (const std::uint64_t fraction = micros % 1'000'000; fraction != 0) {
    std::string digits = fmt::format(".{:06}", fraction);
    digits.erase(digits.find_last_not_of('0') + 1);
    out += digits;
  }
}

std::string malformed(std::string_view type) {
  return fmt::format("<malformed {} value>", type);
}

template <class T>
std::string render_float(std::string_view v, std::string_view type) {
  using Bits = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
  if (v.size() != sizeof(T)) return malformed(type);
  const T value = std::bit_cast<T>(wire::get<Bits>(v.data()));
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  char buffer[64];
  return std::string(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

template <class T>
std::string render_integer(std::string_view v, std::string_view type) {
  if (v.size() != sizeof(T)) return malformed(type);
  return fmt::format("{}", wire::get<T>(v.data()));
}

std::string render_interval(std::string_view v) {
  if (v.size() != 16) return malformed("interval");
  const auto micros = wire::get<std::int64_t>(v.data());
  const auto days = wire::get<std::int32_t>(v.data() + 8);
  const auto months = wire::get<std::int32_t>(v.data() + 12);
  // PostgreSQL's "postgres" IntervalStyle: a '+' only where the sign changes to positive.
  std::string out;
  bool is_before = false;
  auto add_part = [&](std::int64_t value, std::string_view unit) {
    if (value == 0) return;
    fmt::format_to(std::back_inserter(out), "{}{}{} {}{}", out.empty() ? "" : " ",
                   is_before && value > 0 ? "+" : "", value, unit, value != 1 ? "s" : "");
    is_before = value < 0;
  };
  add_part(months / 12, "year");
  add_part(months % 12, "mon");
  add_part(days, "day");
  if (out.empty() || micros != 0) {
    if (!out.empty()) out.push_back(' ');
    if (micros < 0) {
      out.push_back('-');
    } else if (is_before) {
      out.push_back('+');
    }
    // Unsigned negation: INT64_MIN has no positive int64 counterpart.
    const auto magnitude =
        micros < 0 ? 0 - static_cast<std::uint64_t>(micros) : static_cast<std::uint64_t>(micros);
    append_clock(out, magnitude);
  }
  return out;
}

std::string render_timestamp(std::string_view v, bool with_zone) {
  const std::string_view type = with_zone ? "timestamptz" : "timestamp";
  if (v.size() != 8) return malformed(type);
  const auto micros = wire::get<std::int64_t>(v.data());
  if (micros == INT64_MAX) return "infinity";
  if (micros == INT64_MIN) return "-infinity";
  return format_timestamp(micros, postgres_epoch_days, with_zone);
}

std::string render(Oid type, std::string_view v, int depth);

bool needs_quotes(std::string_view element) {
  if (element.empty() ||
      (element.size() == 4 && (element[0] | 0x20) == 'n' && (element[1] | 0x20) == 'u' &&
       (element[2] | 0x20) == 'l' && (element[3] | 0x20) == 'l')) {
    return true;
  }
  return element.find_first_of("{},\"\\ \t\n\r\v\f") != std::string_view::npos;
}

// {a,b,NULL}, nested braces per dimension; nullopt when `v` is not a well-formed array.
std::optional<std::string> render_array(std::string_view v, int depth) {
  if (depth >= max_array_depth || v.size() < 12) return std::nullopt;
  const auto dimensions = wire::get<std::int32_t>(v.data());
  const auto flags = wire::get<std::int32_t>(v.data() + 4);
  const auto element = wire::get<std::uint32_t>(v.data() + 8);
  if (dimensions < 0 || dimensions > 6 || (flags != 0 && flags != 1)) return std::nullopt;
  if (v.size() < 12 + 8 * static_cast<std::size_t>(dimensions)) return std::nullopt;
  if (dimensions == 0) return v.size() == 12 ? std::optional<std::string>("{}") : std::nullopt;

  std::vector<std::size_t> sizes;
  std::string bounds;  // "[0:2]" per dimension, printed only if some lower bound is not 1
  bool default_bounds = true;
  std::size_t total = 1;
  std::size_t pos = 12;
  for (int d = 0; d < dimensions; ++d, pos += 8) {
    const auto size = wire::get<std::int32_t>(v.data() + pos);
    const auto lower = wire::get<std::int32_t>(v.data() + pos + 4);
    if (size < 0) return std::nullopt;
    sizes.push_back(static_cast<std::size_t>(size));
    total *= static_cast<std::size_t>(size);
    if (total > v.size() / 4) return std::nullopt;  // each element has a 4-byte length
    default_bounds = default_bounds && lower == 1;
    fmt::format_to(std::back_inserter(bounds), "[{}:{}]", lower,
                   static_cast<std::int64_t>(lower) + size - 1);
  }

  std::string out = default_bounds ? "" : bounds + "=";
  std::vector<std::size_t> index(sizes.size(), 0);
  for (std::size_t n = 0; n < total; ++n) {
    // Open a brace for each dimension whose index just went back to 0.
    std::size_t opened = 0;
    while (opened < sizes.size() && index[sizes.size() - 1 - opened] == 0) ++opened;
    if (n != 0) out.push_back(',');
    out.append(n == 0 ? sizes.size() : opened, '{');

    if (v.size() - pos < 4) return std::nullopt;
    const auto length = wire::get<std::int32_t>(v.data() + pos);
    pos += 4;
    if (length == -1) {
      out += "NULL";
    } else {
      if (length < 0 || static_cast<std::size_t>(length) > v.size() - pos) return std::nullopt;
      const std::string text =
          render(element, v.substr(pos, static_cast<std::size_t>(length)), depth + 1);
      pos += static_cast<std::size_t>(length);
      if (needs_quotes(text)) {
        out.push_back('"');
        for (char c : text) {
          if (c == '"' || c == '\\') out.push_back('\\');
          out.push_back(c);
        }
        out.push_back('"');
      } else {
        out += text;
      }
    }
    // Advance the index, closing a brace for each dimension that completes.
    for (std::size_t d = sizes.size(); d-- > 0;) {
      if (++index[d] < sizes[d]) break;
      index[d] = 0;
      out.push_back('}');
    }
  }
  if (total == 0) out.append(sizes.size(), '{').append(sizes.size(), '}');
  if (pos != v.size()) return std::nullopt;
  return out;
}

std::string render(Oid type, std::string_view v, int depth) {
  switch (type) {
    case oid::bool_:
      return v.size() == 1 ? (v[0] ? "true" : "false") : malformed("boolean");
    case oid::int2:
      return render_integer<std::int16_t>(v, "int2");
    case oid::int4:
      return render_integer<std::int32_t>(v, "int4");
    case oid::int8:
      return render_integer<std::int64_t>(v, "int8");
    case oid::oid:
      return render_integer<std::uint32_t>(v, "oid");
    case oid::float4:
      return render_float<float>(v, "float4");
    case oid::float8:
      return render_float<double>(v, "float8");
    case oid::unspecified:
    case oid::text:
    case oid::varchar:
    case oid::bpchar:
    case oid::name:
    case oid::char_:
    case oid::unknown:
    case oid::json:
      return std::string(v);
    case oid::jsonb:
      if (v.empty() || v[0] != 1) return malformed("jsonb");
      return std::string(v.substr(1));
    case oid::bytea: {
      std::string out = "\\x";
      for (unsigned char c : v) fmt::format_to(std::back_inserter(out), "{:02x}", c);
      return out;
    }
    case oid::uuid:
      if (v.size() != 16) return malformed("uuid");
      return Codec<Uuid>::decode(v, type).to_string();
    case oid::date: {
      if (v.size() != 4) return malformed("date");
      const auto days = wire::get<std::int32_t>(v.data());
      if (days == INT32_MAX) return "infinity";
      if (days == INT32_MIN) return "-infinity";
      return format_date(days + postgres_epoch_days);
    }
    case oid::time: {
      if (v.size() != 8) return malformed("time");
      const auto micros = wire::get<std::int64_t>(v.data());
      if (micros < 0 || micros > micros_per_day) return malformed("time");
      std::string out;
      append_clock(out, static_cast<std::uint64_t>(micros));
      return out;
    }
    case oid::timestamp:
      return render_timestamp(v, false);
    case oid::timestamptz:
      return render_timestamp(v, true);
    case oid::interval:
      return render_interval(v);
    case oid::numeric:
      try {
        return decode_numeric(v).to_string();
      } catch (const ValueError&) {
        return malformed("numeric");
      }
    default:
      break;
  }
  if (array_element_oid(type) != 0) {
    if (auto array = render_array(v, depth)) return *std::move(array);
    return malformed("array");
  }
  if (type >= oid::first_normal_object_id) {
    // User-defined types: arrays of them in binary, enums and domains over text as text
    // (text holds no NUL byte, while an array header starts with one).
    if (auto array = render_array(v, depth)) return *std::move(array);
    if (v.find('\0') == std::string_view::npos) return std::string(v);
  }
  return fmt::format("<{} bytes, type oid {}>", v.size(), type);
}

}  // namespace

std::string format_date(std::int64_t days_since_1970) {
  const CivilDate date = civil_from_days(days_since_1970);
  std::string out = date_part(date);
  if (date.year <= 0) out += " BC";
  return out;
}

std::string format_timestamp(std::int64_t micros, std::int64_t epoch_days, bool with_zone) {
  // Floor division by remainder: days * micros_per_day may not fit in int64.
  std::int64_t days = micros / micros_per_day;
  std::int64_t time_of_day = micros % micros_per_day;
  if (time_of_day < 0) {
    time_of_day += micros_per_day;
    --days;
  }
  const CivilDate date = civil_from_days(days + epoch_days);
  std::string out = date_part(date);
  out.push_back(' ');
  append_clock(out, static_cast<std::uint64_t>(time_of_day));
  if (with_zone) out += "+00";
  if (date.year <= 0) out += " BC";
  return out;
}

std::string render_value(Oid type, std::string_view binary) {
  try {
    return render(type, binary, 0);
  } catch (...) {  // out of memory: a log line must not fail the statement
    return "<unrenderable>";
  }
}

}  // namespace iceaxe::pg::detail
