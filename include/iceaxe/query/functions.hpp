#pragma once

// func:: builders: SQL functions as typed expressions. Each result type follows
// PostgreSQL's: func::count(E.id) is an Expr<int64_t>, func::avg(E.age) an
// Expr<std::optional<Numeric>>. Arguments that configure a function (a date field, a
// format, a language) are written into the SQL as escaped literals; values are bound.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "iceaxe/query/expr.hpp"

namespace iceaxe {

// Text-search values: only usable inside expressions.
struct TsVector {};
struct TsQuery {};

namespace detail {

// SQL text written as is into a function call (an escaped literal, a keyword).
struct SqlText {
  std::string text;
};

template <class A>
void append_argument(Fragment& out, const A& argument) {
  if constexpr (SqlExpr<A>) {
    out += fragment_of(argument);
  } else if constexpr (std::is_same_v<A, SqlText>) {
    out += argument.text;
  } else if constexpr (is_string_array<A>) {
    bind_string_array(out, argument);
  } else {
    out.bind(argument);
  }
}

template <class A>
std::string_view root_of(const A& argument) {
  if constexpr (SqlExpr<A>) {
    return root_table_of(argument);
  } else {
    return {};
  }
}

// name(arg, arg...) as an Expr<V>; its root table is its first expression argument's.
template <class V, class... As>
Expr<V> call(std::string_view name, const As&... arguments) {
  Fragment f;
  f += name;
  f += "(";
  bool first = true;
  std::string_view root;
  ((first ? void() : void(f += ", "), first = false, append_argument(f, arguments),
    root = root.empty() ? root_of(arguments) : root),
   ...);
  f += ")";
  return Expr<V>(std::move(f), root);
}

// `lhs op rhs` as an Expr<V>.
template <class V, class L, class R>
Expr<V> infix(const L& lhs, std::string_view op, const R& rhs) {
  Fragment f;
  append_argument(f, lhs);
  f += " ";
  f += op;
  f += " ";
  append_argument(f, rhs);
  const std::string_view root = root_of(lhs);
  return Expr<V>(std::move(f), root.empty() ? root_of(rhs) : root);
}

SqlText literal(std::string_view text);
// A date_trunc precision or a date_part / extract field, checked against PostgreSQL's names.
std::string_view date_field(std::string_view field, bool for_truncation);
SqlText number(double value);

template <class T>
inline constexpr bool is_numeric_type = std::is_arithmetic_v<T> && !std::is_same_v<T, bool>;

template <class E>
using scalar_t_of = strip_optional_t<value_t<E>>;

// V, nullable when the expression E is.
template <class E, class V>
using like_nullability = std::conditional_t<is_nullable_expr<E>, std::optional<V>, V>;

template <class E>
using array_element_t = typename scalar_t_of<E>::value_type;

template <class E>
concept text_expr = SqlExpr<E> && std::is_same_v<scalar_t_of<E>, std::string>;
template <class E>
concept number_expr = SqlExpr<E> &&
    (is_numeric_type<scalar_t_of<E>> || std::is_same_v<scalar_t_of<E>, Numeric>);
template <class E>
concept array_expr = SqlExpr<E> && is_std_vector<scalar_t_of<E>> &&
    !std::is_same_v<scalar_t_of<E>, std::vector<std::byte>>;
template <class E>
concept time_expr = SqlExpr<E> &&
    (std::is_same_v<scalar_t_of<E>, std::chrono::sys_time<std::chrono::microseconds>> ||
     std::is_same_v<scalar_t_of<E>, std::chrono::local_time<std::chrono::microseconds>> ||
     std::is_same_v<scalar_t_of<E>, std::chrono::year_month_day> ||
     std::is_same_v<scalar_t_of<E>, Interval> ||
     std::is_same_v<scalar_t_of<E>, std::chrono::microseconds>);
template <class E>
concept timestamp_expr = SqlExpr<E> &&
    (std::is_same_v<scalar_t_of<E>, std::chrono::sys_time<std::chrono::microseconds>> ||
     std::is_same_v<scalar_t_of<E>, std::chrono::local_time<std::chrono::microseconds>>);

// sum(): int2/int4 -> bigint, int8 and numeric -> numeric, float4 -> real, float8 -> double.
template <class T>
using sum_t = std::conditional_t<std::is_same_v<T, std::int16_t> || std::is_same_v<T, std::int32_t>,
                                 std::int64_t,
                                 std::conditional_t<std::is_same_v<T, std::int64_t>, Numeric, T>>;
// avg(): integers and numeric -> numeric, floating point -> double.
template <class T>
using avg_t = std::conditional_t<std::is_integral_v<T> || std::is_same_v<T, Numeric>, Numeric,
                                 std::conditional_t<std::is_floating_point_v<T>, double, T>>;
// round/ceil/floor/sqrt/power: numeric stays numeric, anything else is double precision.
template <class T>
using real_t = std::conditional_t<std::is_same_v<T, Numeric>, Numeric, double>;

template <class T>
using date_trunc_t = std::conditional_t<std::is_same_v<T, std::chrono::year_month_day>,
                                        std::chrono::sys_time<std::chrono::microseconds>, T>;

// func::any(array) / func::all(array): compared with a value, `$1 = ANY(array)`.
template <class E>
struct Quantified {
  using element = strip_optional_t<array_element_t<E>>;
  Fragment array;
  std::string_view keyword;  // ANY or ALL

  template <class U>
  Condition compare(std::string_view op, const U& value) const {
    Fragment f;
    bind_as<element>(f, value);
    f += " ";
    f += op;
    f += " ";
    f += keyword;
    f += "(";
    f += array;
    f += ")";
    return Condition(std::move(f));
  }
};

template <class T>
inline constexpr bool is_quantified = false;
template <class E>
inline constexpr bool is_quantified<Quantified<E>> = true;

}  // namespace detail

#define ICEAXE_DETAIL_QUANTIFIED(op, sql)                                                       \
  template <class E, class U>                                                                   \
  requires detail::value_for<typename detail::Quantified<E>::element, U> Condition operator op( \
      const U& value, const detail::Quantified<E>& q) {                                         \
    return q.compare(sql, value);                                                               \
  }                                                                                             \
  template <class E, class U>                                                                   \
  requires detail::value_for<typename detail::Quantified<E>::element, U> Condition operator op( \
      const detail::Quantified<E>& q, const U& value) {                                         \
    return q.compare(detail::mirrored(sql), value);                                             \
  }
namespace detail {
// The operator that keeps `q op v` true when written `v op' q`.
constexpr std::string_view mirrored(std::string_view op) {
  return op == "<" ? ">" : op == "<=" ? ">=" : op == ">" ? "<" : op == ">=" ? "<=" : op;
}
}  // namespace detail
ICEAXE_DETAIL_QUANTIFIED(==, "=")
ICEAXE_DETAIL_QUANTIFIED(!=, "!=")
ICEAXE_DETAIL_QUANTIFIED(<, "<")
ICEAXE_DETAIL_QUANTIFIED(<=, "<=")
ICEAXE_DETAIL_QUANTIFIED(>, ">")
ICEAXE_DETAIL_QUANTIFIED(>=, ">=")
#undef ICEAXE_DETAIL_QUANTIFIED

namespace func {

// Aggregates.
template <SqlExpr E>
Expr<std::int64_t> count(const E& e) {
  return detail::call<std::int64_t>("count", e);
}
// `distinct x`, for count(distinct(x)) and the like.
template <SqlExpr E>
Expr<detail::value_t<E>> distinct(const E& e) {
  detail::Fragment f;
  f += "distinct ";
  f += detail::fragment_of(e);
  return Expr<detail::value_t<E>>(std::move(f), detail::root_table_of(e));
}
template <detail::number_expr E>
Expr<std::optional<detail::sum_t<detail::scalar_t_of<E>>>> sum(const E& e) {
  return detail::call<std::optional<detail::sum_t<detail::scalar_t_of<E>>>>("sum", e);
}
template <detail::number_expr E>
Expr<std::optional<detail::avg_t<detail::scalar_t_of<E>>>> avg(const E& e) {
  return detail::call<std::optional<detail::avg_t<detail::scalar_t_of<E>>>>("avg", e);
}
template <SqlExpr E>
Expr<std::optional<detail::scalar_t_of<E>>> max(const E& e) {
  return detail::call<std::optional<detail::scalar_t_of<E>>>("max", e);
}
template <SqlExpr E>
Expr<std::optional<detail::scalar_t_of<E>>> min(const E& e) {
  return detail::call<std::optional<detail::scalar_t_of<E>>>("min", e);
}
template <SqlExpr E>
requires(!detail::is_std_vector<detail::scalar_t_of<E>> ||
         std::is_same_v<detail::scalar_t_of<E>, std::vector<std::byte>>)
    Expr<std::optional<std::vector<detail::value_t<E>>>> array_agg(const E& e) {
  return detail::call<std::optional<std::vector<detail::value_t<E>>>>("array_agg", e);
}
template <detail::text_expr E>
Expr<std::optional<std::string>> string_agg(const E& e, std::string_view delimiter) {
  return detail::call<std::optional<std::string>>("string_agg", e, detail::literal(delimiter));
}

// Math.
template <detail::number_expr E>
Expr<detail::value_t<E>> abs(const E& e) {
  return detail::call<detail::value_t<E>>("abs", e);
}
#define ICEAXE_DETAIL_REAL_FUNCTION(name)                                                      \
  template <detail::number_expr E>                                                             \
  Expr<detail::like_nullability<E, detail::real_t<detail::scalar_t_of<E>>>> name(const E& e) { \
    return detail::call<detail::like_nullability<E, detail::real_t<detail::scalar_t_of<E>>>>(  \
        #name, e);                                                                             \
  }
ICEAXE_DETAIL_REAL_FUNCTION(round)
ICEAXE_DETAIL_REAL_FUNCTION(ceil)
ICEAXE_DETAIL_REAL_FUNCTION(floor)
ICEAXE_DETAIL_REAL_FUNCTION(sqrt)
#undef ICEAXE_DETAIL_REAL_FUNCTION
template <detail::number_expr E>
Expr<detail::like_nullability<E, detail::real_t<detail::scalar_t_of<E>>>> power(const E& e,
                                                                                double exponent) {
  return detail::call<detail::like_nullability<E, detail::real_t<detail::scalar_t_of<E>>>>(
      "power", e, detail::number(exponent));
}

// Strings.
template <detail::text_expr E>
Expr<detail::value_t<E>> lower(const E& e) {
  return detail::call<detail::value_t<E>>("lower", e);
}
template <detail::text_expr E>
Expr<detail::value_t<E>> upper(const E& e) {
  return detail::call<detail::value_t<E>>("upper", e);
}
template <detail::text_expr E>
Expr<detail::value_t<E>> trim(const E& e) {
  return detail::call<detail::value_t<E>>("trim", e);
}
template <detail::text_expr E>
Expr<detail::like_nullability<E, std::int32_t>> length(const E& e) {
  return detail::call<detail::like_nullability<E, std::int32_t>>("length", e);
}
// substring(x from start for length), counted from 1 like SQL.
template <detail::text_expr E>
Expr<detail::value_t<E>> substring(const E& e, std::int32_t start, std::int32_t length) {
  detail::Fragment f;
  f += "substring(";
  f += detail::fragment_of(e);
  f += " from " + std::to_string(start) + " for " + std::to_string(length) + ")";
  return Expr<detail::value_t<E>>(std::move(f), detail::root_table_of(e));
}
// concat(a, b, ...): expressions and values; NULL arguments are skipped, as in SQL.
template <class... As>
requires(sizeof...(As) > 0) Expr<std::string> concat(const As&... arguments) {
  return detail::call<std::string>("concat", arguments...);
}

// Dates and times. `field` is one of PostgreSQL's names ("month", "dow", "epoch"...).
// date_trunc of a date: PostgreSQL reads the date as a timestamp with time zone.
template <detail::time_expr E>
Expr<detail::like_nullability<E, detail::date_trunc_t<detail::scalar_t_of<E>>>> date_trunc(
    std::string_view precision, const E& e) {
  return detail::call<detail::like_nullability<E, detail::date_trunc_t<detail::scalar_t_of<E>>>>(
      "date_trunc", detail::literal(detail::date_field(precision, true)), e);
}
template <detail::time_expr E>
Expr<detail::like_nullability<E, double>> date_part(std::string_view field, const E& e) {
  return detail::call<detail::like_nullability<E, double>>(
      "date_part", detail::literal(detail::date_field(field, false)), e);
}
// extract(field from x): numeric, exact.
template <detail::time_expr E>
Expr<detail::like_nullability<E, Numeric>> extract(std::string_view field, const E& e) {
  detail::Fragment f;
  f += "extract(";
  f += detail::date_field(field, false);  // a keyword here, not a string
  f += " from ";
  f += detail::fragment_of(e);
  f += ")";
  return Expr<detail::like_nullability<E, Numeric>>(std::move(f), detail::root_table_of(e));
}
// age(x): from x to today's midnight; age(x, y): x - y, in years, months and days.
template <detail::timestamp_expr E>
Expr<detail::like_nullability<E, Interval>> age(const E& e) {
  return detail::call<detail::like_nullability<E, Interval>>("age", e);
}
template <detail::timestamp_expr E, detail::timestamp_expr R>
Expr<std::conditional_t<detail::is_nullable_expr<E> || detail::is_nullable_expr<R>,
                        std::optional<Interval>, Interval>>
age(const E& e, const R& reference) {
  return detail::call<std::conditional_t<detail::is_nullable_expr<E> || detail::is_nullable_expr<R>,
                                         std::optional<Interval>, Interval>>("age", e, reference);
}
template <detail::timestamp_expr E>
Expr<detail::like_nullability<E, std::chrono::year_month_day>> date(const E& e) {
  return detail::call<detail::like_nullability<E, std::chrono::year_month_day>>("date", e);
}
template <detail::time_expr E>
Expr<detail::like_nullability<E, std::string>> to_char(const E& e, std::string_view format) {
  return detail::call<detail::like_nullability<E, std::string>>("to_char", e,
                                                                detail::literal(format));
}
template <detail::text_expr E>
Expr<detail::like_nullability<E, Numeric>> to_number(const E& e, std::string_view format) {
  return detail::call<detail::like_nullability<E, Numeric>>("to_number", e,
                                                            detail::literal(format));
}
template <detail::text_expr E>
Expr<detail::like_nullability<E, std::chrono::sys_time<std::chrono::microseconds>>> to_timestamp(
    const E& e, std::string_view format) {
  return detail::call<
      detail::like_nullability<E, std::chrono::sys_time<std::chrono::microseconds>>>(
      "to_timestamp", e, detail::literal(format));
}

// Arrays.
template <detail::array_expr E>
Expr<detail::array_element_t<E>> unnest(const E& e) {
  return detail::call<detail::array_element_t<E>>("unnest", e);
}
template <detail::array_expr E>
detail::Quantified<E> any(const E& e) {
  return {detail::Fragment(detail::fragment_of(e)), "ANY"};
}
template <detail::array_expr E>
detail::Quantified<E> all(const E& e) {
  return {detail::Fragment(detail::fragment_of(e)), "ALL"};
}
// array @> values, array <@ values, array && values: the values are one bound array.
template <detail::array_expr E>
Expr<bool> array_contains(const E& e, const detail::scalar_t_of<E>& values) {
  return detail::infix<bool>(e, "@>", values);
}
template <detail::array_expr E>
Expr<bool> array_contained_by(const E& e, const detail::scalar_t_of<E>& values) {
  return detail::infix<bool>(e, "<@", values);
}
template <detail::array_expr E>
Expr<bool> array_overlaps(const E& e, const detail::scalar_t_of<E>& values) {
  return detail::infix<bool>(e, "&&", values);
}
template <detail::array_expr E>
Expr<detail::value_t<E>> array_append(const E& e, const detail::array_element_t<E>& element) {
  return detail::call<detail::value_t<E>>("array_append", e, element);
}
template <detail::array_expr E>
Expr<detail::value_t<E>> array_prepend(const detail::array_element_t<E>& element, const E& e) {
  return detail::call<detail::value_t<E>>("array_prepend", element, e);
}
template <detail::array_expr E, class A>
requires(detail::array_expr<A> || std::is_same_v<A, detail::scalar_t_of<E>>)
    Expr<detail::value_t<E>> array_cat(const E& e, const A& other) {
  return detail::call<detail::value_t<E>>("array_cat", e, other);
}
template <detail::array_expr E>
Expr<std::optional<std::int32_t>> array_position(const E& e,
                                                 const detail::array_element_t<E>& element) {
  return detail::call<std::optional<std::int32_t>>("array_position", e, element);
}
template <detail::array_expr E>
Expr<detail::value_t<E>> array_remove(const E& e, const detail::array_element_t<E>& element) {
  return detail::call<detail::value_t<E>>("array_remove", e, element);
}

// cast(x as type): T is the C++ type of the result (its PostgreSQL type is T's column type).
template <class T, SqlExpr E>
Expr<detail::like_nullability<E, T>> cast(const E& e) {
  constexpr std::optional<detail::SqlType> type = detail::sql_type_of<T>;
  static_assert(type.has_value(), "iceaxe: func::cast needs a type with a PostgreSQL mapping");
  detail::Fragment f;
  f += "cast(";
  f += detail::fragment_of(e);
  f += " as ";
  f += type->builtin ? sql_name(*type->builtin) : type->enum_name;
  if (type->array) f += "[]";
  f += ")";
  return Expr<detail::like_nullability<E, T>>(std::move(f), detail::root_table_of(e));
}

// Full-text search.
template <detail::text_expr E>
Expr<TsVector> to_tsvector(std::string_view language, const E& e) {
  return detail::call<TsVector>("to_tsvector", detail::literal(language), e);
}
// The query text is bound: it is usually what a user typed.
inline Expr<TsQuery> to_tsquery(std::string_view language, std::string_view query) {
  return detail::call<TsQuery>("to_tsquery", detail::literal(language), query);
}
// weight: "A" (highest) to "D".
Expr<TsVector> setweight(const Expr<TsVector>& vector, std::string_view weight);
inline Expr<float> ts_rank(const Expr<TsVector>& vector, const Expr<TsQuery>& query) {
  return detail::call<float>("ts_rank", vector, query);
}
template <detail::text_expr E>
Expr<detail::like_nullability<E, std::string>> ts_headline(std::string_view language, const E& e,
                                                           const Expr<TsQuery>& query) {
  return detail::call<detail::like_nullability<E, std::string>>(
      "ts_headline", detail::literal(language), e, query);
}
// vector @@ query.
inline Condition matches(const Expr<TsVector>& vector, const Expr<TsQuery>& query) {
  return Condition(detail::binary(detail::Fragment(vector.fragment()), "@@", query.fragment()));
}

}  // namespace func
}  // namespace iceaxe
