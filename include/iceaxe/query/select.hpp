#pragma once

// select(): typed SELECT statements. The row type is known at compile time: one element
// gives its type (a model, a column's type, a function's type), several give a tuple.
//
//   auto q = select<Employee>().where(E.age > 25).order_by(E.name);
//   auto [sql, params] = q.build();
//
// Clauses return the query with the clause added (value semantics: a query a clause was
// added to stays as it was).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include "iceaxe/model/reader.hpp"
#include "iceaxe/query/column.hpp"

namespace iceaxe {

enum class Order { asc, desc };

// FOR UPDATE [OF ...] [NOWAIT | SKIP LOCKED]; repeated for_update calls combine.
struct ForUpdate {
  bool nowait = false;
  bool skip_locked = false;
  std::vector<AnyTable> of;
};

// A statement ready to run: SQL text with $n parameters, and their values.
struct BuiltQuery {
  std::string sql;
  pg::Params params;
};

// An extra result column: `alias<int64_t>("total")` reads a column of a text() query;
// `alias("n", func::count(E.id))` selects an expression under a name.
template <class V>
struct Alias {
  using value_type = V;
  std::string name;
  std::optional<detail::Fragment> expr;
  std::string_view root_table;
};
template <class V>
Alias<V> alias(std::string name) {
  return {std::move(name), std::nullopt, {}};
}
template <SqlExpr E>
Alias<detail::value_t<E>> alias(std::string name, const E& expr) {
  return {std::move(name), detail::Fragment(detail::fragment_of(expr)),
          detail::root_table_of(expr)};
}

namespace detail {

template <class... Ts>
struct TypeList {};

template <class T, class List>
inline constexpr bool contains = false;
template <class T, class... Ts>
inline constexpr bool contains<T, TypeList<Ts...>> = (std::is_same_v<T, Ts> || ...);

template <class E>
inline constexpr bool is_table_ref = false;
template <class T>
inline constexpr bool is_table_ref<TableRef<T>> = true;

// The statement with its markers numbered $1, $2...
BuiltQuery numbered(Fragment statement);

// Throws ValueError for a negative limit or offset.
void check_count(std::string_view clause, std::int64_t n);

// `"table"."column" AS "table_column"`.
void append_aliased_column(Fragment& out, std::string_view table, std::string_view column);

// The run-time part of a select: its clauses, rendered.
struct SelectState {
  Fragment select_list;
  std::string from;  // quoted
  std::vector<Fragment> distinct_on;
  std::vector<Fragment> joins;
  Conjunction where;
  std::vector<Fragment> group_by;
  Conjunction having;
  std::vector<Fragment> order_by;
  std::optional<std::int64_t> limit;
  std::optional<std::int64_t> offset;
  bool one = false;
  bool for_update = false;
  bool nowait = false;
  bool skip_locked = false;
  std::vector<std::string_view> lock_tables;
  std::optional<BuiltQuery> text;  // raw SQL replacing everything else

  BuiltQuery build() const;
  void add_join(std::string_view type, std::string_view table, const Fragment& on);
  void add_for_update(const ForUpdate& options);
  void add_order(Fragment expr, Order order);
};

// What a select element contributes: its row value and its columns.
template <class E>
struct Element;

template <class T>
struct Element<TableRef<T>> {
  using table = T;
  using type = T;
  static constexpr int width = static_cast<int>(stored_field_count<T>);
  static std::string_view root(const TableRef<T>&) { return table_name<T>; }
  static void render(const TableRef<T>&, Fragment& out, int&) {
    // The same text in every select of T: rendered once.
    static const std::string columns = [] {
      Fragment list;
      bool first = true;
      for_each_field<T>([&](const auto& field) {
        if (!field.stored()) return;
        if (!first) list += ", ";
        first = false;
        append_aliased_column(list, table_name<T>, field.name);
      });
      return std::move(list.sql);
    }();
    out += columns;
  }
};

template <class T, auto M>
struct Element<Column<T, M>> {
  using table = T;
  using type = typename Column<T, M>::value_type;
  static constexpr int width = 1;
  static std::string_view root(const Column<T, M>&) { return table_name<T>; }
  static void render(const Column<T, M>& c, Fragment& out, int&) {
    static_assert(Column<T, M>::field().stored(), "iceaxe: an excluded field is not a column");
    append_aliased_column(out, table_name<T>, c.name());
  }
};

template <class V>
struct Element<Expr<V>> {
  using table = void;
  using type = V;
  static constexpr int width = 1;
  static std::string_view root(const Expr<V>& e) { return e.root_table(); }
  static void render(const Expr<V>& e, Fragment& out, int& functions) {
    out += e.fragment();
    out += " AS aggregate_" + std::to_string(functions++);
  }
};

template <class V>
struct Element<Alias<V>> {
  using table = void;
  using type = V;
  static constexpr int width = 1;
  static std::string_view root(const Alias<V>& a) { return a.root_table; }
  static void render(const Alias<V>& a, Fragment& out, int&) {
    if (a.expr) {
      out += *a.expr;
      out += " AS ";
    }
    out += quote(a.name);
  }
};

template <class E>
concept SelectElement = requires {
  typename Element<E>::type;
};

// An element's row value, given the tables an outer join may leave NULL.
template <class E, class Nullable>
struct element_result {
  using base = typename Element<E>::type;
  static constexpr bool may_be_null = [] {
    if constexpr (std::is_void_v<typename Element<E>::table>) {
      return false;
    } else {
      return contains<typename Element<E>::table, Nullable>;
    }
  }();
  using type =
      std::conditional_t<may_be_null && !pg::is_optional_v<base>, std::optional<base>, base>;
};

template <class Elements, class Nullable>
struct row_of;
template <class E, class Nullable>
struct row_of<TypeList<E>, Nullable> {
  using type = typename element_result<E, Nullable>::type;
};
template <class... Es, class Nullable>
requires(sizeof...(Es) > 1) struct row_of<TypeList<Es...>, Nullable> {
  using type = std::tuple<typename element_result<Es, Nullable>::type...>;
};

// The select list and FROM clause of a select of these elements.
template <class... Es>
SelectState start_select(const Es&... elements) {
  SelectState state;
  int functions = 0;
  bool first = true;
  ((first ? void() : void(state.select_list += ", "), first = false,
    Element<Es>::render(elements, state.select_list, functions)),
   ...);
  const std::string_view from = Element<std::tuple_element_t<0, std::tuple<Es...>>>::root(
      std::get<0>(std::forward_as_tuple(elements...)));
  if (!from.empty()) state.from = quote(from);
  return state;
}

}  // namespace detail

template <class Elements, class Nullable = detail::TypeList<>, bool One = false>
class Select;

template <class... Es, class... Ns, bool One>
class Select<detail::TypeList<Es...>, detail::TypeList<Ns...>, One> {
  using Nullable = detail::TypeList<Ns...>;
  template <class T>
  using With = Select<detail::TypeList<Es...>, detail::TypeList<Ns..., T>, One>;

 public:
  using elements = detail::TypeList<Es...>;
  using nullable_tables = Nullable;
  using row_type = typename detail::row_of<elements, Nullable>::type;
  static constexpr bool returns_one = One;

  explicit Select(detail::SelectState state) : state_(std::move(state)) {}
  // The statement is built in place: no state is moved.
  explicit Select(const Es&... elements) : state_(detail::start_select(elements...)) {}

  template <class... Cs>
  requires(detail::Predicate<std::remove_cvref_t<Cs>>&&...) Select where(Cs&&... conditions) && {
    (state_.where.add(std::forward<Cs>(conditions)), ...);
    return std::move(*this);
  }
  template <class... Cs>
  requires(detail::Predicate<std::remove_cvref_t<Cs>>&&...) Select where(Cs&&... conditions)
  const& { return Select(*this).where(std::forward<Cs>(conditions)...); }

  template <class T>
  Select join(TableRef<T>, const Condition& on) && {
    state_.add_join("INNER", table_name<T>, on.join_fragment());
    return std::move(*this);
  }
  template <class T>
  Select join(TableRef<T> t, const Condition& on) const& {
    return Select(*this).join(t, on);
  }
  // The outer side's rows may be missing: its elements become std::optional.
  template <class T>
  With<T> left_join(TableRef<T>, const Condition& on) const& {
    detail::SelectState state = state_;
    state.add_join("LEFT", table_name<T>, on.join_fragment());
    return With<T>(std::move(state));
  }
  template <class T>
  auto right_join(TableRef<T>, const Condition& on) const& {
    detail::SelectState state = state_;
    state.add_join("RIGHT", table_name<T>, on.join_fragment());
    // Every table but T may be missing (void marks T's elements: never nullable).
    return Select<
        detail::TypeList<Es...>,
        detail::TypeList<Ns...,
                         std::conditional_t<std::is_same_v<typename detail::Element<Es>::table, T>,
                                            void, typename detail::Element<Es>::table>...>,
        One>(std::move(state));
  }
  template <class T>
  auto full_join(TableRef<T>, const Condition& on) const& {
    detail::SelectState state = state_;
    state.add_join("FULL", table_name<T>, on.join_fragment());
    return Select<detail::TypeList<Es...>,
                  detail::TypeList<Ns..., T, typename detail::Element<Es>::table...>, One>(
        std::move(state));
  }

  template <SqlExpr E>
  Select order_by(const E& expr, Order order = Order::asc) && {
    state_.add_order(detail::Fragment(detail::fragment_of(expr)), order);
    return std::move(*this);
  }
  template <class V>
  Select order_by(const Alias<V>& alias, Order order = Order::asc) && {
    detail::Fragment f;
    f += detail::quote(alias.name);
    state_.add_order(std::move(f), order);
    return std::move(*this);
  }
  template <class E>
  Select order_by(const E& expr, Order order = Order::asc) const& {
    return Select(*this).order_by(expr, order);
  }

  template <SqlExpr... E>
  Select group_by(const E&... exprs) && {
    (state_.group_by.push_back(detail::Fragment(detail::fragment_of(exprs))), ...);
    return std::move(*this);
  }
  template <SqlExpr... E>
  Select group_by(const E&... exprs) const& {
    return Select(*this).group_by(exprs...);
  }

  template <class... Cs>
  requires(detail::Predicate<std::remove_cvref_t<Cs>>&&...) Select having(Cs&&... conditions) && {
    (state_.having.add(std::forward<Cs>(conditions)), ...);
    return std::move(*this);
  }
  template <class... Cs>
  requires(detail::Predicate<std::remove_cvref_t<Cs>>&&...) Select having(Cs&&... conditions)
  const& { return Select(*this).having(std::forward<Cs>(conditions)...); }

  template <SqlExpr... E>
  Select distinct_on(const E&... exprs) && {
    (state_.distinct_on.push_back(detail::Fragment(detail::fragment_of(exprs))), ...);
    return std::move(*this);
  }
  template <SqlExpr... E>
  Select distinct_on(const E&... exprs) const& {
    return Select(*this).distinct_on(exprs...);
  }

  Select limit(std::int64_t n) && {
    detail::check_count("limit", n);
    state_.limit = n;
    return std::move(*this);
  }
  Select limit(std::int64_t n) const& { return Select(*this).limit(n); }
  Select offset(std::int64_t n) && {
    detail::check_count("offset", n);
    state_.offset = n;
    return std::move(*this);
  }
  Select offset(std::int64_t n) const& { return Select(*this).offset(n); }

  Select for_update(const ForUpdate& options = {}) && {
    state_.add_for_update(options);
    return std::move(*this);
  }
  Select for_update(const ForUpdate& options = {}) const& {
    return Select(*this).for_update(options);
  }

  // One object: LIMIT 1, and exec throws NoObjectFound when there is no row. Only a
  // select of one whole table has it.
  auto one() const requires(sizeof...(Es) == 1 && (detail::is_table_ref<Es> && ...) && !One) {
    detail::SelectState state = state_;
    state.one = true;
    return Select<detail::TypeList<Es...>, Nullable, true>(std::move(state));
  }

  // Raw SQL instead of the built statement ($1.. bound to `values`); its columns must be
  // the select's elements in order (sql::select<T>() lists a model's).
  template <class... Vs>
  Select text(std::string sql, const Vs&... values) const {
    detail::SelectState state;
    state.text = BuiltQuery{std::move(sql), pg::Params(values...)};
    return Select(std::move(state));
  }

  BuiltQuery build() const { return state_.build(); }

 private:
  detail::SelectState state_;
};

// select(E.id, table<Office>, func::count(E.id)): FROM is the first element's table.
template <detail::SelectElement... Es>
requires(sizeof...(Es) > 0) Select<detail::TypeList<Es...>> select(const Es&... elements) {
  return Select<detail::TypeList<Es...>>(elements...);
}

// select<Employee>(), select<Employee, Office>(): whole models.
template <Model... Ts>
requires(sizeof...(Ts) > 0) Select<detail::TypeList<TableRef<Ts>...>> select() {
  return select(table<Ts>...);
}

}  // namespace iceaxe
