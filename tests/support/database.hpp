#pragma once

// Connections for tests: the server named by DATABASE_URL, or else by the standard PG*
// variables (as pg_virtualenv sets them). No server is a failure, never a skip.
//
// Two variables adapt the tests to a transaction-mode pooler (scripts/pgbouncer-tests):
// ICEAXE_TEST_STATEMENT_CACHE sets the statement cache size of every test connection (0:
// unnamed statements only, the pooler may hand each transaction another server session),
// and ICEAXE_TEST_SCHEMA names the one schema the fixtures use instead of one per test (a
// session's SET search_path does not follow it through the pooler, so the pooler's
// database sets this schema in every server session's search_path).

#include <string>

#include "iceaxe/pg/connection.hpp"

namespace iceaxe::test {

// The connection string tests use ("" means: libpq reads the PG* variables).
std::string dsn();

// A connection to dsn(), with `options` (its statement cache size replaced by
// ICEAXE_TEST_STATEMENT_CACHE when that is set).
pg::Connection connect(const pg::ConnectOptions& options = {});

// The schema a fixture creates and works in: `per_test`, or ICEAXE_TEST_SCHEMA when set.
std::string schema(std::string per_test);

}  // namespace iceaxe::test
