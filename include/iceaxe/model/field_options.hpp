#pragma once

// FieldOptions: what ICEAXE_TABLE's `(name, {...})` entries say about a column, mirroring
// Python iceaxe's Field(...). Every member is a literal type, so options are checked while
// compiling.

#include <optional>
#include <string_view>
#include <variant>

#include "iceaxe/model/column_type.hpp"

namespace iceaxe {

// Timestamps: std::chrono::sys_time is `timestamp with time zone` and local_time is
// `timestamp without time zone`; this option may restate that, not contradict it.
struct PostgresDateTime {
  bool timezone = false;
};

// Times of day (iceaxe::TimeOfDay): only `time without time zone` is supported.
struct PostgresTime {
  bool timezone = false;
};

// Referential actions of a foreign_key field: "RESTRICT", "NO ACTION", "CASCADE",
// "SET DEFAULT" or "SET NULL".
struct PostgresForeignKey {
  std::string_view on_delete = "NO ACTION";
  std::string_view on_update = "NO ACTION";
};

// Full-text metadata (language, weight "A".."D"), kept for users; it changes no SQL.
struct PostgresFullText {
  std::string_view language = "english";
  std::string_view weight = "A";
};

// JSON columns are jsonb unless `binary = false` (json).
struct PostgresJson {
  bool binary = true;
};

using PostgresConfig = std::variant<std::monostate, PostgresDateTime, PostgresTime,
                                    PostgresForeignKey, PostgresFullText, PostgresJson>;

struct FieldOptions {
  bool primary_key = false;
  // Default: true exactly when a primary key member is std::optional<integer> (an empty one
  // is left to the database's sequence; a set one is sent).
  std::optional<bool> autoincrement;
  std::string_view foreign_key;  // "table.column"
  bool unique = false;
  bool index = false;
  std::string_view check_expression;  // SQL, e.g. "age >= 0"
  bool is_json = false;               // store the member as one JSON document
  std::optional<ColumnType> explicit_type;
  PostgresConfig postgres_config;
  std::string_view default_sql;  // the column's DEFAULT expression
  bool exclude = false;          // listed but not stored: no column
};

}  // namespace iceaxe
