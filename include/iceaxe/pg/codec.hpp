#pragma once

// Binary codecs: how a C++ value travels as a PostgreSQL binary-format value.
//
// Codec<T> is specialised per C++ type with:
//   static constexpr Oid oid;                  type the value is sent as
//   static constexpr Oid array_oid;            type of an array of it (0: no arrays)
//   static constexpr std::string_view name;    PostgreSQL type name, for messages
//   static bool accepts(Oid) noexcept;         result column types it can read
//   static void encode(const T&, std::string&) appends the payload (no length prefix);
//                                              throws ValueError if it cannot be sent
//   static T decode(std::string_view, Oid)     reads a non-NULL payload of a column of an
//                                              accepted type; throws ValueError if malformed
// and optionally
//   static void decode_into(std::string_view, Oid, T&)
//                                              decode() into an existing value, reusing its
//                                              storage (read into fresh objects without a move)
//   static constexpr bool text_format = true;  encode() writes the text format instead (for
//                                              types whose binary form needs a server-side
//                                              OID, such as arrays of user enums)
// std::optional<T> is the nullable form of any codec type (NULL <-> nullopt).

#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "iceaxe/pg/errors.hpp"
#include "iceaxe/pg/oid.hpp"
#include "iceaxe/pg/wire.hpp"

namespace iceaxe::pg {

template <class T>
struct Codec;

template <class T>
concept Encodable = requires(const T& v, std::string& out) {
  { Codec<T>::oid } -> std::convertible_to<Oid>;
  Codec<T>::encode(v, out);
};

template <class T>
concept Decodable = requires(std::string_view bytes, Oid type) {
  { Codec<T>::decode(bytes, type) } -> std::same_as<T>;
  { Codec<T>::accepts(type) } -> std::same_as<bool>;
};

template <class T>
concept decodes_in_place = requires(std::string_view bytes, Oid type, T& out) {
  Codec<T>::decode_into(bytes, type, out);
};

// Whether Codec<T> sends text rather than binary.
template <class T>
inline constexpr bool sends_text = [] {
  if constexpr (requires { Codec<T>::text_format; }) {
    return Codec<T>::text_format;
  } else {
    return false;
  }
}();

// Types whose binary form is their value's bits, big-endian: arrays of them are written
// straight from the bits, not value by value through the codec.
template <class T>
concept sent_as_bits = std::is_same_v<T, std::int16_t> || std::is_same_v<T, std::int32_t> ||
    std::is_same_v<T, std::int64_t> || std::is_same_v<T, float> || std::is_same_v<T, double>;
// The unsigned integer holding a sent_as_bits value's bits.
template <sent_as_bits T>
using bits_t = std::conditional_t<sizeof(T) == 8, std::uint64_t,
                                  std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint16_t>>;

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
inline constexpr bool is_optional_v = is_optional<T>::value;

namespace detail {
[[noreturn]] void throw_bad_length(std::string_view type, std::size_t expected, std::size_t got);
[[noreturn]] void throw_nul_in_text();

inline void check_length(std::string_view bytes, std::size_t expected, std::string_view type) {
  if (bytes.size() != expected) throw_bad_length(type, expected, bytes.size());
}

inline bool is_text_like(Oid type) noexcept {
  switch (type) {
    case oid::text:
    case oid::varchar:
    case oid::bpchar:
    case oid::name:
    case oid::unknown:
    case oid::char_:
      return true;
    default:
      // Enums and domains over text send their text as is.
      return type >= oid::first_normal_object_id;
  }
}
}  // namespace detail

template <>
struct Codec<bool> {
  static constexpr Oid oid = oid::bool_;
  static constexpr Oid array_oid = oid::bool_array;
  static constexpr std::string_view name = "boolean";
  static bool accepts(Oid type) noexcept { return type == oid::bool_; }
  static void encode(bool v, std::string& out) { out.push_back(v ? '\1' : '\0'); }
  static bool decode(std::string_view bytes, Oid) {
    detail::check_length(bytes, 1, name);
    return bytes[0] != 0;
  }
};

// Integers read from any narrower-or-equal integer column; a wider column is refused
// (it could hold values that do not fit).
template <class T, Oid Type, Oid ArrayType, const char* Name>
struct IntegerCodec {
  static constexpr Oid oid = Type;
  static constexpr Oid array_oid = ArrayType;
  static constexpr std::string_view name = Name;
  static bool accepts(Oid type) noexcept {
    switch (type) {
      case oid::int2:
        return true;
      case oid::int4:
        return sizeof(T) >= 4;
      case oid::int8:
        return sizeof(T) >= 8;
      default:
        return false;
    }
  }
  static void encode(T v, std::string& out) { wire::put<T>(out, v); }
  static T decode(std::string_view bytes, Oid type) {
    switch (bytes.size()) {
      case 2:
        return static_cast<T>(wire::get<std::int16_t>(bytes.data()));
      case 4:
        if (sizeof(T) >= 4) return static_cast<T>(wire::get<std::int32_t>(bytes.data()));
        break;
      case 8:
        if (sizeof(T) >= 8) return static_cast<T>(wire::get<std::int64_t>(bytes.data()));
        break;
    }
    detail::throw_bad_length(name, type == oid::int2 ? 2 : type == oid::int4 ? 4 : 8, bytes.size());
  }
};

namespace detail {
inline constexpr char int2_name[] = "smallint";
inline constexpr char int4_name[] = "integer";
inline constexpr char int8_name[] = "bigint";
}  // namespace detail

template <>
struct Codec<std::int16_t>
    : IntegerCodec<std::int16_t, oid::int2, oid::int2_array, detail::int2_name> {};
template <>
struct Codec<std::int32_t>
    : IntegerCodec<std::int32_t, oid::int4, oid::int4_array, detail::int4_name> {};
template <>
struct Codec<std::int64_t>
    : IntegerCodec<std::int64_t, oid::int8, oid::int8_array, detail::int8_name> {};

template <>
struct Codec<float> {
  static constexpr Oid oid = oid::float4;
  static constexpr Oid array_oid = oid::float4_array;
  static constexpr std::string_view name = "real";
  static bool accepts(Oid type) noexcept { return type == oid::float4; }
  static void encode(float v, std::string& out) {
    wire::put<std::uint32_t>(out, std::bit_cast<std::uint32_t>(v));
  }
  static float decode(std::string_view bytes, Oid) {
    detail::check_length(bytes, 4, name);
    return std::bit_cast<float>(wire::get<std::uint32_t>(bytes.data()));
  }
};

template <>
struct Codec<double> {
  static constexpr Oid oid = oid::float8;
  static constexpr Oid array_oid = oid::float8_array;
  static constexpr std::string_view name = "double precision";
  static bool accepts(Oid type) noexcept { return type == oid::float8 || type == oid::float4; }
  static void encode(double v, std::string& out) {
    wire::put<std::uint64_t>(out, std::bit_cast<std::uint64_t>(v));
  }
  static double decode(std::string_view bytes, Oid type) {
    if (type == oid::float4) return Codec<float>::decode(bytes, type);
    detail::check_length(bytes, 8, name);
    return std::bit_cast<double>(wire::get<std::uint64_t>(bytes.data()));
  }
};

// Text is sent as `text`; PostgreSQL text cannot hold a NUL byte, so one is refused here
// rather than truncated. The server checks the encoding (invalid UTF-8 is its error).
template <>
struct Codec<std::string_view> {
  static constexpr Oid oid = oid::text;
  static constexpr Oid array_oid = oid::text_array;
  static constexpr std::string_view name = "text";
  static void encode(std::string_view v, std::string& out) {
    if (v.find('\0') != std::string_view::npos) detail::throw_nul_in_text();
    out.append(v);
  }
};

template <>
struct Codec<std::string> {
  static constexpr Oid oid = oid::text;
  static constexpr Oid array_oid = oid::text_array;
  static constexpr std::string_view name = "text";
  static bool accepts(Oid type) noexcept { return detail::is_text_like(type) || type == oid::json; }
  static void encode(const std::string& v, std::string& out) {
    Codec<std::string_view>::encode(v, out);
  }
  static std::string decode(std::string_view bytes, Oid) { return std::string(bytes); }
  static void decode_into(std::string_view bytes, Oid, std::string& out) {
    if (bytes.size() <= out.capacity()) {
      out.assign(bytes);
    } else {
      out = std::string(bytes);  // a fresh buffer: cheaper built than through assign()
    }
  }
};

template <>
struct Codec<const char*> : Codec<std::string_view> {};

// bytea: raw bytes.
template <>
struct Codec<std::vector<std::byte>> {
  static constexpr Oid oid = oid::bytea;
  static constexpr Oid array_oid = oid::bytea_array;
  static constexpr std::string_view name = "bytea";
  static bool accepts(Oid type) noexcept { return type == oid::bytea; }
  static void encode(const std::vector<std::byte>& v, std::string& out) {
    out.append(reinterpret_cast<const char*>(v.data()), v.size());
  }
  static std::vector<std::byte> decode(std::string_view bytes, Oid) {
    const auto* p = reinterpret_cast<const std::byte*>(bytes.data());
    return std::vector<std::byte>(p, p + bytes.size());
  }
};

}  // namespace iceaxe::pg
