#pragma once

// Connections for tests: the server named by DATABASE_URL, or else by the standard PG*
// variables (as pg_virtualenv sets them). No server is a failure, never a skip.

#include <string>

#include "iceaxe/pg/connection.hpp"

namespace iceaxe::test {

// The connection string tests use ("" means: libpq reads the PG* variables).
std::string dsn();

pg::Connection connect(const pg::ConnectOptions& options = {});

}  // namespace iceaxe::test
