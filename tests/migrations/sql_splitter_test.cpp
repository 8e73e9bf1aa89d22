#include "iceaxe/migrations/sql_splitter.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace iceaxe::migrations {
namespace {

using Statements = std::vector<std::string>;

// The message of the MigrationError split_sql(sql) throws; a test failure when none.
std::string error_of(std::string_view sql) {
  try {
    split_sql(sql);
  } catch (const MigrationError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no MigrationError thrown for " << sql;
  return {};
}

TEST(SqlSplitterTest, SplitsOnSemicolonsAndTrims) {
  EXPECT_EQ(split_sql("CREATE TABLE a (x int);\n  CREATE TABLE b (y int) ;\n\n\tDROP TABLE c;\n"),
            (Statements{"CREATE TABLE a (x int)", "CREATE TABLE b (y int)", "DROP TABLE c"}));
}

TEST(SqlSplitterTest, KeepsALastStatementWithoutASemicolon) {
  EXPECT_EQ(split_sql("SELECT 1; SELECT 2"), (Statements{"SELECT 1", "SELECT 2"}));
  EXPECT_EQ(split_sql("SELECT 1"), (Statements{"SELECT 1"}));
}

TEST(SqlSplitterTest, DropsEmptyAndCommentOnlyStatements) {
  EXPECT_EQ(split_sql(""), Statements{});
  EXPECT_EQ(split_sql(" \n\t "), Statements{});
  EXPECT_EQ(split_sql(";;\n;"), Statements{});
  EXPECT_EQ(split_sql(" ; -- nothing\n; /* nothing */ ;"), Statements{});
  EXPECT_EQ(split_sql("SELECT 1;\n-- the end\n"), (Statements{"SELECT 1"}));
}

TEST(SqlSplitterTest, KeepsCommentsWithinAStatement) {
  EXPECT_EQ(split_sql("-- make t\nCREATE TABLE t (a int) /* note */;"),
            (Statements{"-- make t\nCREATE TABLE t (a int) /* note */"}));
}

TEST(SqlSplitterTest, IgnoresSemicolonsInStrings) {
  EXPECT_EQ(split_sql("INSERT INTO t VALUES ('a;b', 'it''s; fine', '');SELECT ';'"),
            (Statements{"INSERT INTO t VALUES ('a;b', 'it''s; fine', '')", "SELECT ';'"}));
}

TEST(SqlSplitterTest, TakesBackslashesLiterallyInStandardStrings) {
  EXPECT_EQ(split_sql("SELECT 'C:\\dir\\'; SELECT 2"),
            (Statements{"SELECT 'C:\\dir\\'", "SELECT 2"}));
  // A word ending in 'e' is no E prefix; U& strings escape with backslashes but not quotes.
  EXPECT_EQ(split_sql("SELECT date'C:\\'; SELECT U&'d\\0061t\\'; SELECT 3"),
            (Statements{"SELECT date'C:\\'", "SELECT U&'d\\0061t\\'", "SELECT 3"}));
}

TEST(SqlSplitterTest, FollowsBackslashEscapesInEStrings) {
  EXPECT_EQ(split_sql("SELECT E'\\''; SELECT 2"), (Statements{"SELECT E'\\''", "SELECT 2"}));
  EXPECT_EQ(split_sql("SELECT E'\\'; still the string'; SELECT e'\\\\'; SELECT E'a''b;c'; "
                      "SELECT 4"),
            (Statements{"SELECT E'\\'; still the string'", "SELECT e'\\\\'", "SELECT E'a''b;c'",
                        "SELECT 4"}));
}

TEST(SqlSplitterTest, IgnoresSemicolonsInQuotedIdentifiers) {
  EXPECT_EQ(split_sql("CREATE TABLE \"a;b\" (\"say \"\"hi\"\"; '\" int); SELECT 1"),
            (Statements{"CREATE TABLE \"a;b\" (\"say \"\"hi\"\"; '\" int)", "SELECT 1"}));
}

TEST(SqlSplitterTest, KeepsDoBlocksWhole) {
  const std::string block =
      "DO $$\n"
      "BEGIN\n"
      "  PERFORM 1;\n"
      "  RAISE NOTICE 'it''s; done'; -- ok\n"
      "END\n"
      "$$";
  EXPECT_EQ(split_sql(block + ";\nSELECT 1;"), (Statements{block, "SELECT 1"}));
}

TEST(SqlSplitterTest, KeepsTaggedDollarQuotesWhole) {
  const std::string function =
      "CREATE FUNCTION f() RETURNS text LANGUAGE plpgsql AS $body$\n"
      "DECLARE s text := $$;'$$ || $x$ $body $x$;\n"
      "BEGIN\n"
      "  RETURN s; -- it's\n"
      "END\n"
      "$body$";
  EXPECT_EQ(split_sql(function + ";\nSELECT f();"), (Statements{function, "SELECT f()"}));
  EXPECT_EQ(split_sql("SELECT $_1$;$_1$, $ü$;$ü$; SELECT 2"),
            (Statements{"SELECT $_1$;$_1$, $ü$;$ü$", "SELECT 2"}));
}

TEST(SqlSplitterTest, TellsParametersAndIdentifierDollarsFromDollarQuotes) {
  EXPECT_EQ(
      split_sql("PREPARE p AS SELECT $1, $2 FROM t$1; SELECT a$$b, x$ FROM t; SELECT 3"),
      (Statements{"PREPARE p AS SELECT $1, $2 FROM t$1", "SELECT a$$b, x$ FROM t", "SELECT 3"}));
}

TEST(SqlSplitterTest, IgnoresSemicolonsAndQuotesInLineComments) {
  EXPECT_EQ(split_sql("SELECT 1; -- don't; \"stop\" $$ here /*\nSELECT 2; --last"),
            (Statements{"SELECT 1", "-- don't; \"stop\" $$ here /*\nSELECT 2"}));
}

TEST(SqlSplitterTest, IgnoresSemicolonsAndQuotesInNestedBlockComments) {
  EXPECT_EQ(split_sql("SELECT 1 /* outer; /* inner; ' */ still; \" $$ */; SELECT 2"),
            (Statements{"SELECT 1 /* outer; /* inner; ' */ still; \" $$ */", "SELECT 2"}));
}

TEST(SqlSplitterTest, KeepsParenthesizedRuleActionsTogether) {
  EXPECT_EQ(split_sql("CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO log VALUES (1); "
                      "NOTIFY t); SELECT 1)); SELECT 2"),
            (Statements{"CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO log VALUES (1); "
                        "NOTIFY t)",
                        "SELECT 1))", "SELECT 2"}));
}

TEST(SqlSplitterTest, KeepsSqlStandardRoutineBodiesWhole) {
  const std::string function =
      "CREATE FUNCTION f(a int, \"end\" int) RETURNS int LANGUAGE sql\n"
      "BEGIN ATOMIC\n"
      "  SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END;\n"
      "  SELECT 2;\n"
      "END";
  const std::string procedure =
      "create or replace Procedure p() Begin Atomic insert into t values (1); end";
  EXPECT_EQ(split_sql(function + ";\n" + procedure + "; BEGIN; SELECT 1; END; COMMIT"),
            (Statements{function, procedure, "BEGIN", "SELECT 1", "END", "COMMIT"}));
}

TEST(SqlSplitterTest, SplitsAConcurrentIndexRevision) {
  EXPECT_EQ(split_sql("CREATE INDEX CONCURRENTLY \"employee_name\" ON \"employee\" (\"name\");\n"
                      "CREATE UNIQUE INDEX CONCURRENTLY \"employee_email\" ON \"employee\" "
                      "(lower(\"email\")) WHERE \"email\" <> '';\n"),
            (Statements{"CREATE INDEX CONCURRENTLY \"employee_name\" ON \"employee\" (\"name\")",
                        "CREATE UNIQUE INDEX CONCURRENTLY \"employee_email\" ON \"employee\" "
                        "(lower(\"email\")) WHERE \"email\" <> ''"}));
}

TEST(SqlSplitterTest, ReportsWhatIsUnterminatedAndTheLineItStartsOn) {
  EXPECT_EQ(error_of("SELECT 1;\nSELECT 'abc;\n"), "line 2: unterminated quoted string");
  EXPECT_EQ(error_of("SELECT 'it''"), "line 1: unterminated quoted string");
  EXPECT_EQ(error_of("SELECT 1;\n\nSELECT E'\\';"), "line 3: unterminated quoted string");
  EXPECT_EQ(error_of("SELECT \"abc\"\"\n;"), "line 1: unterminated quoted identifier");
  EXPECT_EQ(error_of("DO $$\nBEGIN END;\n$"), "line 1: unterminated dollar-quoted string $$");
  EXPECT_EQ(error_of("SELECT 1;\nCREATE FUNCTION f() AS $body$ SELECT 1 $$;\n"),
            "line 2: unterminated dollar-quoted string $body$");
  EXPECT_EQ(error_of("SELECT 1; /* a /* b */\n"), "line 1: unterminated /* comment");
  EXPECT_EQ(error_of("\n\n/*/"), "line 3: unterminated /* comment");
}

}  // namespace
}  // namespace iceaxe::migrations
