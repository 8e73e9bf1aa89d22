#pragma once

// create_all: creates the models' tables, enum types, constraints and indexes in the
// connection's current schema, in dependency order, without migration bookkeeping. Fails
// (and creates nothing: it runs in one transaction) when an object exists already.

#include <span>

#include "iceaxe/model/descriptor.hpp"
#include "iceaxe/orm/db_connection.hpp"

namespace iceaxe::migrations {

// Every registered model.
void create_all(DBConnection& conn);
void create_all(DBConnection& conn, std::span<const ModelRef> models);

}  // namespace iceaxe::migrations
