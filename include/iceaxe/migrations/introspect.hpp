#pragma once

// The schema as the database has it: the objects of the connection's current schema read
// from the PostgreSQL catalogs, in the normal form of schema.hpp, for comparison with the
// schema the models describe.

#include <string>
#include <vector>

#include "iceaxe/migrations/schema.hpp"
#include "iceaxe/pg/connection.hpp"

namespace iceaxe::migrations {

struct IntrospectOptions {
  // Tables left out, with their columns, constraints and indexes. iceaxe's own
  // "migration_info" is always left out.
  std::vector<std::string> ignore_tables;
};

// The enum types, tables (ordinary and partitioned, not partitions: those belong to their
// parent), columns, constraints (primary key, unique, foreign key, check) and the indexes
// that back no constraint of current_schema(). Serial and identity columns come back as
// autoincrement without a default; generated columns without one either. Five round trips,
// one per kind of object: inside a REPEATABLE READ transaction they see one snapshot.
Schema introspect(pg::Connection& conn, const IntrospectOptions& options = {});

}  // namespace iceaxe::migrations
