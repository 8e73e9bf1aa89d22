#pragma once

// The DDL statements migrations write, one per schema change, without a trailing semicolon.

#include <string>
#include <string_view>

#include "iceaxe/migrations/schema.hpp"

namespace iceaxe::migrations {

// A string literal: 'it''s'.
std::string sql_literal(std::string_view text);

std::string create_enum_sql(const EnumDef& type);
// CREATE TABLE with its columns (autoincrement ones as serial types); constraints and
// indexes are separate statements.
std::string create_table_sql(const std::string& table, const std::vector<ColumnDef>& columns);
std::string add_column_sql(const ColumnDef& column);
std::string add_constraint_sql(const ConstraintDef& constraint);
std::string create_index_sql(const IndexDef& index);

}  // namespace iceaxe::migrations
