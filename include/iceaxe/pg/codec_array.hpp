#pragma once

// std::vector<T> and std::vector<std::optional<T>> (NULL elements) <-> one-dimensional
// arrays of any codec type T that has an array type. std::vector<std::byte> stays bytea.
//
// Binary array format: int32 ndim, int32 has-nulls flag, uint32 element oid, per dimension
// int32 size and int32 lower bound, then per element int32 length (-1: NULL) and payload.

#include <algorithm>
#include <array>
#include <bit>
#include <limits>
#include <type_traits>

#include "iceaxe/pg/codec.hpp"

namespace iceaxe::pg {

namespace detail {

// The element type of a built-in array type, 0 if `type` is not one.
constexpr Oid array_element_oid(Oid type) noexcept {
  switch (type) {
    case oid::bool_array:
      return oid::bool_;
    case oid::bytea_array:
      return oid::bytea;
    case oid::name_array:
      return oid::name;
    case oid::int2_array:
      return oid::int2;
    case oid::int4_array:
      return oid::int4;
    case oid::text_array:
      return oid::text;
    case oid::bpchar_array:
      return oid::bpchar;
    case oid::varchar_array:
      return oid::varchar;
    case oid::int8_array:
      return oid::int8;
    case oid::float4_array:
      return oid::float4;
    case oid::float8_array:
      return oid::float8;
    case oid::oid_array:
      return oid::oid;
    case oid::timestamp_array:
      return oid::timestamp;
    case oid::date_array:
      return oid::date;
    case oid::time_array:
      return oid::time;
    case oid::timestamptz_array:
      return oid::timestamptz;
    case oid::interval_array:
      return oid::interval;
    case oid::numeric_array:
      return oid::numeric;
    case oid::uuid_array:
      return oid::uuid;
    case oid::json_array:
      return oid::json;
    case oid::jsonb_array:
      return oid::jsonb;
    default:
      return 0;
  }
}

[[noreturn]] void throw_malformed_array(std::string_view why);
[[noreturn]] void throw_multi_dimensional(std::int32_t dimensions);
[[noreturn]] void throw_array_element_type(Oid element, std::string_view element_type);
[[noreturn]] void throw_null_element(std::size_t index, std::string_view element_type);
[[noreturn]] void throw_bad_element(std::size_t index, const ValueError& error);
[[noreturn]] void throw_array_too_large();

template <class T>
concept has_array_type = requires {
  { Codec<T>::array_oid } -> std::convertible_to<Oid>;
}
&&(Codec<T>::array_oid != 0);

// "integer[]" for Codec<std::int32_t>.
template <class T>
struct array_type_name {
  static constexpr std::string_view element = Codec<T>::name;
  static constexpr auto chars = [] {
    std::array<char, element.size() + 2> text{};
    std::ranges::copy(element, text.begin());
    text[element.size()] = '[';
    text[element.size() + 1] = ']';
    return text;
  }();
  static constexpr std::string_view value{chars.data(), chars.size()};
};

template <class Vector, class T, bool Nullable>
struct ArrayCodec {
  using Element = Codec<T>;
  static constexpr Oid oid = Element::array_oid;
  static constexpr Oid array_oid = 0;  // arrays of arrays are multi-dimensional: unsupported
  static constexpr std::string_view name = array_type_name<T>::value;
  static constexpr bool fixed_width = !Nullable && sent_as_bits<T>;

  // Any built-in array type whose element type the element codec reads.
  static bool accepts(Oid type) noexcept {
    const Oid element = array_element_oid(type);
    return element != 0 && Element::accepts(element);
  }

  static void encode(const Vector& v, std::string& out) {
    if (v.size() > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) {
      throw_array_too_large();
    }
    bool has_nulls = false;
    if constexpr (Nullable) has_nulls = std::ranges::any_of(v, [](const auto& e) { return !e; });
    wire::put<std::int32_t>(out, v.empty() ? 0 : 1);
    wire::put<std::int32_t>(out, has_nulls);
    wire::put<std::uint32_t>(out, Element::oid);
    if (v.empty()) return;
    wire::put<std::int32_t>(out, static_cast<std::int32_t>(v.size()));
    wire::put<std::int32_t>(out, 1);  // lower bound
    if constexpr (fixed_width) {
      // Sized once and written in place: appending element by element cost several times
      // more (an `in_` over thousands of keys).
      using Bits = bits_t<T>;
      std::size_t at = out.size();
      out.resize(at + v.size() * (4 + sizeof(T)));
      for (const T e : v) {
        wire::patch<std::int32_t>(out, at, sizeof(T));
        wire::patch<Bits>(out, at + 4, std::bit_cast<Bits>(e));
        at += 4 + sizeof(T);
      }
    } else {
      for (const auto& e : v) {
        if constexpr (Nullable) {
          if (!e) {
            wire::put<std::int32_t>(out, -1);
          } else {
            encode_element(*e, out);
          }
        } else {
          encode_element(e, out);
        }
      }
    }
  }

  static Vector decode(std::string_view bytes, Oid) {
    if (bytes.size() < 12) throw_malformed_array("shorter than its header");
    const auto dimensions = wire::get<std::int32_t>(bytes.data());
    const auto flags = wire::get<std::int32_t>(bytes.data() + 4);
    const auto element = wire::get<std::uint32_t>(bytes.data() + 8);
    if (dimensions < 0) throw_malformed_array("negative number of dimensions");
    if (dimensions > 1) throw_multi_dimensional(dimensions);
    if (flags != 0 && flags != 1) throw_malformed_array("invalid flags");
    if (!Element::accepts(element)) throw_array_element_type(element, Element::name);

    Vector result;
    if (dimensions == 0) {
      if (bytes.size() != 12) throw_malformed_array("trailing bytes after an empty array");
      return result;
    }
    if (bytes.size() < 20) throw_malformed_array("shorter than its dimension header");
    const auto count = wire::get<std::int32_t>(bytes.data() + 12);
    std::size_t pos = 20;  // after the lower bound, which does not matter here
    // Every element takes at least its 4-byte length: bounds the reservation.
    if (count < 0 || static_cast<std::size_t>(count) > (bytes.size() - pos) / 4) {
      throw_malformed_array("element count does not match its size");
    }
    result.reserve(static_cast<std::size_t>(count));
    for (std::size_t i = 0; i < static_cast<std::size_t>(count); ++i) {
      if (bytes.size() - pos < 4) throw_malformed_array("truncated element length");
      const auto length = wire::get<std::int32_t>(bytes.data() + pos);
      pos += 4;
      if (length == -1) {
        if constexpr (Nullable) {
          result.emplace_back(std::nullopt);
          continue;
        } else {
          throw_null_element(i, Element::name);
        }
      }
      if (length < 0 || static_cast<std::size_t>(length) > bytes.size() - pos) {
        throw_malformed_array("element length beyond the value");
      }
      try {
        result.push_back(
            Element::decode(bytes.substr(pos, static_cast<std::size_t>(length)), element));
      } catch (const ValueError& error) {
        throw_bad_element(i, error);
      }
      pos += static_cast<std::size_t>(length);
    }
    if (pos != bytes.size()) throw_malformed_array("trailing bytes after the last element");
    return result;
  }

 private:
  static void encode_element(const T& e, std::string& out) {
    const std::size_t length_at = out.size();
    wire::put<std::int32_t>(out, 0);
    Element::encode(e, out);
    const std::size_t length = out.size() - length_at - 4;
    if (length > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) {
      throw_array_too_large();
    }
    wire::patch<std::int32_t>(out, length_at, static_cast<std::int32_t>(length));
  }
};

}  // namespace detail

template <class T>
requires detail::has_array_type<T>
struct Codec<std::vector<T>> : detail::ArrayCodec<std::vector<T>, T, false> {
};

template <class T>
requires detail::has_array_type<T>
struct Codec<std::vector<std::optional<T>>>
    : detail::ArrayCodec<std::vector<std::optional<T>>, T, true> {
};

}  // namespace iceaxe::pg
