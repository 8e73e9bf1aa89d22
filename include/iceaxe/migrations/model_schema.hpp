#pragma once

// The schema the models describe, in the normal form of schema.hpp: what the database
// should hold for them.

#include <span>

#include "iceaxe/migrations/schema.hpp"
#include "iceaxe/model/descriptor.hpp"
#include "iceaxe/pg/connection.hpp"

namespace iceaxe::migrations {

// The models' tables, columns, constraints, indexes and enum types. CHECK definitions and
// defaults are as written in the models; render_as_server() gives them the server's form.
// Constraints are named as PostgreSQL names them by default ("office_pkey",
// "employee_name_key", "employee_office_id_fkey", "employee_age_check"); indexes
// "<table>_<columns>_idx".
Schema schema_of(std::span<const ModelRef> models);

// Rewrites `schema`'s CHECK definitions and defaults as the server renders them
// (pg_get_constraintdef, pg_get_expr), so that they compare with introspected ones. Works
// on scratch objects inside a transaction (or savepoint) that it rolls back.
void render_as_server(pg::Connection& conn, Schema& schema);

}  // namespace iceaxe::migrations
