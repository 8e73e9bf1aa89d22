#pragma once

// Typed SQL expressions: the columns of models (`columns<Employee>.age`), whole tables
// (`table<Office>`), and what func:: builders make (Expr<V>). Each knows the C++ type of its
// value, so comparing it with a value of another type does not compile.

#include <chrono>
#include <concepts>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "iceaxe/model/table.hpp"
#include "iceaxe/query/fragment.hpp"

namespace iceaxe {

// A whole model, in select(), joins and for_update's `of`.
template <Model T>
struct TableRef {
  using model_type = T;
};
template <Model T>
inline constexpr TableRef<T> table{};

// Any table, for option lists (`.of = {table<Employee>}`).
class AnyTable {
 public:
  template <Model T>
  constexpr AnyTable(TableRef<T>) noexcept : name_(table_name<T>) {}  // NOLINT: implicit
  constexpr std::string_view name() const noexcept { return name_; }

 private:
  std::string_view name_;
};

template <class T, auto Member>
struct Column;

// A typed expression built at run time (functions, casts...).
template <class V>
class Expr;

namespace detail {

template <class E>
inline constexpr bool is_sql_expr = false;
template <class T, auto M>
inline constexpr bool is_sql_expr<Column<T, M>> = true;
template <class V>
inline constexpr bool is_sql_expr<Expr<V>> = true;

}  // namespace detail

// A column or an expression: something with an SQL rendering and a C++ value type.
template <class E>
concept SqlExpr = detail::is_sql_expr<std::remove_cvref_t<E>>;

namespace detail {

template <class T, auto M>
Fragment fragment_of(const Column<T, M>&) {
  static_assert(Column<T, M>::field().stored(), "iceaxe: an excluded field is not a column");
  // The same text wherever the column is used: quoted once.
  static const std::string text = quote(table_name<T>) + '.' + quote(Column<T, M>::name());
  Fragment f;
  f.sql = text;
  return f;
}
template <class V>
const Fragment& fragment_of(const Expr<V>& e) {
  return e.fragment();
}

// The first table an expression reads: select()'s FROM when it comes first.
template <class T, auto M>
constexpr std::string_view root_table_of(const Column<T, M>&) {
  return table_name<T>;
}
template <class V>
std::string_view root_table_of(const Expr<V>& e) {
  return e.root_table();
}

template <class T>
inline constexpr bool is_std_vector = false;
template <class T>
inline constexpr bool is_std_vector<std::vector<T>> = true;

// Whether a value of type U may stand for a value of type X (X not optional): the same
// type, text for text, an integer for any wider integer or a floating-point number, a
// narrower floating-point number, or another implicit conversion that does not narrow.
// Strong ids take only their own type.
template <class X, class U>
concept value_for = [] {
  using D = std::remove_cvref_t<U>;
  if constexpr (std::is_same_v<X, D>) {
    return true;
  } else if constexpr (std::is_same_v<X, std::string>) {
    return std::is_convertible_v<const U&, std::string_view>;
  } else if constexpr (std::is_arithmetic_v<X> && std::is_arithmetic_v<D>) {
    if constexpr (std::is_same_v<X, bool> || std::is_same_v<D, bool>) {
      return false;
    } else if constexpr (std::is_floating_point_v<X> && std::is_integral_v<D>) {
      return true;
    } else {
      return requires(D d) {
        X{d};
      };
    }
  } else if constexpr (std::is_enum_v<X> || is_id<X> || std::is_arithmetic_v<X>) {
    return false;
  } else {
    return std::is_convertible_v<const U&, X> && requires(D d) {
      X{d};
    };
  }
}();

template <class T>
inline constexpr bool is_string_array = std::is_same_v<T, std::vector<std::string>> ||
                                        std::is_same_v<T, std::vector<std::optional<std::string>>>;

// Appends an array of strings as a text-format literal of no declared type, which the server
// reads as the array type its context needs: text[] or character varying[] (a column with
// explicit_type varchar), since `varchar[] @> text[]` (or `=`) has no operator.
template <class V>
void bind_string_array(Fragment& f, const V& values) {
  std::string literal = "{";
  for (const auto& value : values) {
    if (literal.size() > 1) literal += ',';
    if constexpr (pg::is_optional_v<std::remove_cvref_t<decltype(value)>>) {
      append_array_literal_element(literal,
                                   value ? std::optional<std::string_view>(*value) : std::nullopt);
    } else {
      append_array_literal_element(literal, value);
    }
  }
  literal += '}';
  if (literal.find('\0') != std::string::npos) {
    throw ValueError("a string in an array value cannot contain a NUL byte");
  }
  f.sql += param_marker;
  f.params.add_encoded(pg::oid::unspecified, literal, true);
}

// Appends `value` bound as an X.
template <class X, class U>
void bind_as(Fragment& f, const U& value) {
  if constexpr (std::is_same_v<X, std::string>) {
    f.bind(std::string_view(value));
  } else if constexpr (is_string_array<X>) {
    bind_string_array(f, static_cast<const X&>(value));
  } else if constexpr (std::is_same_v<X, std::remove_cvref_t<U>>) {
    f.bind(value);
  } else {
    f.bind(X(value));
  }
}

}  // namespace detail

}  // namespace iceaxe
