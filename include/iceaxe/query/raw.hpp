#pragma once

// Helpers for raw SQL text (select<...>().text(sql, values...)): identifiers quoted and
// escaped the way built queries write them.
//
//   select<Employee>().text("SELECT " + sql::select<Employee>() + " FROM " +
//                           sql::table<Employee>() + " WHERE " + sql::col(E.age) + " = $1", 28)

#include <string>

#include "iceaxe/query/select.hpp"

namespace iceaxe::sql {

// A model's columns as select<T>() lists them: `"employee"."id" AS "employee_id", ...`.
template <Model T>
std::string select() {
  detail::Fragment f;
  int functions = 0;
  detail::Element<TableRef<T>>::render(table<T>, f, functions);
  return f.sql;
}

// `"employee"`.
template <Model T>
std::string table() {
  return detail::quote(table_name<T>);
}

// `"employee"."age"`.
template <class T, auto M>
std::string col(const Column<T, M>& column) {
  return detail::fragment_of(column).sql;
}

// `"age"`: the column's name alone (as in SET or INSERT column lists).
template <class T, auto M>
std::string raw(const Column<T, M>& column) {
  return detail::quote(column.name());
}

}  // namespace iceaxe::sql
