#pragma once

// Conditions: comparisons of columns and expressions with values or with each other, and
// their combinations. Comparisons are null-safe like iceaxe's: `== std::nullopt` is
// IS NULL, column == column is IS NOT DISTINCT FROM (plain `=` inside a join's ON).

#include <optional>
#include <ranges>
#include <span>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "iceaxe/query/expression.hpp"

namespace iceaxe {

class Condition {
 public:
  explicit Condition(detail::Fragment fragment) : fragment_(std::move(fragment)) {}
  Condition(detail::Fragment fragment, detail::Fragment in_join)
      : fragment_(std::move(fragment)), in_join_(std::move(in_join)) {}

  const detail::Fragment& fragment() const& noexcept { return fragment_; }
  detail::Fragment fragment() && noexcept { return std::move(fragment_); }
  bool has_join_form() const noexcept { return in_join_.has_value(); }
  // How it reads in a join's ON: column == column as `=`, != as `!=`.
  const detail::Fragment& join_fragment() const noexcept {
    return in_join_ ? *in_join_ : fragment_;
  }

 private:
  detail::Fragment fragment_;
  std::optional<detail::Fragment> in_join_;
};

namespace detail {

template <class E>
using value_t = typename std::remove_cvref_t<E>::value_type;

// The type values are compared as: the expression's type without std::optional.
template <class E>
using scalar_value_t = strip_optional_t<value_t<E>>;

template <class E>
inline constexpr bool is_nullable_expr = pg::is_optional_v<value_t<E>>;

// Whether two expressions' values can be compared.
template <class A, class B>
concept comparable_exprs = value_for<scalar_value_t<A>, scalar_value_t<B>> ||
    value_for<scalar_value_t<B>, scalar_value_t<A>>;

// A value an expression E can be compared with (an optional of one too).
template <class E, class U>
concept value_of = !SqlExpr<U> && !std::is_same_v<std::remove_cvref_t<U>, std::nullopt_t> &&
                   (value_for<scalar_value_t<E>, U> ||
                    (pg::is_optional_v<std::remove_cvref_t<U>> &&
                     value_for<scalar_value_t<E>, typename std::remove_cvref_t<U>::value_type>));

template <class E>
Fragment operand(const E& e) {
  return Fragment(fragment_of(e));
}

// `lhs op rhs`.
inline Fragment binary(Fragment lhs, std::string_view op, const Fragment& rhs) {
  lhs += " ";
  lhs += op;
  lhs += " ";
  lhs += rhs;
  return lhs;
}

// `expr op $n`; an empty optional value gives `IS NULL` / `IS NOT NULL` for == and !=.
template <class E, class U>
Condition compare_value(const E& e, std::string_view op, const U& value) {
  using X = scalar_value_t<E>;
  Fragment f = operand(e);
  if constexpr (pg::is_optional_v<std::remove_cvref_t<U>>) {
    if (!value) {
      f += op == "=" ? " IS NULL" : op == "!=" ? " IS NOT NULL" : " " + std::string(op) + " NULL";
      return Condition(std::move(f));
    }
    f += " ";
    f += op;
    f += " ";
    bind_as<X>(f, *value);
  } else {
    f += " ";
    f += op;
    f += " ";
    bind_as<X>(f, value);
  }
  return Condition(std::move(f));
}

// `$n op expr`; an empty optional value reads as in compare_value (`expr IS NULL`...).
template <class E, class U>
Condition compare_value_first(const U& value, std::string_view op, const E& e) {
  if constexpr (pg::is_optional_v<std::remove_cvref_t<U>>) {
    return value ? compare_value_first(*value, op, e) : compare_value(e, op, value);
  } else {
    Fragment f;
    bind_as<scalar_value_t<E>>(f, value);
    return Condition(binary(std::move(f), op, fragment_of(e)));
  }
}

// Binds `values` as one array parameter of the expression's scalar type.
template <class E, std::ranges::input_range R>
void bind_array(Fragment& f, const R& values) {
  using X = scalar_value_t<E>;
  static_assert(!is_std_vector<X>, "in_ / not_in on an array column would need 2-D arrays");
  if constexpr (std::is_same_v<R, std::vector<X>>) {
    f.bind(values);
  } else {
    std::vector<X> array;
    if constexpr (std::ranges::sized_range<R>) array.reserve(std::ranges::size(values));
    for (const auto& v : values) array.push_back(X(v));
    f.bind(array);
  }
}

// Methods every column and expression has: `E.name.like("M%")`, `E.id.in_(ids)`...
template <class Self, class V>
struct Comparisons {
  // Plain `=` / `!=`: not null-safe (`= NULL` is never true).
  template <class U>
  requires value_of<Self, U> || SqlExpr<U> Condition equals(const U& other)
  const { return plain(" = ", other); }
  template <class U>
  requires value_of<Self, U> || SqlExpr<U> Condition not_equals(const U& other)
  const { return plain(" != ", other); }

  template <std::ranges::input_range R>
  requires value_for<strip_optional_t<V>, std::ranges::range_value_t<R>> Condition
  in_(const R& values)
  const { return quantified(" = ANY(", values); }
  template <class U>
  requires value_for<strip_optional_t<V>, U> Condition in_(std::initializer_list<U> values)
  const { return in_(std::vector<U>(values)); }
  template <std::ranges::input_range R>
  requires value_for<strip_optional_t<V>, std::ranges::range_value_t<R>> Condition
  not_in(const R& values)
  const { return quantified(" != ALL(", values); }
  template <class U>
  requires value_for<strip_optional_t<V>, U> Condition not_in(std::initializer_list<U> values)
  const { return not_in(std::vector<U>(values)); }

  Condition like(std::string_view pattern) const { return text_match("LIKE", pattern); }
  Condition not_like(std::string_view pattern) const { return text_match("NOT LIKE", pattern); }
  Condition ilike(std::string_view pattern) const { return text_match("ILIKE", pattern); }
  Condition not_ilike(std::string_view pattern) const { return text_match("NOT ILIKE", pattern); }

  // IS NULL / IS NOT NULL, and IS [NOT] TRUE / FALSE of a boolean.
  Condition is_(std::nullopt_t) const { return suffix(" IS NULL"); }
  Condition is_not(std::nullopt_t) const { return suffix(" IS NOT NULL"); }
  template <std::same_as<bool> B>
  Condition is_(B value) const {
    static_assert(std::is_same_v<scalar_value_t<Self>, bool>, "iceaxe: IS TRUE needs a boolean");
    return suffix(value ? " IS TRUE" : " IS FALSE");
  }
  template <std::same_as<bool> B>
  Condition is_not(B value) const {
    static_assert(std::is_same_v<scalar_value_t<Self>, bool>, "iceaxe: IS TRUE needs a boolean");
    return suffix(value ? " IS NOT TRUE" : " IS NOT FALSE");
  }

  template <class U>
  requires value_of<Self, U> || SqlExpr<U> Condition is_distinct_from(const U& other)
  const { return plain(" IS DISTINCT FROM ", other); }
  template <class U>
  requires value_of<Self, U> || SqlExpr<U> Condition is_not_distinct_from(const U& other)
  const { return plain(" IS NOT DISTINCT FROM ", other); }

 private:
  const Self& self() const noexcept { return static_cast<const Self&>(*this); }

  // `expr = ANY($n)`: the whole list is one array parameter.
  template <class R>
  Condition quantified(std::string_view op, const R& values) const {
    Fragment f = operand(self());
    f += op;
    bind_array<Self>(f, values);
    f += ")";
    return Condition(std::move(f));
  }

  template <class U>
  Condition plain(std::string_view op, const U& other) const {
    Fragment f = operand(self());
    f += op;
    if constexpr (SqlExpr<U>) {
      static_assert(comparable_exprs<Self, U>, "iceaxe: these expressions' types do not compare");
      f += fragment_of(other);
    } else if constexpr (pg::is_optional_v<std::remove_cvref_t<U>>) {
      if (other) {
        bind_as<scalar_value_t<Self>>(f, *other);
      } else {
        f += "NULL";
      }
    } else {
      bind_as<scalar_value_t<Self>>(f, other);
    }
    return Condition(std::move(f));
  }
  Condition text_match(std::string_view op, std::string_view pattern) const {
    static_assert(std::is_same_v<scalar_value_t<Self>, std::string>,
                  "iceaxe: like / ilike need a text column or expression");
    Fragment f = operand(self());
    f += " ";
    f += op;
    f += " ";
    f.bind(pattern);
    return Condition(std::move(f));
  }
  Condition suffix(std::string_view text) const {
    Fragment f = operand(self());
    f += text;
    return Condition(std::move(f));
  }
};

}  // namespace detail

// Comparison operators. With a value on either side; `== / != std::nullopt` on nullable
// expressions only; between expressions, == and != are null-safe.
#define ICEAXE_DETAIL_COMPARISON(op, sql)                                             \
  template <SqlExpr E, class U>                                                       \
  requires detail::value_of<E, U> Condition operator op(const E& e, const U& value) { \
    return detail::compare_value(e, sql, value);                                      \
  }                                                                                   \
  template <class U, SqlExpr E>                                                       \
  requires detail::value_of<E, U> Condition operator op(const U& value, const E& e) { \
    return detail::compare_value_first(value, sql, e);                                \
  }
ICEAXE_DETAIL_COMPARISON(==, "=")
ICEAXE_DETAIL_COMPARISON(!=, "!=")
ICEAXE_DETAIL_COMPARISON(<, "<")
ICEAXE_DETAIL_COMPARISON(<=, "<=")
ICEAXE_DETAIL_COMPARISON(>, ">")
ICEAXE_DETAIL_COMPARISON(>=, ">=")
#undef ICEAXE_DETAIL_COMPARISON

#define ICEAXE_DETAIL_EXPR_COMPARISON(op, sql)                                            \
  template <SqlExpr A, SqlExpr B>                                                         \
  requires detail::comparable_exprs<A, B> Condition operator op(const A& a, const B& b) { \
    return Condition(detail::binary(detail::operand(a), sql, detail::fragment_of(b)));    \
  }
ICEAXE_DETAIL_EXPR_COMPARISON(<, "<")
ICEAXE_DETAIL_EXPR_COMPARISON(<=, "<=")
ICEAXE_DETAIL_EXPR_COMPARISON(>, ">")
ICEAXE_DETAIL_EXPR_COMPARISON(>=, ">=")
#undef ICEAXE_DETAIL_EXPR_COMPARISON

template <SqlExpr A, SqlExpr B>
requires detail::comparable_exprs<A, B> Condition operator==(const A& a, const B& b) {
  return Condition(
      detail::binary(detail::operand(a), "IS NOT DISTINCT FROM", detail::fragment_of(b)),
      detail::binary(detail::operand(a), "=", detail::fragment_of(b)));
}
template <SqlExpr A, SqlExpr B>
requires detail::comparable_exprs<A, B> Condition operator!=(const A& a, const B& b) {
  return Condition(detail::binary(detail::operand(a), "IS DISTINCT FROM", detail::fragment_of(b)),
                   detail::binary(detail::operand(a), "!=", detail::fragment_of(b)));
}

template <SqlExpr E>
requires detail::is_nullable_expr<E> Condition operator==(const E& e, std::nullopt_t) {
  return e.is_(std::nullopt);
}
template <SqlExpr E>
requires detail::is_nullable_expr<E> Condition operator==(std::nullopt_t, const E& e) {
  return e.is_(std::nullopt);
}
template <SqlExpr E>
requires detail::is_nullable_expr<E> Condition operator!=(const E& e, std::nullopt_t) {
  return e.is_not(std::nullopt);
}
template <SqlExpr E>
requires detail::is_nullable_expr<E> Condition operator!=(std::nullopt_t, const E& e) {
  return e.is_not(std::nullopt);
}

namespace detail {

// Predicates: conditions, and boolean expressions (`where(E.active)`).
template <class C>
concept Predicate = std::is_same_v<C, Condition> ||
    (SqlExpr<C>&& std::is_same_v<strip_optional_t<value_t<C>>, bool>);

template <Predicate C>
Condition as_condition(const C& c) {
  if constexpr (std::is_same_v<C, Condition>) {
    return c;
  } else {
    return Condition(Fragment(fragment_of(c)));
  }
}
inline Condition&& as_condition(Condition&& c) noexcept {
  return std::move(c);
}

// Conditions joined by AND as they are added: a statement's WHERE or HAVING.
class Conjunction {
 public:
  // A predicate; a temporary condition is moved in, not copied.
  template <class C>
  requires Predicate<std::remove_cvref_t<C>>
  void add(C&& condition) { add_fragment(as_condition(std::forward<C>(condition)).fragment()); }
  // ` keyword a AND b...`; nothing without conditions.
  void append_to(Fragment& out, std::string_view keyword) const;

 private:
  void add_fragment(Fragment condition);

  Fragment joined_;
};

// `(a AND b ...)`; its join form joins the parts' join forms.
Condition group(std::string_view separator, std::span<const Condition> parts);

}  // namespace detail

// Groups are always parenthesised: where(or_(a, b)) reads WHERE (a OR b).
template <detail::Predicate... Cs>
requires(sizeof...(Cs) > 0) Condition and_(const Cs&... conditions) {
  const Condition parts[] = {detail::as_condition(conditions)...};
  return detail::group(" AND ", parts);
}
template <detail::Predicate... Cs>
requires(sizeof...(Cs) > 0) Condition or_(const Cs&... conditions) {
  const Condition parts[] = {detail::as_condition(conditions)...};
  return detail::group(" OR ", parts);
}
template <detail::Predicate A, detail::Predicate B>
Condition operator&&(const A& a, const B& b) {
  return and_(a, b);
}
template <detail::Predicate A, detail::Predicate B>
Condition operator||(const A& a, const B& b) {
  return or_(a, b);
}
Condition negate(const Condition& c);
template <detail::Predicate C>
Condition operator!(const C& c) {
  return negate(detail::as_condition(c));
}

}  // namespace iceaxe
