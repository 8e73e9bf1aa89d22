#include "iceaxe/query/select.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "iceaxe/query/rows.hpp"

namespace iceaxe::detail {

BuiltQuery numbered(Fragment statement) {
  return {number_params(statement.sql, statement.params.size()), std::move(statement.params)};
}

void check_count(std::string_view clause, std::int64_t n) {
  if (n < 0) throw ValueError(fmt::format("{} must not be negative, got {}", clause, n));
}

void append_aliased_column(Fragment& out, std::string_view table, std::string_view column) {
  out += quote(table);
  out += ".";
  out += quote(column);
  out += " AS ";
  out += quote(fmt::format("{}_{}", table, column));
}

void SelectState::add_join(std::string_view type, std::string_view table, const Fragment& on) {
  Fragment join;
  join += type;
  join += " JOIN ";
  join += quote(table);
  join += " ON ";
  join += on;
  joins.push_back(std::move(join));
}

void SelectState::add_for_update(const ForUpdate& options) {
  for_update = true;
  nowait = nowait || options.nowait;
  skip_locked = skip_locked || options.skip_locked;
  for (const AnyTable& table : options.of) {
    if (std::find(lock_tables.begin(), lock_tables.end(), table.name()) == lock_tables.end()) {
      lock_tables.push_back(table.name());
    }
  }
}

void SelectState::add_order(Fragment expr, Order order) {
  expr += order == Order::asc ? " ASC" : " DESC";
  order_by.push_back(std::move(expr));
}

BuiltQuery SelectState::build() const {
  if (text) return *text;
  if (from.empty()) throw UsageError("a select needs a table: its first element reads none");
  Fragment out;
  out.sql.reserve(select_list.sql.size() + from.size() + 128);  // most statements fit
  out += "SELECT ";
  if (!distinct_on.empty()) {
    append_list(out, "DISTINCT ON (", distinct_on, ", ");
    out += ") ";
  }
  out += select_list;
  out += " FROM ";
  out += from;
  for (const Fragment& join : joins) {
    out += " ";
    out += join;
  }
  where.append_to(out, " WHERE ");
  append_list(out, " GROUP BY ", group_by, ", ");
  having.append_to(out, " HAVING ");
  append_list(out, " ORDER BY ", order_by, ", ");
  if (one) {
    out += " LIMIT 1";
  } else if (limit) {
    out += fmt::format(" LIMIT {}", *limit);
  }
  if (offset) out += fmt::format(" OFFSET {}", *offset);
  if (for_update) {
    out += " FOR UPDATE";
    if (!lock_tables.empty()) {
      std::vector<std::string> quoted;
      for (std::string_view table : lock_tables) quoted.push_back(quote(table));
      std::sort(quoted.begin(), quoted.end());
      out += fmt::format(" OF {}", fmt::join(quoted, ", "));
    }
    if (nowait) {
      out += " NOWAIT";
    } else if (skip_locked) {
      out += " SKIP LOCKED";
    }
  }
  return numbered(std::move(out));
}

void throw_column_count(int expected, int got) {
  throw UsageError(fmt::format(
      "the result has {} columns where the select's elements need {} (a text() query must "
      "return the elements' columns in order)",
      got, expected));
}

}  // namespace iceaxe::detail
