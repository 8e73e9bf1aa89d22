#pragma once

// Splits a SQL script into its statements, for revisions that run outside a transaction
// (`-- use_transaction: false`) one statement at a time: `CREATE INDEX CONCURRENTLY` cannot
// share a multi-statement query string with anything else.

#include <string>
#include <string_view>
#include <vector>

#include "iceaxe/migrations/revision_file.hpp"

namespace iceaxe::migrations {

// The statements of `sql`, trimmed and without their ';', in order; those holding nothing
// but comments are dropped, a last one without ';' is kept. A semicolon ends a statement
// only outside quotes ('...' with '' escapes, E'...' with backslash escapes, "..."),
// dollar quotes ($$...$$, $tag$...$tag$), comments (-- and nested /* */), parentheses and,
// as psql does it, a CREATE FUNCTION / PROCEDURE's BEGIN ATOMIC ... END body. Strings
// follow standard_conforming_strings = on, the default. An unterminated quote, dollar
// quote or comment throws MigrationError naming the line it starts on.
std::vector<std::string> split_sql(std::string_view sql);

}  // namespace iceaxe::migrations
