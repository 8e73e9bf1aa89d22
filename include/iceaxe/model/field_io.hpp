#pragma once

// How one field of a model travels: bound as a statement parameter, read from a result
// column, and fingerprinted for the change state. A field is sent through its type's codec,
// or as one JSON document when declared `is_json`.

#include <libpq-fe.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "iceaxe/model/hash.hpp"
#include "iceaxe/model/table.hpp"
#include "iceaxe/pg/cells.hpp"
#include "iceaxe/pg/params.hpp"
#include "iceaxe/pg/result.hpp"

namespace iceaxe::detail {

using Fingerprint = std::uint64_t;

inline constexpr Fingerprint null_fingerprint = 0x4e554c4c4e554c4cULL;
// A value the codec refuses to encode: it differs from any snapshot, so the field counts as
// modified and writing it reports the codec's error.
inline constexpr Fingerprint unencodable_fingerprint = 0x554e454e434f4445ULL;

template <class T>
inline constexpr bool is_chrono = false;
template <class Rep, class Period>
inline constexpr bool is_chrono<std::chrono::duration<Rep, Period>> = true;
template <class Clock, class Duration>
inline constexpr bool is_chrono<std::chrono::time_point<Clock, Duration>> = true;

// Types whose value bits (at most 64) are their fingerprint: exact, no hashing.
template <class T>
concept fingerprinted_by_bits = (std::is_arithmetic_v<T> || std::is_enum_v<T> || is_id<T> ||
                                 is_chrono<T>)&&sizeof(T) <= sizeof(Fingerprint);

template <class T>
Fingerprint bits_of(const T& value) noexcept {
  Fingerprint bits = 0;
  std::memcpy(&bits, &value, sizeof(T));
  return bits;
}

// Scratch space for encoding values to fingerprint them.
inline std::string& fingerprint_buffer() {
  thread_local std::string buffer;
  buffer.clear();
  return buffer;
}

[[noreturn]] void throw_field_error(std::string_view model, std::string_view field,
                                    std::string_view what);

template <class T>
nlohmann::json to_json_document(const T& value) {
  try {
    return nlohmann::json(value);
  } catch (const nlohmann::json::exception& e) {
    throw ValueError(std::string("cannot convert to JSON: ") + e.what());
  }
}

template <class T>
T from_json_document(const nlohmann::json& json) {
  try {
    return json.get<T>();
  } catch (const nlohmann::json::exception& e) {
    throw ValueError(std::string("the JSON document does not convert to the member's type: ") +
                     e.what());
  }
}

// How a value travels: through its type's codec, or as one JSON document when AsJson.
template <class Value, bool AsJson>
struct ValueIo {
  using Plain = strip_optional_t<Value>;
  static constexpr bool nullable = pg::is_optional_v<Value>;
  // What the column is read as.
  using Wire = std::conditional_t<AsJson, nlohmann::json, Plain>;

  static void bind(const Value& value, pg::Params& params) {
    if constexpr (nullable) {
      if (!value) {
        params.add_null(pg::Codec<Wire>::oid);
      } else {
        bind_plain(*value, params);
      }
    } else {
      bind_plain(value, params);
    }
  }

  // Throws unless the result column can be read into a Value.
  static void check_column(const PGresult* res, int col) {
    if (PQfformat(res, col) != 1) pg::detail::throw_text_format(res, col);
    if (!pg::Codec<Wire>::accepts(PQftype(res, col))) {
      pg::detail::throw_type_mismatch(res, col, pg::Codec<Wire>::name);
    }
  }

  // Reads a field of checked column `col` of type `type` (`res` and `col` name it in errors).
  static void read(pg::Cell cell, const PGresult* res, int col, pg::Oid type, Value& out) {
    if (cell.is_null()) {
      if constexpr (nullable) {
        out.reset();
        return;
      } else {
        pg::detail::throw_unexpected_null(res, col);
      }
    }
    const std::string_view bytes = cell.bytes();
    try {
      if constexpr (AsJson) {
        nlohmann::json json = pg::Codec<nlohmann::json>::decode(bytes, type);
        // A JSON null is the document `null` for a json member, an empty optional otherwise.
        if constexpr (nullable && !std::is_same_v<Plain, nlohmann::json>) {
          if (json.is_null()) {
            out.reset();
            return;
          }
        }
        out = from_json_document<Plain>(json);
      } else if constexpr (pg::decodes_in_place<Plain>) {
        if constexpr (nullable) {
          pg::Codec<Plain>::decode_into(bytes, type, out.emplace());
        } else {
          pg::Codec<Plain>::decode_into(bytes, type, out);
        }
      } else {
        out = pg::Codec<Plain>::decode(bytes, type);
      }
    } catch (const ValueError&) {
      pg::detail::rethrow_with_column(res, col);
    }
  }

  // Bytes its fingerprint takes in a snapshot: 4 when it is the value's own bits and they fit.
  static constexpr std::size_t fingerprint_width =
      !nullable && !AsJson && fingerprinted_by_bits<Plain> && sizeof(Plain) <= 4 ? 4 : 8;

  static Fingerprint fingerprint(const Value& value) noexcept {
    if constexpr (nullable) {
      return value ? mix(fingerprint_plain(*value)) : null_fingerprint;
    } else {
      return fingerprint_plain(value);
    }
  }

 private:
  static void bind_plain(const Plain& value, pg::Params& params) {
    if constexpr (AsJson) {
      params.add(to_json_document(value));
    } else {
      params.add(value);
    }
  }

  static Fingerprint fingerprint_plain(const Plain& value) noexcept {
    if constexpr (!AsJson && fingerprinted_by_bits<Plain>) {
      return bits_of(value);
    } else if constexpr (!AsJson && std::is_same_v<Plain, std::string>) {
      return hash_bytes(value);
    } else {
      try {
        std::string& buffer = fingerprint_buffer();
        if constexpr (AsJson) {
          pg::Codec<nlohmann::json>::encode(to_json_document(value), buffer);
        } else {
          pg::Codec<Plain>::encode(value, buffer);
        }
        return hash_bytes(buffer);
      } catch (...) {
        return unencodable_fingerprint;
      }
    }
  }
};

template <Model T, std::size_t I>
inline constexpr const auto& field_at = std::get<I>(fields<T>);

// Field I of model T: its value's io, with errors naming the field.
template <Model T, std::size_t I>
struct FieldIo : ValueIo<typename std::remove_cvref_t<decltype(field_at<T, I>)>::value_type,
                         field_at<T, I>.json_document()> {
  static constexpr const auto& field = field_at<T, I>;
  using Io =
      ValueIo<typename std::remove_cvref_t<decltype(field)>::value_type, field.json_document()>;

  static void bind(const T& object, pg::Params& params) {
    try {
      Io::bind(field.get(object), params);
    } catch (const ValueError& e) {
      throw_field_error(model_decl<T>.type_name, field.name, e.what());
    }
  }
  // Reads a field of checked column `col` of type `type` into the object.
  static void read(pg::Cell cell, const PGresult* res, int col, pg::Oid type, T& object) {
    try {
      Io::read(cell, res, col, type, field.get(object));
    } catch (const ValueError& e) {
      throw_field_error(model_decl<T>.type_name, field.name, e.what());
    }
  }
  static Fingerprint fingerprint(const T& object) noexcept {
    return Io::fingerprint(field.get(object));
  }
};

// f(std::integral_constant<std::size_t, I>) for I in [0, N). Always inlined: a loop over a
// model's fields, run per row, should not cost a call.
template <std::size_t N, class F>
[[gnu::always_inline]] constexpr void for_each_index(F&& f) {
  [&]<std::size_t... I>(std::index_sequence<I...>) __attribute__((always_inline)) {
    (f(std::integral_constant<std::size_t, I>{}), ...);
  }
  (std::make_index_sequence<N>{});
}

}  // namespace iceaxe::detail
