#pragma once

// Which PostgreSQL type a member's C++ type is stored as. std::optional<T> is T, nullable;
// std::vector<T> is an array of T (one dimension); a member that is one JSON document
// (FieldOptions::is_json) is jsonb or json whatever its C++ type.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "iceaxe/model/column_type.hpp"
#include "iceaxe/model/enum.hpp"
#include "iceaxe/pg/codecs.hpp"
#include "iceaxe/types/id.hpp"
#include "iceaxe/types/numeric.hpp"
#include "iceaxe/types/time.hpp"
#include "iceaxe/types/uuid.hpp"

namespace iceaxe::detail {

// A column's type: a built-in type, or the enum type `enum_name`; maybe an array of it.
struct SqlType {
  std::optional<ColumnType> builtin;
  std::string_view enum_name;
  bool array = false;
};

template <class T>
struct strip_optional {
  using type = T;
};
template <class T>
struct strip_optional<std::optional<T>> {
  using type = T;
};
template <class T>
using strip_optional_t = typename strip_optional<T>::type;

// nullopt: no mapping.
template <class T>
inline constexpr std::optional<SqlType> sql_type_of = std::nullopt;

template <class T>
inline constexpr std::optional<SqlType> sql_type_of<std::optional<T>> = sql_type_of<T>;

template <class T>
inline constexpr std::optional<SqlType> sql_type_of<std::vector<T>> = [] {
  std::optional<SqlType> element = sql_type_of<T>;
  if (!element || element->array) return std::optional<SqlType>();  // multi-dimensional
  element->array = true;
  return element;
}();

template <class E>
requires DeclaredEnum<E>
inline constexpr std::optional<SqlType> sql_type_of<E> =
    SqlType{std::nullopt, enum_type_name<E>, false};

template <class Tag, class Int>
inline constexpr std::optional<SqlType> sql_type_of<Id<Tag, Int>> = sql_type_of<Int>;

#define ICEAXE_DETAIL_SQL_TYPE(Cpp, Column)                  \
  template <>                                                \
  inline constexpr std::optional<SqlType> sql_type_of<Cpp> = \
      SqlType{ColumnType::Column, {}, false};
ICEAXE_DETAIL_SQL_TYPE(bool, boolean)
ICEAXE_DETAIL_SQL_TYPE(std::int16_t, smallint)
ICEAXE_DETAIL_SQL_TYPE(std::int32_t, integer)
ICEAXE_DETAIL_SQL_TYPE(std::int64_t, bigint)
ICEAXE_DETAIL_SQL_TYPE(float, real)
ICEAXE_DETAIL_SQL_TYPE(double, double_precision)
ICEAXE_DETAIL_SQL_TYPE(std::string, text)
ICEAXE_DETAIL_SQL_TYPE(std::vector<std::byte>, bytea)
ICEAXE_DETAIL_SQL_TYPE(Uuid, uuid)
ICEAXE_DETAIL_SQL_TYPE(Numeric, numeric)
ICEAXE_DETAIL_SQL_TYPE(std::chrono::year_month_day, date)
ICEAXE_DETAIL_SQL_TYPE(TimeOfDay, time_without_time_zone)
ICEAXE_DETAIL_SQL_TYPE(std::chrono::sys_time<std::chrono::microseconds>, timestamp_with_time_zone)
ICEAXE_DETAIL_SQL_TYPE(std::chrono::local_time<std::chrono::microseconds>,
                       timestamp_without_time_zone)
ICEAXE_DETAIL_SQL_TYPE(Interval, interval)
ICEAXE_DETAIL_SQL_TYPE(std::chrono::microseconds, interval)
ICEAXE_DETAIL_SQL_TYPE(nlohmann::json, jsonb)
#undef ICEAXE_DETAIL_SQL_TYPE

// Whether a value converts to and from nlohmann::json (to_json / from_json are defined).
template <class T>
concept json_convertible = requires(const T& value, const nlohmann::json& json) {
  nlohmann::json(value);
  json.get<T>();
};

// Whether a member is stored as an array: std::vector (bytea's std::vector<std::byte> aside).
template <class T>
inline constexpr bool is_array_member = false;
template <class T>
inline constexpr bool is_array_member<std::optional<T>> = is_array_member<T>;
template <class T>
inline constexpr bool is_array_member<std::vector<T>> = true;
template <>
inline constexpr bool is_array_member<std::vector<std::byte>> = false;

template <class T>
inline constexpr bool is_id = false;
template <class Tag, class Int>
inline constexpr bool is_id<Id<Tag, Int>> = true;

// Whether T is std::optional<integer> (or of a strong id): what autoincrement needs.
template <class T>
inline constexpr bool is_optional_integer = false;
template <class T>
inline constexpr bool is_optional_integer<std::optional<T>> =
    std::is_same_v<T, std::int16_t> || std::is_same_v<T, std::int32_t> ||
    std::is_same_v<T, std::int64_t>;
template <class Tag, class Int>
inline constexpr bool is_optional_integer<std::optional<Id<Tag, Int>>> = true;

}  // namespace iceaxe::detail
