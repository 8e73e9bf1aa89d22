#pragma once

// update<Employee>().set(E.name, "x").where(...) and delete_<Employee>().where(...): exec
// returns the number of rows they touched.

#include <string>
#include <vector>

#include "iceaxe/query/select.hpp"

namespace iceaxe {

namespace detail {

// The run-time part of an UPDATE or DELETE.
struct WriteState {
  std::string_view table;
  std::vector<Fragment> assignments;  // `"column" = $n`
  Conjunction where;

  BuiltQuery build_update() const;
  BuiltQuery build_delete() const;
};

// Whether a value may be assigned to a column of type V (std::nullopt when nullable).
template <class V, class U>
concept assignable_to = value_for<strip_optional_t<V>, U> ||
    (pg::is_optional_v<V> &&
     (std::is_same_v<std::remove_cvref_t<U>, std::nullopt_t> ||
      (pg::is_optional_v<std::remove_cvref_t<U>> &&
       value_for<strip_optional_t<V>, typename std::remove_cvref_t<U>::value_type>)));

}  // namespace detail

template <Model T>
class Update {
 public:
  Update() { state_.table = table_name<T>; }

  // SET "column" = value. A JSON document column takes its member's type.
  template <auto M, class U>
  requires detail::assignable_to<typename Column<T, M>::value_type, U> Update
  set(const Column<T, M>& column, const U& value) && {
    using V = typename Column<T, M>::value_type;
    detail::Fragment f;
    f += detail::quote(column.name());
    f += " = ";
    if constexpr (std::is_same_v<std::remove_cvref_t<U>, std::nullopt_t>) {
      f += "NULL";
    } else if constexpr (pg::is_optional_v<std::remove_cvref_t<U>>) {
      if (!value) {
        f += "NULL";
      } else {
        bind_value<V, M>(f, *value);
      }
    } else {
      bind_value<V, M>(f, value);
    }
    state_.assignments.push_back(std::move(f));
    return std::move(*this);
  }
  template <auto M, class U>
  requires detail::assignable_to<typename Column<T, M>::value_type, U> Update
  set(const Column<T, M>& column, const U& value)
  const& { return Update(*this).set(column, value); }

  template <class... Cs>
  requires(detail::Predicate<std::remove_cvref_t<Cs>>&&...) Update where(Cs&&... conditions) && {
    (state_.where.add(std::forward<Cs>(conditions)), ...);
    return std::move(*this);
  }
  template <class... Cs>
  requires(detail::Predicate<std::remove_cvref_t<Cs>>&&...) Update where(Cs&&... conditions)
  const& { return Update(*this).where(std::forward<Cs>(conditions)...); }

  BuiltQuery build() const { return state_.build_update(); }

 private:
  template <class V, auto M, class U>
  static void bind_value(detail::Fragment& f, const U& value) {
    using X = detail::strip_optional_t<V>;
    if constexpr (Column<T, M>::field().json_document()) {
      f.sql += detail::param_marker;
      detail::ValueIo<X, true>::bind(X(value), f.params);
    } else {
      detail::bind_as<X>(f, value);
    }
  }

  detail::WriteState state_;
};

template <Model T>
class Delete {
 public:
  Delete() { state_.table = table_name<T>; }

  template <class... Cs>
  requires(detail::Predicate<std::remove_cvref_t<Cs>>&&...) Delete where(Cs&&... conditions) && {
    (state_.where.add(std::forward<Cs>(conditions)), ...);
    return std::move(*this);
  }
  template <class... Cs>
  requires(detail::Predicate<std::remove_cvref_t<Cs>>&&...) Delete where(Cs&&... conditions)
  const& { return Delete(*this).where(std::forward<Cs>(conditions)...); }

  BuiltQuery build() const { return state_.build_delete(); }

 private:
  detail::WriteState state_;
};

template <Model T>
Update<T> update() {
  return {};
}

template <Model T>
Delete<T> delete_() {
  return {};
}

}  // namespace iceaxe
