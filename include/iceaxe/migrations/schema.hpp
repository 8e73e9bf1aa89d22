#pragma once

// A database schema as migrations see it: the objects of one PostgreSQL schema that models
// describe (enum types, tables, columns, constraints, indexes), read either from the models
// or from the catalogs, in the same normal form so that they compare equal when nothing
// differs. Types, CHECK definitions and defaults are written as the server renders them
// (format_type, pg_get_constraintdef, pg_get_expr).

#include <string>
#include <vector>

namespace iceaxe::migrations {

struct EnumDef {
  std::string name;
  std::vector<std::string> labels;  // in the enum's order
  bool operator==(const EnumDef&) const = default;
};

struct ColumnDef {
  std::string table;
  std::string name;
  std::string type;  // format_type(): "bigint", "text[]", "character varying", "level"...
  bool nullable = true;
  std::string default_sql;     // pg_get_expr() of the default; empty for none
  bool autoincrement = false;  // created as serial; its sequence default is not compared
  bool operator==(const ColumnDef&) const = default;
};

enum class ConstraintKind { primary_key, unique, foreign_key, check };

struct ConstraintDef {
  std::string table;
  std::string name;
  ConstraintKind kind = ConstraintKind::check;
  std::vector<std::string> columns;  // in key order
  std::string definition;  // pg_get_constraintdef(): "UNIQUE (name)", "CHECK ((age >= 0))"
  bool operator==(const ConstraintDef&) const = default;
};

struct IndexDef {
  std::string table;
  std::string name;
  std::vector<std::string> columns;
  bool operator==(const IndexDef&) const = default;
};

struct Schema {
  std::vector<EnumDef> enums;
  std::vector<std::string> tables;
  std::vector<ColumnDef> columns;  // grouped by table, each table's in column order
  std::vector<ConstraintDef> constraints;
  std::vector<IndexDef> indexes;  // plain indexes (those not backing a constraint)
  bool operator==(const Schema&) const = default;
};

}  // namespace iceaxe::migrations
