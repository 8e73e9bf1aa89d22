#pragma once

// Declaring a model:
//
//   struct Employee : iceaxe::TableBase {
//     std::optional<int64_t> id;
//     std::string name;
//   };
//   ICEAXE_TABLE(Employee, (id, {.primary_key = true}), name)
//
// ICEAXE_TABLE, written at namespace scope beside the struct, lists the stored fields
// (up to max_fields) in column order, each a member name or `(name, {FieldOptions...})`.
// It defines, for argument-dependent lookup, the model's compile-time metadata and a struct
// with one member per field named like it (given the column type to use), and registers the model
// in the process-wide registry. Mistakes (a member that does not exist, a type with no PostgreSQL
// mapping, a malformed option) are compile errors at that line; the calls to
// iceaxe::detail::model_error functions name them.

#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "iceaxe/model/field_options.hpp"
#include "iceaxe/model/names.hpp"
#include "iceaxe/model/preprocessor.hpp"
#include "iceaxe/model/table_base.hpp"
#include "iceaxe/model/type_mapping.hpp"

#define ICEAXE_TABLE(Type, ...)                                                         \
  [[maybe_unused]] constexpr auto iceaxe_model_decl(::iceaxe::detail::Tag<Type>) {      \
    return ::iceaxe::detail::make_model_decl<Type>(                                     \
        #Type, std::tuple{ICEAXE_PP_FOR_EACH(ICEAXE_DETAIL_FIELD, Type, __VA_ARGS__)}); \
  }                                                                                     \
  template <template <class, auto> class Column>                                        \
  [[maybe_unused]] constexpr auto iceaxe_model_columns(::iceaxe::detail::Tag<Type>) {   \
    struct Columns {                                                                    \
      ICEAXE_PP_FOR_EACH(ICEAXE_DETAIL_COLUMN, Type, __VA_ARGS__)                       \
    };                                                                                  \
    return Columns{};                                                                   \
  }                                                                                     \
  [[maybe_unused]] inline const bool ICEAXE_PP_CAT(iceaxe_model_registered_, Type) =    \
      ::iceaxe::detail::register_model<Type>();

#define ICEAXE_DETAIL_FIELD(Type, entry)                                  \
  ::iceaxe::detail::make_field<Type, &Type::ICEAXE_PP_ENTRY_NAME(entry)>( \
      ICEAXE_PP_STR(ICEAXE_PP_ENTRY_NAME(entry)),                         \
      ::iceaxe::FieldOptions ICEAXE_PP_CAT(ICEAXE_DETAIL_FIELD_OPTIONS_,  \
                                           ICEAXE_PP_IS_PAREN(entry))(entry)),
#define ICEAXE_DETAIL_FIELD_OPTIONS_0(entry) \
  {}
#define ICEAXE_DETAIL_FIELD_OPTIONS_1(entry) ICEAXE_PP_TAIL entry

#define ICEAXE_DETAIL_COLUMN(Type, entry) \
  Column<Type, &Type::ICEAXE_PP_ENTRY_NAME(entry)> ICEAXE_PP_ENTRY_NAME(entry);

namespace iceaxe {

// The most fields one ICEAXE_TABLE may list.
inline constexpr std::size_t max_fields = 128;

namespace detail {
template <class M>
struct member_pointer;
template <class V, class C>
struct member_pointer<V C::*> {
  using value_type = V;
};
}  // namespace detail

// One field of a model, as ICEAXE_TABLE declares it.
template <class Table, auto Member>
struct Field {
  using model_type = Table;
  using value_type = typename detail::member_pointer<decltype(Member)>::value_type;
  static constexpr auto member = Member;

  std::string_view name;
  FieldOptions options;

  constexpr bool stored() const noexcept { return !options.exclude; }
  // A primary key is NOT NULL even when its member is an optional (empty until inserted).
  constexpr bool nullable() const noexcept {
    return pg::is_optional_v<value_type> && !options.primary_key;
  }
  constexpr bool autoincrement() const noexcept {
    return options.autoincrement.value_or(options.primary_key &&
                                          detail::is_optional_integer<value_type>);
  }
  // Stored as one JSON document (an nlohmann::json member is a JSON column of its own).
  constexpr bool json_document() const noexcept { return options.is_json; }
  constexpr detail::SqlType sql_type() const noexcept {
    // An explicit type names the column's (element) type; a vector stays an array.
    if (options.explicit_type) {
      return {*options.explicit_type, {}, detail::is_array_member<value_type>};
    }
    if (json_document() || std::is_same_v<detail::strip_optional_t<value_type>, nlohmann::json>) {
      const auto* json = std::get_if<PostgresJson>(&options.postgres_config);
      return {json && !json->binary ? ColumnType::json : ColumnType::jsonb, {}, false};
    }
    return *detail::sql_type_of<value_type>;
  }

  static const value_type& get(const Table& object) noexcept { return object.*Member; }
  static value_type& get(Table& object) noexcept { return object.*Member; }
};

namespace detail {

// Compile errors: a call to one of these while compiling ICEAXE_TABLE names the mistake.
namespace model_error {
void member_type_has_no_postgres_mapping_set_is_json_for_a_json_column();
void nested_vectors_would_be_multi_dimensional_arrays_which_are_not_supported();
void member_type_does_not_convert_to_json_define_to_json_and_from_json();
void foreign_key_is_not_table_dot_column();
void foreign_key_action_is_not_one_of_restrict_no_action_cascade_set_default_set_null();
void postgres_foreign_key_config_without_foreign_key();
void autoincrement_needs_an_optional_integer_primary_key();
void postgres_datetime_timezone_contradicts_the_member_type();
void postgres_datetime_config_on_a_member_that_is_no_timestamp();
void postgres_time_config_on_a_member_that_is_no_time_of_day();
void time_with_time_zone_is_not_supported();
void postgres_json_config_on_a_member_that_is_no_json_column();
void excluded_field_cannot_be_primary_key();
void name_longer_than_63_bytes();
void field_listed_twice();
void model_without_fields();
void too_many_fields();
}  // namespace model_error

template <class T>
struct vector_element {
  using type = T;
};
template <class T>
struct vector_element<std::vector<T>> {
  using type = strip_optional_t<T>;
};
// The scalar of a member type: T for T, std::optional<T>, std::vector<[std::optional<]T>>.
template <class T>
using scalar_t = typename vector_element<strip_optional_t<T>>::type;

template <class T>
inline constexpr bool is_nested_vector = false;
template <class T>
inline constexpr bool is_nested_vector<std::vector<std::vector<T>>> = !std::is_same_v<T, std::byte>;
template <class T>
inline constexpr bool is_nested_vector<std::vector<std::optional<std::vector<T>>>> =
    !std::is_same_v<T, std::byte>;

constexpr bool is_foreign_key_action(std::string_view action) {
  return action == "RESTRICT" || action == "NO ACTION" || action == "CASCADE" ||
         action == "SET DEFAULT" || action == "SET NULL";
}

template <class Table, auto Member>
consteval Field<Table, Member> make_field(std::string_view name, FieldOptions options) {
  using F = Field<Table, Member>;
  using V = typename F::value_type;
  using Scalar = scalar_t<V>;
  constexpr bool mapped = sql_type_of<V>.has_value();
  // A type with a codec of its own (user-provided) is stored with an explicit_type.
  constexpr bool has_codec =
      pg::Encodable<strip_optional_t<V>> && pg::Decodable<strip_optional_t<V>>;
  static_assert(mapped || has_codec || json_convertible<strip_optional_t<V>>,
                "iceaxe: this member's type has no PostgreSQL mapping (see docs/tables.md for "
                "the supported types)");
  const F field{name, options};

  if (name.size() > max_name_length) model_error::name_longer_than_63_bytes();
  if (options.is_json && !json_convertible<strip_optional_t<V>>) {
    model_error::member_type_does_not_convert_to_json_define_to_json_and_from_json();
  }
  if (!options.is_json && !(options.explicit_type ? has_codec : mapped)) {
    if (is_nested_vector<strip_optional_t<V>>) {
      model_error::nested_vectors_would_be_multi_dimensional_arrays_which_are_not_supported();
    }
    model_error::member_type_has_no_postgres_mapping_set_is_json_for_a_json_column();
  }
  if (options.exclude && options.primary_key) model_error::excluded_field_cannot_be_primary_key();

  if (!options.foreign_key.empty()) {
    const std::size_t dot = options.foreign_key.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 1 == options.foreign_key.size()) {
      model_error::foreign_key_is_not_table_dot_column();
    }
  }
  if (options.autoincrement.value_or(false) && !(options.primary_key && is_optional_integer<V>)) {
    model_error::autoincrement_needs_an_optional_integer_primary_key();
  }

  using SysTime = std::chrono::sys_time<std::chrono::microseconds>;
  using LocalTime = std::chrono::local_time<std::chrono::microseconds>;
  if (const auto* config = std::get_if<PostgresDateTime>(&options.postgres_config)) {
    if constexpr (std::is_same_v<Scalar, SysTime> || std::is_same_v<Scalar, LocalTime>) {
      if (config->timezone != std::is_same_v<Scalar, SysTime>) {
        model_error::postgres_datetime_timezone_contradicts_the_member_type();
      }
    } else {
      model_error::postgres_datetime_config_on_a_member_that_is_no_timestamp();
    }
  }
  if (const auto* config = std::get_if<PostgresTime>(&options.postgres_config)) {
    if (!std::is_same_v<Scalar, TimeOfDay>) {
      model_error::postgres_time_config_on_a_member_that_is_no_time_of_day();
    }
    if (config->timezone) model_error::time_with_time_zone_is_not_supported();
  }
  if (const auto* config = std::get_if<PostgresForeignKey>(&options.postgres_config)) {
    if (options.foreign_key.empty()) model_error::postgres_foreign_key_config_without_foreign_key();
    if (!is_foreign_key_action(config->on_delete) || !is_foreign_key_action(config->on_update)) {
      model_error::
          foreign_key_action_is_not_one_of_restrict_no_action_cascade_set_default_set_null();
    }
  }
  if (std::holds_alternative<PostgresJson>(options.postgres_config) && !options.is_json &&
      !std::is_same_v<strip_optional_t<V>, nlohmann::json>) {
    model_error::postgres_json_config_on_a_member_that_is_no_json_column();
  }
  return field;
}

template <class Fields>
struct ModelDecl {
  std::string_view type_name;  // the C++ name
  Fields fields;
};

template <class Table, class... Fields>
consteval ModelDecl<std::tuple<Fields...>> make_model_decl(std::string_view type_name,
                                                           std::tuple<Fields...> fields) {
  static_assert(std::is_base_of_v<TableBase, Table>, "iceaxe: a model derives from TableBase");
  if (sizeof...(Fields) == 0) model_error::model_without_fields();
  if (sizeof...(Fields) > max_fields) model_error::too_many_fields();
  const std::array<std::string_view, sizeof...(Fields)> names = std::apply(
      [](const auto&... field) {
        return std::array<std::string_view, sizeof...(Fields)>{field.name...};
      },
      fields);
  for (std::size_t i = 0; i < names.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (names[i] == names[j]) model_error::field_listed_twice();
    }
  }
  return {type_name, fields};
}

template <class T>
inline constexpr auto model_decl = iceaxe_model_decl(Tag<T>{});

template <class T>
inline constexpr auto default_table_name =
    lowercase<model_decl<T>.type_name.size()>(model_decl<T>.type_name);

template <class T>
constexpr std::string_view table_name_of() {
  if constexpr (requires { std::string_view(T::table_name); }) {
    return T::table_name;
  } else {
    return default_table_name<T>.view();
  }
}

template <class T>
bool register_model();

}  // namespace detail

// A struct declared with ICEAXE_TABLE.
template <class T>
concept Model = std::is_base_of_v<TableBase, T> && requires {
  iceaxe_model_decl(detail::Tag<T>{});
};

// The model's fields in declaration order: a tuple of Field.
template <Model T>
inline constexpr const auto& fields = detail::model_decl<T>.fields;

template <Model T>
inline constexpr std::size_t field_count =
    std::tuple_size_v<std::remove_cvref_t<decltype(fields<T>)>>;

// Its table: `static constexpr std::string_view table_name` in the struct, else the struct's
// name lower-cased (Employee -> employee).
template <Model T>
inline constexpr std::string_view table_name = detail::table_name_of<T>();

// f(field) for each field, in order.
template <Model T, class F>
constexpr void for_each_field(F&& f) {
  std::apply([&](const auto&... field) { (f(field), ...); }, fields<T>);
}

namespace detail {
template <class T, class Field>
consteval std::size_t field_index() {
  return []<std::size_t... I>(std::index_sequence<I...>) {
    std::size_t index = 0;
    ((std::is_same_v<
          std::remove_cvref_t<std::tuple_element_t<I, std::remove_cvref_t<decltype(fields<T>)>>>,
          Field>
          ? (index = I, 0)
          : 0),
     ...);
    return index;
  }
  (std::make_index_sequence<field_count<T>>{});
}
}  // namespace detail

}  // namespace iceaxe
