#include "iceaxe/migrations/model_schema.hpp"

#include "iceaxe/migrations/schema_sql.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <tuple>

#include "iceaxe/pg/errors.hpp"

namespace iceaxe::migrations {
namespace {

constexpr std::size_t max_identifier = 63;  // PostgreSQL truncates longer names

std::string constraint_name(std::string_view table, const std::vector<std::string>& columns,
                            std::string_view suffix) {
  std::string name = fmt::format("{}_{}_{}", table, fmt::join(columns, "_"), suffix);
  if (name.size() > max_identifier) name.resize(max_identifier);
  return name;
}

std::string quoted_list(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) {
    if (!out.empty()) out += ", ";
    out += pg::quote_identifier(name);
  }
  return out;
}

std::string upper(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(), [](unsigned char c) { return std::toupper(c); });
  return out;
}

std::string foreign_key_definition(const ColumnInfo& column) {
  const std::string_view target = column.options.foreign_key;
  // The last dot, as ICEAXE_TABLE checks it: a table name may hold dots, a column name not.
  const std::size_t dot = target.rfind('.');
  std::string out = fmt::format(
      "FOREIGN KEY ({}) REFERENCES {}({})", pg::quote_identifier(column.name),
      pg::quote_identifier(target.substr(0, dot)), pg::quote_identifier(target.substr(dot + 1)));
  if (const auto* actions = std::get_if<PostgresForeignKey>(&column.options.postgres_config)) {
    // pg_get_constraintdef's order, and NO ACTION left out as it does.
    if (upper(actions->on_update) != "NO ACTION") out += " ON UPDATE " + upper(actions->on_update);
    if (upper(actions->on_delete) != "NO ACTION") out += " ON DELETE " + upper(actions->on_delete);
  }
  return out;
}

void add_enum(Schema& schema, const EnumType& type) {
  std::vector<std::string> labels(type.labels.begin(), type.labels.end());
  const auto it = std::ranges::find(schema.enums, type.name, &EnumDef::name);
  if (it == schema.enums.end()) {
    schema.enums.push_back({std::string(type.name), std::move(labels)});
  } else if (it->labels != labels) {
    throw UsageError(
        fmt::format("two enums map to the PostgreSQL type {} with different labels", type.name));
  }
}

void add_model(Schema& schema, const ModelDescriptor& model) {
  const std::string table(model.table_name);
  schema.tables.push_back(table);
  for (std::size_t i = 0; i < model.columns.size(); ++i) {
    const ColumnInfo& column = model.columns[i];
    const std::string name(column.name);
    if (column.enum_type) add_enum(schema, *column.enum_type);
    const bool in_key = std::ranges::find(model.primary_key, i) != model.primary_key.end();
    std::string type = column.sql_type;
    if (column.enum_type) {
      type = pg::quote_identifier(column.enum_type->name) + (column.is_array ? "[]" : "");
    }
    schema.columns.push_back({table, name, std::move(type), column.nullable && !in_key,
                              std::string(column.options.default_sql), column.autoincrement});
    const std::vector<std::string> just{name};
    if (column.options.unique) {
      schema.constraints.push_back({table, constraint_name(table, just, "key"),
                                    ConstraintKind::unique, just,
                                    "UNIQUE (" + quoted_list(just) + ")"});
    }
    if (!column.options.foreign_key.empty()) {
      schema.constraints.push_back({table, constraint_name(table, just, "fkey"),
                                    ConstraintKind::foreign_key, just,
                                    foreign_key_definition(column)});
    }
    if (!column.options.check_expression.empty()) {
      schema.constraints.push_back({table, constraint_name(table, just, "check"),
                                    ConstraintKind::check, just,
                                    fmt::format("CHECK ({})", column.options.check_expression)});
    }
    if (column.options.index) {
      schema.indexes.push_back({table, constraint_name(table, just, "idx"), just});
    }
  }
  if (!model.primary_key.empty()) {
    std::vector<std::string> key;
    for (std::size_t i : model.primary_key) key.emplace_back(model.columns[i].name);
    std::string name = table.substr(0, max_identifier - 5) + "_pkey";
    schema.constraints.push_back({table, std::move(name), ConstraintKind::primary_key, key,
                                  "PRIMARY KEY (" + quoted_list(key) + ")"});
  }
  for (const TableArg& arg : model.table_args) {
    if (const auto* unique = std::get_if<UniqueConstraint>(&arg)) {
      schema.constraints.push_back({table, constraint_name(table, unique->columns, "key"),
                                    ConstraintKind::unique, unique->columns,
                                    "UNIQUE (" + quoted_list(unique->columns) + ")"});
    } else {
      const auto& index = std::get<IndexConstraint>(arg);
      schema.indexes.push_back(
          {table, constraint_name(table, index.columns, "idx"), index.columns});
    }
  }
}

// Runs fn() in a transaction (or a savepoint of the caller's) that is always rolled back.
template <class F>
void rolled_back(pg::Connection& conn, F&& fn) {
  constexpr std::string_view savepoint = "iceaxe_render";
  const bool nested = conn.transaction_status() != pg::TransactionStatus::idle;
  nested ? conn.savepoint(savepoint) : conn.begin();
  try {
    fn();
  } catch (...) {
    if (!conn.is_broken()) {
      try {
        nested ? conn.rollback_to_savepoint(savepoint) : conn.rollback();
      } catch (...) {  // the original error says more
      }
    }
    throw;
  }
  if (nested) {
    conn.rollback_to_savepoint(savepoint);
    conn.release_savepoint(savepoint);
  } else {
    conn.rollback();
  }
}

}  // namespace

Schema schema_of(std::span<const ModelRef> models) {
  std::vector<const ModelDescriptor*> sorted;
  for (const ModelRef& model : models) sorted.push_back(&*model);
  std::ranges::sort(sorted, {}, &ModelDescriptor::table_name);
  Schema schema;
  for (const ModelDescriptor* model : sorted) {
    if (!schema.tables.empty() && schema.tables.back() == model->table_name) {
      throw UsageError(fmt::format("two models map to the table {}", model->table_name));
    }
    add_model(schema, *model);
  }
  const auto by_table_name = [](const auto& object) { return std::tie(object.table, object.name); };
  std::ranges::sort(schema.enums, {}, &EnumDef::name);
  std::ranges::sort(schema.constraints, {}, by_table_name);
  std::ranges::sort(schema.indexes, {}, by_table_name);
  return schema;
}

void render_as_server(pg::Connection& conn, Schema& schema) {
  if (schema.tables.empty()) return;
  rolled_back(conn, [&] {
    // The scratch tables are temporary tables named as the real ones: the temporary schema
    // comes first in the search path, so foreign keys resolve among them.
    const auto existing = conn.fetch(
        "SELECT typname FROM pg_type WHERE typtype = 'e' AND typnamespace = "
        "current_schema()::regnamespace");
    std::vector<std::string> enums_present;
    for (pg::Row row : existing) enums_present.push_back(row.get<std::string>(0));
    for (const EnumDef& type : schema.enums) {
      if (std::ranges::find(enums_present, type.name) != enums_present.end()) continue;
      conn.execute(create_enum_sql(type));
    }
    for (const std::string& table : schema.tables) {
      std::string columns;
      for (const ColumnDef& column : schema.columns) {
        if (column.table != table) continue;
        if (!columns.empty()) columns += ", ";
        columns += pg::quote_identifier(column.name) + " " + column.type;
        if (!column.default_sql.empty()) columns += " DEFAULT " + column.default_sql;
      }
      conn.execute(
          fmt::format("CREATE TEMPORARY TABLE {} ({})", pg::quote_identifier(table), columns));
    }
    for (const bool foreign : {false, true}) {
      for (const ConstraintDef& constraint : schema.constraints) {
        if ((constraint.kind == ConstraintKind::foreign_key) != foreign) continue;
        conn.execute(fmt::format("ALTER TABLE pg_temp.{} ADD CONSTRAINT {} {}",
                                 pg::quote_identifier(constraint.table),
                                 pg::quote_identifier(constraint.name), constraint.definition));
      }
    }
    std::map<std::pair<std::string, std::string>, std::pair<std::string, std::string>> columns;
    for (pg::Row row : conn.fetch(
             "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), "
             "coalesce(pg_get_expr(d.adbin, d.adrelid), '') FROM pg_attribute a "
             "JOIN pg_class c ON c.oid = a.attrelid "
             "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
             "WHERE c.relnamespace = pg_my_temp_schema() AND c.relkind = 'r' AND a.attnum > 0 "
             "AND NOT a.attisdropped")) {
      columns[{row.get<std::string>(0), row.get<std::string>(1)}] = {row.get<std::string>(2),
                                                                     row.get<std::string>(3)};
    }
    for (ColumnDef& column : schema.columns) {
      const auto& [type, default_sql] = columns.at({column.table, column.name});
      column.type = type;
      column.default_sql = default_sql;
    }
    std::map<std::pair<std::string, std::string>, std::string> definitions;
    for (pg::Row row : conn.fetch(
             "SELECT c.relname, con.conname, pg_get_constraintdef(con.oid) FROM pg_constraint con "
             "JOIN pg_class c ON c.oid = con.conrelid WHERE c.relnamespace = "
             "pg_my_temp_schema()")) {
      definitions[{row.get<std::string>(0), row.get<std::string>(1)}] = row.get<std::string>(2);
    }
    for (ConstraintDef& constraint : schema.constraints) {
      constraint.definition = definitions.at({constraint.table, constraint.name});
    }
  });
}

}  // namespace iceaxe::migrations
