#include "concurrency/databases.hpp"

#include <fmt/format.h>

#include "concurrency/models.hpp"
#include "support/database.hpp"

namespace concurrency_test {
namespace {

constexpr std::string_view other_database = "iceaxe_concurrency_other";

// Raw SQL rather than create_all: the threads, not the setup, are the first to use the
// models, so that the library's lazily built per-model tables are built concurrently.
std::string create_tables() {
  return fmt::format(R"(
    CREATE TYPE tier AS ENUM ('basic', 'premium');
    CREATE TABLE conc_account (id bigint PRIMARY KEY,
      balance integer NOT NULL CHECK (balance >= 0), tier tier NOT NULL);
    CREATE TABLE conc_transfer (id bigserial PRIMARY KEY,
      from_id bigint NOT NULL REFERENCES conc_account (id),
      to_id bigint NOT NULL REFERENCES conc_account (id), amount integer NOT NULL CHECK (amount > 0));
    CREATE TABLE conc_item (id bigserial PRIMARY KEY, owner integer NOT NULL, label text NOT NULL,
      version integer NOT NULL);
    CREATE TABLE conc_tally (name text PRIMARY KEY, value bigint NOT NULL);
    CREATE TABLE conc_thread_stats (thread integer PRIMARY KEY, operations bigint NOT NULL);
    INSERT INTO conc_account SELECT g, {}, 'basic' FROM generate_series(1, {}) g;
    INSERT INTO conc_tally VALUES ('items', 0);)",
                     opening_balance, accounts);
}

// A type only the second database has: its catalog must never show up for the first.
constexpr std::string_view create_other_types = "CREATE TYPE shade AS ENUM ('light', 'dark')";

std::string drop_other() {
  // FORCE: a thread that failed may have left a connection behind.
  return "DROP DATABASE IF EXISTS " + iceaxe::pg::quote_identifier(other_database) +
         " WITH (FORCE)";
}

}  // namespace

Databases::Databases() {
  iceaxe::pg::Connection setup = iceaxe::test::connect();  // no server: the test fails here
  const std::string quoted = iceaxe::pg::quote_identifier(schema);
  setup.execute("DROP SCHEMA IF EXISTS " + quoted + " CASCADE; CREATE SCHEMA " + quoted +
                "; SET search_path = " + quoted + ";" + create_tables());
  // CREATE DATABASE cannot run inside the implicit transaction of a multi-statement string.
  setup.execute(drop_other());
  setup.execute("CREATE DATABASE " + iceaxe::pg::quote_identifier(other_database));
  other_ = setup.params();
  other_.database = other_database;
  iceaxe::pg::connect(other_).execute(create_other_types);
}

Databases::~Databases() {
  try {
    iceaxe::pg::Connection cleanup = iceaxe::test::connect();
    cleanup.execute("DROP SCHEMA IF EXISTS " + iceaxe::pg::quote_identifier(schema) + " CASCADE");
    cleanup.execute(drop_other());
  } catch (...) {  // a failed test already says why; what is left is dropped by the next run
  }
}

iceaxe::DBConnection Databases::connect(iceaxe::DBConnectionOptions options) const {
  iceaxe::pg::Connection conn = iceaxe::test::connect();
  conn.execute("SET search_path = " + iceaxe::pg::quote_identifier(schema));
  return iceaxe::DBConnection(std::move(conn), options);
}

iceaxe::DBConnection Databases::connect_other() const {
  return iceaxe::DBConnection(iceaxe::pg::connect(other_));
}

}  // namespace concurrency_test
