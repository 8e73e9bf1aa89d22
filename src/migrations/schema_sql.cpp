#include "iceaxe/migrations/schema_sql.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "iceaxe/pg/connection.hpp"

namespace iceaxe::migrations {
namespace {

// An index key: a column name quoted, an expression (read from the catalogs) as it is.
std::string index_key(const std::string& key) {
  const bool plain =
      std::ranges::all_of(key, [](unsigned char c) { return std::isalnum(c) || c == '_'; });
  return plain ? pg::quote_identifier(key) : key;
}

std::string column_sql(const ColumnDef& column) {
  std::string type = column.type;
  if (column.autoincrement) {
    if (type == "bigint") type = "bigserial";
    if (type == "integer") type = "serial";
    if (type == "smallint") type = "smallserial";
  }
  std::string out = pg::quote_identifier(column.name) + " " + type;
  if (!column.nullable) out += " NOT NULL";
  if (!column.default_sql.empty() && !column.autoincrement) out += " DEFAULT " + column.default_sql;
  return out;
}

}  // namespace

std::string sql_literal(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

std::string create_enum_sql(const EnumDef& type) {
  std::string labels;
  for (const std::string& label : type.labels) {
    if (!labels.empty()) labels += ", ";
    labels += sql_literal(label);
  }
  return fmt::format("CREATE TYPE {} AS ENUM ({})", pg::quote_identifier(type.name), labels);
}

std::string create_table_sql(const std::string& table, const std::vector<ColumnDef>& columns) {
  std::string out = "CREATE TABLE " + pg::quote_identifier(table) + " (";
  bool first = true;
  for (const ColumnDef& column : columns) {
    if (column.table != table) continue;
    out += first ? "\n  " : ",\n  ";
    out += column_sql(column);
    first = false;
  }
  return out + (first ? ")" : "\n)");
}

std::string add_column_sql(const ColumnDef& column) {
  return fmt::format("ALTER TABLE {} ADD COLUMN {}", pg::quote_identifier(column.table),
                     column_sql(column));
}

std::string add_constraint_sql(const ConstraintDef& constraint) {
  return fmt::format("ALTER TABLE {} ADD CONSTRAINT {} {}", pg::quote_identifier(constraint.table),
                     pg::quote_identifier(constraint.name), constraint.definition);
}

std::string create_index_sql(const IndexDef& index) {
  std::string keys;
  for (const std::string& key : index.columns) {
    if (!keys.empty()) keys += ", ";
    keys += index_key(key);
  }
  return fmt::format("CREATE INDEX {} ON {} ({})", pg::quote_identifier(index.name),
                     pg::quote_identifier(index.table), keys);
}

}  // namespace iceaxe::migrations
