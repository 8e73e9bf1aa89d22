// diff() against a real server: for each kind of change, a schema built by SQL ("before")
// and one built by SQL ("after"), each read back from the catalogs; diff(before, after)
// applied to "before" gives exactly "after" as the catalogs see it, and diff(after, before)
// brings it back.

#include <gtest/gtest.h>

#include "iceaxe/migrations/diff.hpp"
#include "iceaxe/migrations/introspect.hpp"
#include "migrations/schema_text.hpp"
#include "support/database.hpp"

namespace {

namespace mig = iceaxe::migrations;

struct Case {
  std::string name;
  std::string before;  // SQL building the schema before the change
  std::string after;   // ... and after it
};

std::ostream& operator<<(std::ostream& out, const Case& c) {
  return out << c.name;
}

class MigrationDiff : public ::testing::TestWithParam<Case> {
 protected:
  void SetUp() override {
    conn_.emplace(iceaxe::test::connect());
    for (const char* schema : {"iceaxe_diff_before", "iceaxe_diff_after"}) {
      conn_->execute(fmt::format("DROP SCHEMA IF EXISTS {0} CASCADE; CREATE SCHEMA {0}", schema));
    }
  }
  void TearDown() override {
    conn_->execute("DROP SCHEMA IF EXISTS iceaxe_diff_before, iceaxe_diff_after CASCADE");
  }

  // Runs `sql` in `schema` and reads that schema back.
  mig::Schema build(std::string_view schema, const std::string& sql) {
    use(schema);
    if (!sql.empty()) conn_->execute(sql);
    return mig::introspect(*conn_);
  }
  void use(std::string_view schema) { conn_->execute(fmt::format("SET search_path = {}", schema)); }
  void apply(const std::vector<std::string>& statements) {
    for (const std::string& statement : statements) {
      SCOPED_TRACE(statement);
      conn_->execute(statement);
    }
  }

  std::optional<iceaxe::pg::Connection> conn_;
};

TEST_P(MigrationDiff, UpThenDownReturnsTheCatalogToWhereItStarted) {
  const Case& c = GetParam();
  const mig::Schema after = build("iceaxe_diff_after", c.after);
  const mig::Schema before = build("iceaxe_diff_before", c.before);
  const std::vector<std::string> up = mig::diff(before, after);
  const std::vector<std::string> down = mig::diff(after, before);
  ASSERT_FALSE(up.empty());
  ASSERT_FALSE(down.empty());
  EXPECT_TRUE(mig::diff(before, before).empty());

  use("iceaxe_diff_before");
  {
    SCOPED_TRACE(fmt::format("up:\n{}", fmt::join(up, ";\n")));
    apply(up);
    const mig::Schema now = mig::introspect(*conn_);
    EXPECT_EQ(iceaxe::test::schema_text(now), iceaxe::test::schema_text(after));
    EXPECT_TRUE(now == after);
  }
  {
    SCOPED_TRACE(fmt::format("down:\n{}", fmt::join(down, ";\n")));
    apply(down);
    const mig::Schema now = mig::introspect(*conn_);
    EXPECT_EQ(iceaxe::test::schema_text(now), iceaxe::test::schema_text(before));
    EXPECT_TRUE(now == before);
  }
}

const std::string office = "CREATE TABLE office (id bigserial PRIMARY KEY, name text NOT NULL);";

INSTANTIATE_TEST_SUITE_P(
    Actions, MigrationDiff,
    ::testing::Values(
        Case{"CreateTable", "", office},
        Case{"CreateTableWithEverything", "",
             "CREATE TYPE mood AS ENUM ('calm', 'busy');" + office +
                 "CREATE TABLE person (id serial PRIMARY KEY, name varchar(20) NOT NULL UNIQUE,"
                 " age integer NOT NULL DEFAULT 18 CHECK (age >= 0), tags text[] NOT NULL,"
                 " mood mood, moods mood[], seen timestamptz NOT NULL DEFAULT now(),"
                 " office_id bigint REFERENCES office (id) ON DELETE CASCADE);"
                 "CREATE INDEX person_age_idx ON person (age);"},
        Case{"AddColumn", office, office + "ALTER TABLE office ADD COLUMN city text"},
        Case{"AddNotNullColumnWithDefault", office,
             office + "ALTER TABLE office ADD COLUMN size integer NOT NULL DEFAULT 0"},
        Case{"ChangeTypeWithAutocast", office + "ALTER TABLE office ADD COLUMN size text",
             office + "ALTER TABLE office ADD COLUMN size integer"},
        Case{"SetNotNull", office + "ALTER TABLE office ADD COLUMN city text",
             office + "ALTER TABLE office ADD COLUMN city text NOT NULL"},
        Case{"SetDefault", office + "ALTER TABLE office ADD COLUMN city text",
             office + "ALTER TABLE office ADD COLUMN city text DEFAULT 'Paris'"},
        Case{"CreateEnumAndUseIt", office,
             "CREATE TYPE mood AS ENUM ('calm');" + office +
                 "ALTER TABLE office ADD COLUMN mood mood"},
        Case{"AddEnumValues", "CREATE TYPE mood AS ENUM ('calm', 'busy');",
             "CREATE TYPE mood AS ENUM ('happy', 'calm', 'tired', 'busy', 'gone');"},
        Case{"RemoveEnumValueUsedByColumns",
             "CREATE TYPE mood AS ENUM ('calm', 'busy', 'gone');"
             "CREATE TABLE t (m mood DEFAULT 'calm', ms mood[]);",
             "CREATE TYPE mood AS ENUM ('calm', 'busy');"
             "CREATE TABLE t (m mood DEFAULT 'calm', ms mood[]);"},
        Case{"ColumnIntoEnum", "CREATE TYPE mood AS ENUM ('calm'); CREATE TABLE t (m text);",
             "CREATE TYPE mood AS ENUM ('calm'); CREATE TABLE t (m mood);"},
        Case{"AddUniqueAndCheck", office,
             office + "ALTER TABLE office ADD CONSTRAINT office_name_key UNIQUE (name);"
                      "ALTER TABLE office ADD CONSTRAINT office_name_check CHECK (name <> '')"},
        Case{"ChangeCheck", office + "ALTER TABLE office ADD CONSTRAINT c CHECK (id > 0)",
             office + "ALTER TABLE office ADD CONSTRAINT c CHECK (id > 10)"},
        Case{"AddForeignKey",
             office + "CREATE TABLE person (id bigserial PRIMARY KEY, office_id bigint);",
             office + "CREATE TABLE person (id bigserial PRIMARY KEY, office_id bigint "
                      "REFERENCES office (id));"},
        Case{"CompositePrimaryKey", "CREATE TABLE m (a bigint NOT NULL, b bigint NOT NULL);",
             "CREATE TABLE m (a bigint, b bigint, PRIMARY KEY (a, b));"},
        Case{"AddIndexes", office,
             office + "CREATE INDEX office_name_idx ON office (name);"
                      "CREATE INDEX office_name_id_idx ON office (name, id);"},
        Case{"DropTableReferencedByAnother",
             office + "CREATE TABLE person (id bigserial PRIMARY KEY, office_id bigint "
                      "REFERENCES office (id));",
             "CREATE TABLE person (id bigserial PRIMARY KEY, office_id bigint);"}),
    [](const auto& info) { return info.param.name; });

}  // namespace
