// Introspection of a schema of each test's own: every kind of object, exactly as the server
// renders it, and what is left out (views, partitions, exclusion constraints and the indexes
// behind constraints, ignored tables and migration_info, other schemas' objects).

#include "iceaxe/migrations/introspect.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "iceaxe/logging.hpp"
#include "support/database.hpp"

namespace iceaxe::migrations {
namespace {

using Strings = std::vector<std::string>;

// One line per object, so that a failure shows which objects differ.
Strings lines(const Schema& schema) {
  Strings out;
  for (const EnumDef& e : schema.enums) {
    out.push_back(fmt::format("enum {} {}", e.name, e.labels));
  }
  for (const std::string& table : schema.tables) out.push_back("table " + table);
  for (const ColumnDef& c : schema.columns) {
    out.push_back(fmt::format("column {}.{} type={} nullable={} default={} autoincrement={}",
                              c.table, c.name, c.type, c.nullable, c.default_sql, c.autoincrement));
  }
  for (const ConstraintDef& c : schema.constraints) {
    out.push_back(fmt::format("constraint {}.{} kind={} columns={} {}", c.table, c.name,
                              static_cast<int>(c.kind), c.columns, c.definition));
  }
  for (const IndexDef& i : schema.indexes) {
    out.push_back(fmt::format("index {}.{} {}", i.table, i.name, i.columns));
  }
  return out;
}

// Names each object missing or unexpected (gtest would cut a long vector short), then the
// order.
void expect_schema(const Schema& actual, const Schema& expected) {
  const Strings got = lines(actual);
  const Strings wanted = lines(expected);
  for (const std::string& line : got) {
    if (std::ranges::find(wanted, line) == wanted.end()) ADD_FAILURE() << "unexpected " << line;
  }
  for (const std::string& line : wanted) {
    if (std::ranges::find(got, line) == got.end()) ADD_FAILURE() << "missing " << line;
  }
  EXPECT_TRUE(actual == expected) << "in this order:\n" << fmt::format("{}", fmt::join(got, "\n"));
}

// A connection whose search_path is a fresh schema named after the running test.
class Introspect : public ::testing::Test {
 protected:
  void SetUp() override {
    conn_.emplace(test::connect());  // no server: the test fails here
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    schema_name_ = std::string("introspect_test_") + test->name();
    std::ranges::transform(schema_name_, schema_name_.begin(),
                           [](unsigned char c) { return std::tolower(c); });
    schema_name_.resize(std::min<std::size_t>(schema_name_.size(), 50));
    schema_ = pg::quote_identifier(schema_name_);
    other_schema_ = pg::quote_identifier(schema_name_ + "_other");
    conn().execute("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE; DROP SCHEMA IF EXISTS " +
                   other_schema_ + " CASCADE; CREATE SCHEMA " + schema_ +
                   "; SET search_path = " + schema_);
  }

  void TearDown() override {
    if (conn_ && !conn_->is_broken()) {
      conn().execute("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE; DROP SCHEMA IF EXISTS " +
                     other_schema_ + " CASCADE");
    }
  }

  pg::Connection& conn() { return *conn_; }

  std::string schema_name_;
  std::string schema_;
  std::string other_schema_;  // for the tests that need a second schema

 private:
  std::optional<pg::Connection> conn_;
};

constexpr std::string_view every_kind = R"(
CREATE TYPE level AS ENUM ('junior', 'senior', 'lead');
CREATE TYPE "Mood" AS ENUM ('sad', 'happy');
CREATE TYPE unused AS ENUM ();
CREATE SEQUENCE shared_seq;

CREATE TABLE team (
  id serial PRIMARY KEY,
  name varchar(20) NOT NULL,
  code text DEFAULT 'x',
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (name, code),
  CONSTRAINT team_code_check CHECK (code <> name));
CREATE UNIQUE INDEX team_code_idx ON team (code);

CREATE TABLE member (
  id bigint GENERATED ALWAYS AS IDENTITY,
  team_id integer NOT NULL REFERENCES team (id) ON DELETE CASCADE,
  tags text[] NOT NULL DEFAULT '{}',
  lvl level DEFAULT 'junior',
  moods "Mood"[],
  age integer CHECK (age >= 0),
  ticket bigint DEFAULT nextval('shared_seq'),
  gone integer,
  doubled integer GENERATED ALWAYS AS (age * 2) STORED,
  "Nick Name" text,
  PRIMARY KEY (team_id, id));
ALTER TABLE member DROP COLUMN gone;
CREATE INDEX member_age_idx ON member (age DESC);
CREATE INDEX member_team_nick_idx ON member (team_id, "Nick Name") INCLUDE (tags);
CREATE INDEX member_lower_nick_idx ON member (lower("Nick Name"), age);

-- References a key that is a unique index, not a constraint.
CREATE TABLE badge (id smallserial PRIMARY KEY, code text REFERENCES team (code));
CREATE TABLE "Audit Log" (
  seq bigserial PRIMARY KEY, at timestamp(3) without time zone, note character(4));
CREATE TABLE booking (room integer, EXCLUDE USING btree (room WITH =));
CREATE TABLE empty ();

CREATE TABLE events (id integer, at date, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE INDEX events_at_idx ON events (at);

CREATE VIEW team_names AS SELECT name FROM team;
CREATE MATERIALIZED VIEW team_codes AS SELECT code FROM team;
CREATE INDEX team_codes_idx ON team_codes (code);

CREATE TABLE legacy (
  id integer PRIMARY KEY, team_id integer REFERENCES team (id), note text CHECK (note <> ''));
CREATE INDEX legacy_note_idx ON legacy (note);
CREATE TABLE migration_info (active_revision text UNIQUE);
)";

TEST_F(Introspect, EveryKindOfObjectAsTheServerRendersIt) {
  conn().execute(every_kind);
  using enum ConstraintKind;
  const Schema expected{
      .enums = {{"Mood", {"sad", "happy"}},
                {"level", {"junior", "senior", "lead"}},
                {"unused", {}}},
      .tables = {"Audit Log", "badge", "booking", "empty", "events", "member", "team"},
      .columns =
          {
              {"Audit Log", "seq", "bigint", false, "", true},
              {"Audit Log", "at", "timestamp(3) without time zone", true, "", false},
              {"Audit Log", "note", "character(4)", true, "", false},
              {"badge", "id", "smallint", false, "", true},
              {"badge", "code", "text", true, "", false},
              {"booking", "room", "integer", true, "", false},
              {"events", "id", "integer", false, "", false},
              {"events", "at", "date", false, "", false},
              {"member", "id", "bigint", false, "", true},
              {"member", "team_id", "integer", false, "", false},
              {"member", "tags", "text[]", false, "'{}'::text[]", false},
              {"member", "lvl", "level", true, "'junior'::level", false},
              {"member", "moods", "\"Mood\"[]", true, "", false},
              {"member", "age", "integer", true, "", false},
              {"member", "ticket", "bigint", true, "nextval('shared_seq'::regclass)", false},
              {"member", "doubled", "integer", true, "", false},
              {"member", "Nick Name", "text", true, "", false},
              {"team", "id", "integer", false, "", true},
              {"team", "name", "character varying(20)", false, "", false},
              {"team", "code", "text", true, "'x'::text", false},
              {"team", "created_at", "timestamp with time zone", false, "now()", false},
          },
      .constraints =
          {
              {"Audit Log", "Audit Log_pkey", primary_key, {"seq"}, "PRIMARY KEY (seq)"},
              {"badge",
               "badge_code_fkey",
               foreign_key,
               {"code"},
               "FOREIGN KEY (code) REFERENCES team(code)"},
              {"badge", "badge_pkey", primary_key, {"id"}, "PRIMARY KEY (id)"},
              {"events", "events_pkey", primary_key, {"id", "at"}, "PRIMARY KEY (id, at)"},
              {"member", "member_age_check", check, {"age"}, "CHECK ((age >= 0))"},
              {"member",
               "member_pkey",
               primary_key,
               {"team_id", "id"},
               "PRIMARY KEY (team_id, id)"},
              {"member",
               "member_team_id_fkey",
               foreign_key,
               {"team_id"},
               "FOREIGN KEY (team_id) REFERENCES team(id) ON DELETE CASCADE"},
              // A check's conkey lists the columns as its expression first mentions them.
              {"team",
               "team_code_check",
               check,
               {"code", "name"},
               "CHECK ((code <> (name)::text))"},
              {"team", "team_name_code_key", unique, {"name", "code"}, "UNIQUE (name, code)"},
              {"team", "team_pkey", primary_key, {"id"}, "PRIMARY KEY (id)"},
          },
      .indexes =
          {
              {"events", "events_at_idx", {"at"}},
              {"member", "member_age_idx", {"age"}},
              {"member", "member_lower_nick_idx", {"lower(\"Nick Name\")", "age"}},
              {"member", "member_team_nick_idx", {"team_id", "Nick Name"}},
              {"team", "team_code_idx", {"code"}},
          },
  };
  expect_schema(introspect(conn(), {.ignore_tables = {"legacy"}}), expected);
}

TEST_F(Introspect, IgnoredTablesTakeTheirObjectsAlong) {
  conn().execute(R"(
CREATE TABLE kept (id integer PRIMARY KEY);
CREATE TABLE skipped (id integer PRIMARY KEY, kept_id integer REFERENCES kept (id));
CREATE INDEX skipped_kept_idx ON skipped (kept_id);
CREATE TABLE migration_info (active_revision text);)");
  const Schema expected{
      .tables = {"kept"},
      .columns = {{"kept", "id", "integer", false, "", false}},
      .constraints =
          {{"kept", "kept_pkey", ConstraintKind::primary_key, {"id"}, "PRIMARY KEY (id)"}},
  };
  expect_schema(introspect(conn(), {.ignore_tables = {"skipped"}}), expected);

  Schema without_ignoring = introspect(conn());
  EXPECT_EQ(without_ignoring.tables, (Strings{"kept", "skipped"}));
  EXPECT_EQ(without_ignoring.indexes,
            (std::vector<IndexDef>{{"skipped", "skipped_kept_idx", {"kept_id"}}}));
}

TEST_F(Introspect, OtherSchemasAreNotSeen) {
  conn().execute("CREATE SCHEMA " + other_schema_ + "; SET search_path = " + other_schema_);
  conn().execute(R"(
CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TYPE shade AS ENUM ('dark');
CREATE TABLE elsewhere (id serial PRIMARY KEY, name text UNIQUE);
CREATE INDEX elsewhere_name_idx ON elsewhere (lower(name));
CREATE TABLE here (id integer PRIMARY KEY, other_column text);)");
  conn().execute("SET search_path = " + schema_ + ", " + other_schema_);
  conn().execute("CREATE TABLE here (m mood, s shade)");
  // The other schema's types are on the search path: format_type leaves them unqualified.
  const Schema expected{
      .tables = {"here"},
      .columns = {{"here", "m", "mood", true, "", false}, {"here", "s", "shade", true, "", false}},
  };
  expect_schema(introspect(conn()), expected);

  conn().execute("SET search_path = " + schema_);
  const auto qualified = [&](const char* type) { return schema_name_ + "_other." + type; };
  EXPECT_EQ(introspect(conn()).columns,
            (std::vector<ColumnDef>{{"here", "m", qualified("mood"), true, "", false},
                                    {"here", "s", qualified("shade"), true, "", false}}));
}

TEST_F(Introspect, AnEmptySchemaIsAnEmptySchema) {
  expect_schema(introspect(conn()), Schema{});
}

TEST_F(Introspect, SerialMeansADefaultOnTheColumnsOwnSequence) {
  conn().execute(R"(
CREATE SEQUENCE "Shared Seq";
CREATE TABLE "Odd ""Name""" (
  id serial,
  own bigint,
  borrowed bigint DEFAULT nextval('"Shared Seq"'),
  offset_serial bigint,
  by_default integer GENERATED BY DEFAULT AS IDENTITY);
CREATE SEQUENCE odd_own_seq OWNED BY "Odd ""Name""".own;
ALTER TABLE "Odd ""Name""" ALTER own SET DEFAULT nextval('odd_own_seq');
CREATE SEQUENCE odd_offset_seq OWNED BY "Odd ""Name""".offset_serial;
ALTER TABLE "Odd ""Name""" ALTER offset_serial SET DEFAULT nextval('odd_offset_seq') + 1;)");
  // Owned by its column and called as the default: serial, even when made by hand.
  const Schema expected{
      .tables = {"Odd \"Name\""},
      .columns =
          {
              {"Odd \"Name\"", "id", "integer", false, "", true},
              {"Odd \"Name\"", "own", "bigint", true, "", true},
              {"Odd \"Name\"", "borrowed", "bigint", true, "nextval('\"Shared Seq\"'::regclass)",
               false},
              {"Odd \"Name\"", "offset_serial", "bigint", true,
               "(nextval('odd_offset_seq'::regclass) + 1)", false},
              {"Odd \"Name\"", "by_default", "integer", false, "", true},
          },
  };
  expect_schema(introspect(conn()), expected);
}

// Counts the statements sent while it lives (they are logged at DEBUG with their SQL).
class StatementCounter {
 public:
  StatementCounter() : saved_level_(logging::level()) {
    logging::set_level(LogLevel::debug);
    logging::set_sink([this](const logging::Record& record) {
      if (record.fields.contains("sql")) ++count_;
    });
  }
  StatementCounter(const StatementCounter&) = delete;
  StatementCounter& operator=(const StatementCounter&) = delete;
  ~StatementCounter() {
    logging::set_sink({});
    logging::set_level(saved_level_);
  }

  std::size_t count() const { return count_; }

 private:
  LogLevel saved_level_;
  std::size_t count_ = 0;
};

TEST_F(Introspect, OneStatementPerKindOfObject) {
  conn().execute(every_kind);
  const StatementCounter statements;
  introspect(conn());
  EXPECT_EQ(statements.count(), 5U);
}

}  // namespace
}  // namespace iceaxe::migrations
