#include "iceaxe/orm/write_sql.hpp"

#include <fmt/format.h>

#include "iceaxe/pg/connection.hpp"

namespace iceaxe::detail {

namespace {

// The relation u's name for the objects' position; no model field can be called this.
constexpr std::string_view ordinal = R"("#ord")";

void append_array_params(std::string& out, std::span<const SqlColumn> columns) {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) out += ", ";
    fmt::format_to(std::back_inserter(out), "${}", i + 1);
    if (!columns[i].cast.empty())
      fmt::format_to(std::back_inserter(out), "::{}[]", columns[i].cast);
  }
}

void append_values(std::string& out, std::span<const SqlColumn> columns, ValuesRows rows) {
  out += "VALUES ";
  std::size_t param = 1;
  for (std::size_t row = 0; row < rows; ++row) {
    out += row > 0 ? ", (" : "(";
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (i > 0) out += ", ";
      fmt::format_to(std::back_inserter(out), "${}", param++);
      if (!columns[i].cast.empty())
        fmt::format_to(std::back_inserter(out), "::{}", columns[i].cast);
    }
    out += ')';
  }
}

// `unnest($1, $2) AS u("a", "b")` or `(VALUES ...) AS u("a", "b")`.
void append_source(std::string& out, std::span<const SqlColumn> columns, ValuesRows rows) {
  if (rows == 0) {
    out += "unnest(";
    append_array_params(out, columns);
    out += ")";
  } else {
    out += '(';
    append_values(out, columns, rows);
    out += ')';
  }
  out += " AS u(";
  append_names(out, columns);
  out += ')';
}

void append_key_match(std::string& out, std::string_view table, std::span<const SqlColumn> keys) {
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (i > 0) out += " AND ";
    const std::string name = pg::quote_identifier(keys[i].name);
    fmt::format_to(std::back_inserter(out), "{}.{} = u.{}", table, name, name);
  }
}

// WHERE-clause tail matching the key: `= ANY($1)` for one key column, a join otherwise.
void append_key_filter(std::string& out, std::string_view table, std::span<const SqlColumn> keys,
                       std::string_view join_word) {
  if (keys.size() == 1) {
    fmt::format_to(std::back_inserter(out), " WHERE {}.{} = ANY(", table,
                   pg::quote_identifier(keys[0].name));
    append_array_params(out, keys);
    out += ')';
    return;
  }
  fmt::format_to(std::back_inserter(out), " {} ", join_word);
  append_source(out, keys, 0);
  out += join_word == "USING" ? " WHERE " : " ON ";
  append_key_match(out, table, keys);
}

}  // namespace

void append_names(std::string& out, std::span<const SqlColumn> columns, std::string_view prefix) {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) out += ", ";
    out += prefix;
    out += pg::quote_identifier(columns[i].name);
  }
}

std::string insert_sql(std::string_view table, std::span<const SqlColumn> columns,
                       ValuesRows values_rows, std::string_view tail) {
  const std::string quoted = pg::quote_identifier(table);
  std::string sql;
  if (columns.empty()) {
    fmt::format_to(std::back_inserter(sql),
                   "INSERT INTO {} SELECT FROM generate_series(1, $1) AS u({}) ORDER BY u.{}",
                   quoted, ordinal, ordinal);
  } else if (values_rows > 0) {
    fmt::format_to(std::back_inserter(sql), "INSERT INTO {} (", quoted);
    append_names(sql, columns);
    sql += ") ";
    append_values(sql, columns, values_rows);
  } else {
    fmt::format_to(std::back_inserter(sql), "INSERT INTO {} (", quoted);
    append_names(sql, columns);
    // One function scan feeds the insert: rows are inserted, and returned, in array order
    // (PostgreSQL never runs an INSERT in parallel). An ORDER BY on WITH ORDINALITY would
    // say so explicitly, at the price of a sort that spills to disk past ~50k rows.
    sql += ") SELECT ";
    append_names(sql, columns, "u.");
    sql += " FROM unnest(";
    append_array_params(sql, columns);
    sql += ") AS u(";
    append_names(sql, columns);
    sql += ')';
  }
  sql += tail;
  return sql;
}

std::string update_sql(std::string_view table, std::span<const SqlColumn> keys,
                       std::span<const SqlColumn> set, ValuesRows values_rows) {
  const std::string quoted = pg::quote_identifier(table);
  std::vector<SqlColumn> columns(keys.begin(), keys.end());
  columns.insert(columns.end(), set.begin(), set.end());
  std::string sql = fmt::format("UPDATE {} SET ", quoted);
  for (std::size_t i = 0; i < set.size(); ++i) {
    if (i > 0) sql += ", ";
    const std::string name = pg::quote_identifier(set[i].name);
    fmt::format_to(std::back_inserter(sql), "{} = u.{}", name, name);
  }
  sql += " FROM ";
  append_source(sql, columns, values_rows);
  sql += " WHERE ";
  append_key_match(sql, quoted, keys);
  return sql;
}

std::string delete_sql(std::string_view table, std::span<const SqlColumn> keys) {
  const std::string quoted = pg::quote_identifier(table);
  std::string sql = fmt::format("DELETE FROM {}", quoted);
  append_key_filter(sql, quoted, keys, "USING");
  return sql;
}

std::string refresh_sql(std::string_view table, std::string_view select_list,
                        std::span<const SqlColumn> keys) {
  const std::string quoted = pg::quote_identifier(table);
  std::string sql = fmt::format("SELECT {} FROM {}", select_list, quoted);
  append_key_filter(sql, quoted, keys, "JOIN");
  return sql;
}

}  // namespace iceaxe::detail
