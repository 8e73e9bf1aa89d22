#pragma once

// A schema as text, one object per line, so that a failed comparison shows what differs.
// Columns are listed by name: migrations add columns at the end of their table, which a
// model's order does not say.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <string>
#include <tuple>

#include "iceaxe/migrations/schema.hpp"

namespace iceaxe::test {

inline std::string schema_text(migrations::Schema schema) {
  std::ranges::sort(schema.columns, {},
                    [](const migrations::ColumnDef& c) { return std::tie(c.table, c.name); });
  std::string out = fmt::format("tables: {}\n", fmt::join(schema.tables, ", "));
  for (const auto& e : schema.enums) {
    out += fmt::format("enum {} {}\n", e.name, fmt::join(e.labels, ","));
  }
  for (const auto& c : schema.columns) {
    out += fmt::format("column {}.{} {} nullable={} default='{}' serial={}\n", c.table, c.name,
                       c.type, c.nullable, c.default_sql, c.autoincrement);
  }
  for (const auto& c : schema.constraints) {
    out += fmt::format("constraint {}.{} ({}) {}\n", c.table, c.name, fmt::join(c.columns, ","),
                       c.definition);
  }
  for (const auto& i : schema.indexes) {
    out += fmt::format("index {}.{} ({})\n", i.table, i.name, fmt::join(i.columns, ","));
  }
  return out;
}

}  // namespace iceaxe::test
