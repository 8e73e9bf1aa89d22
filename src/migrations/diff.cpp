#include "iceaxe/migrations/diff.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ranges>

#include "iceaxe/migrations/schema_sql.hpp"
#include "iceaxe/pg/connection.hpp"

namespace iceaxe::migrations {
namespace {

using pg::quote_identifier;

template <class T>
const T* find_in_table(const std::vector<T>& objects, const std::string& table,
                       const std::string& name) {
  const auto it = std::ranges::find_if(
      objects, [&](const T& object) { return object.table == table && object.name == name; });
  return it == objects.end() ? nullptr : &*it;
}

// A constraint's definition says all of it (a CHECK's column list is only the order its
// expression mentions them).
bool same_constraint(const ConstraintDef* a, const ConstraintDef& b) {
  return a && a->kind == b.kind && a->definition == b.definition;
}

bool has_table(const Schema& schema, const std::string& table) {
  return std::ranges::find(schema.tables, table) != schema.tables.end();
}

const EnumDef* find_enum(const Schema& schema, const std::string& name) {
  const auto it = std::ranges::find(schema.enums, name, &EnumDef::name);
  return it == schema.enums.end() ? nullptr : &*it;
}

// The enum a column's type names (itself or as array elements), if any.
const EnumDef* enum_of(const Schema& schema, std::string_view type) {
  if (type.ends_with("[]")) type.remove_suffix(2);
  for (const EnumDef& e : schema.enums) {
    if (type == e.name || type == quote_identifier(e.name)) return &e;
  }
  return nullptr;
}

std::string alter_table(const std::string& table) {
  return "ALTER TABLE " + quote_identifier(table);
}

// Whether `from`'s labels keep their order within `to`'s: then ADD VALUE suffices.
bool only_added(const std::vector<std::string>& from, const std::vector<std::string>& to) {
  std::size_t next = 0;
  for (const std::string& label : to) {
    if (next < from.size() && label == from[next]) ++next;
  }
  return next == from.size();
}

void add_enum_values(std::vector<std::string>& out, const EnumDef& from, const EnumDef& to) {
  for (std::size_t i = 0; i < to.labels.size(); ++i) {
    if (std::ranges::find(from.labels, to.labels[i]) != from.labels.end()) continue;
    // Placed before the next label that exists already, or last.
    std::string where;
    for (std::size_t j = i + 1; j < to.labels.size(); ++j) {
      if (std::ranges::find(from.labels, to.labels[j]) != from.labels.end()) {
        where = " BEFORE " + sql_literal(to.labels[j]);
        break;
      }
    }
    out.push_back(fmt::format("ALTER TYPE {} ADD VALUE {}{}", quote_identifier(to.name),
                              sql_literal(to.labels[i]), where));
  }
}

// Labels removed or reordered: a new type replaces the old one in every column using it.
void rebuild_enum(std::vector<std::string>& out, const Schema& to, const EnumDef& type) {
  const std::string name = quote_identifier(type.name);
  const std::string old_name = quote_identifier(type.name + "_old");
  out.push_back(fmt::format("ALTER TYPE {} RENAME TO {}", name, old_name));
  out.push_back(create_enum_sql(type));
  for (const ColumnDef& column : to.columns) {
    if (enum_of(to, column.type) != &type) continue;
    const bool array = column.type.ends_with("[]");
    const std::string column_name = quote_identifier(column.name);
    const std::string target = name + (array ? "[]" : "");
    std::string sql = fmt::format("{} ALTER COLUMN {} ", alter_table(column.table), column_name);
    if (!column.default_sql.empty()) out.push_back(sql + "DROP DEFAULT");
    out.push_back(fmt::format("{}TYPE {} USING {}::text{}::{}", sql, target, column_name,
                              array ? "[]" : "", target));
    if (!column.default_sql.empty()) out.push_back(sql + "SET DEFAULT " + column.default_sql);
  }
  out.push_back("DROP TYPE " + old_name);
}

void alter_column(std::vector<std::string>& out, const Schema& to, const ColumnDef& from,
                  const ColumnDef& column) {
  const std::string prefix =
      fmt::format("{} ALTER COLUMN {} ", alter_table(column.table), quote_identifier(column.name));
  const bool default_changed =
      !from.autoincrement && !column.autoincrement && from.default_sql != column.default_sql;
  if (default_changed && !from.default_sql.empty()) out.push_back(prefix + "DROP DEFAULT");
  if (from.type != column.type) {
    // Cast through text into an enum; otherwise the direct cast, where one exists.
    const bool into_enum = enum_of(to, column.type) != nullptr;
    const bool array = column.type.ends_with("[]");
    out.push_back(fmt::format("{}TYPE {} USING {}{}::{}", prefix, column.type,
                              quote_identifier(column.name),
                              into_enum ? (array ? "::text[]" : "::text") : "", column.type));
  }
  if (from.nullable != column.nullable) {
    out.push_back(prefix + (column.nullable ? "DROP NOT NULL" : "SET NOT NULL"));
  }
  if (default_changed && !column.default_sql.empty()) {
    out.push_back(prefix + "SET DEFAULT " + column.default_sql);
  }
}

}  // namespace

std::vector<std::string> diff(const Schema& from, const Schema& to) {
  std::vector<std::string> out;
  // Objects of tables that are dropped go with their table.
  const auto kept = [&](const std::string& table) { return has_table(to, table); };

  for (const IndexDef& index : from.indexes) {
    const IndexDef* now = find_in_table(to.indexes, index.table, index.name);
    if (kept(index.table) && (!now || *now != index)) {
      out.push_back("DROP INDEX " + quote_identifier(index.name));
    }
  }
  for (const bool foreign : {true, false}) {
    for (const ConstraintDef& constraint : from.constraints) {
      if ((constraint.kind == ConstraintKind::foreign_key) != foreign) continue;
      const ConstraintDef* now = find_in_table(to.constraints, constraint.table, constraint.name);
      // A foreign key into a table that is dropped goes first, whatever else happens.
      if ((kept(constraint.table) || foreign) && !same_constraint(now, constraint)) {
        out.push_back(fmt::format("{} DROP CONSTRAINT {}", alter_table(constraint.table),
                                  quote_identifier(constraint.name)));
      }
    }
  }
  for (const EnumDef& type : to.enums) {
    const EnumDef* before = find_enum(from, type.name);
    if (!before) {
      out.push_back(create_enum_sql(type));
    } else if (before->labels != type.labels && only_added(before->labels, type.labels)) {
      add_enum_values(out, *before, type);
    }
  }
  for (const std::string& table : to.tables) {
    if (!has_table(from, table)) out.push_back(create_table_sql(table, to.columns));
  }
  for (const ColumnDef& column : to.columns) {
    if (!has_table(from, column.table)) continue;
    const ColumnDef* before = find_in_table(from.columns, column.table, column.name);
    if (!before) {
      out.push_back(add_column_sql(column));
    } else if (*before != column) {
      alter_column(out, to, *before, column);
    }
  }
  for (const ColumnDef& column : from.columns) {
    if (kept(column.table) && !find_in_table(to.columns, column.table, column.name)) {
      out.push_back(fmt::format("{} DROP COLUMN {}", alter_table(column.table),
                                quote_identifier(column.name)));
    }
  }
  // Reverse iterators, not std::views::reverse: clang 14 cannot use libstdc++ 12's views.
  for (auto table = from.tables.rbegin(); table != from.tables.rend(); ++table) {
    if (!kept(*table)) out.push_back("DROP TABLE " + quote_identifier(*table));
  }
  for (const EnumDef& type : to.enums) {
    const EnumDef* before = find_enum(from, type.name);
    if (before && !only_added(before->labels, type.labels)) rebuild_enum(out, to, type);
  }
  for (const EnumDef& type : from.enums) {
    if (!find_enum(to, type.name)) out.push_back("DROP TYPE " + quote_identifier(type.name));
  }
  for (const bool foreign : {false, true}) {
    for (const ConstraintDef& constraint : to.constraints) {
      if ((constraint.kind == ConstraintKind::foreign_key) != foreign) continue;
      const ConstraintDef* before =
          find_in_table(from.constraints, constraint.table, constraint.name);
      if (!same_constraint(before, constraint)) out.push_back(add_constraint_sql(constraint));
    }
  }
  for (const IndexDef& index : to.indexes) {
    const IndexDef* before = find_in_table(from.indexes, index.table, index.name);
    if (!before || *before != index) out.push_back(create_index_sql(index));
  }
  return out;
}

}  // namespace iceaxe::migrations
