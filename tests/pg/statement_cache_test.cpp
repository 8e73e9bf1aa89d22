#include <gtest/gtest.h>

#include "iceaxe/pg/connection.hpp"
#include "support/database.hpp"

namespace iceaxe::pg {
namespace {

std::int64_t prepared_count(Connection& conn) {
  return conn.fetch_value<std::int64_t>(
      "SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'iceaxe%'");
}

TEST(StatementCache, RepeatedSqlIsPreparedOnce) {
  Connection conn = test::connect();
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(conn.fetch_value<std::int32_t>("SELECT $1::int4 + 1", std::int32_t{i}), i + 1);
  }
  EXPECT_EQ(prepared_count(conn), 2);  // that statement and prepared_count's own
  EXPECT_EQ(conn.statement_cache_size(), 2u);
  const Result stmts = conn.fetch(
      "SELECT statement FROM pg_prepared_statements WHERE name LIKE 'iceaxe%' ORDER BY name");
  EXPECT_EQ(stmts[0].get<std::string>(0), "SELECT $1::int4 + 1");
}

TEST(StatementCache, ParameterTypesArePartOfTheKey) {
  Connection conn = test::connect();
  EXPECT_EQ(conn.fetch_value<std::string>("SELECT $1::text", std::int32_t{1}), "1");
  EXPECT_EQ(conn.fetch_value<std::string>("SELECT $1::text", std::string("a")), "a");
  EXPECT_EQ(conn.statement_cache_size(), 2u);
}

TEST(StatementCache, EvictsLeastRecentlyUsedAndDeallocatesIt) {
  Connection conn = test::connect({.statement_cache_size = 2});
  conn.fetch("SELECT 1");
  conn.fetch("SELECT 2");
  conn.fetch("SELECT 1");  // now 2 is the least recently used
  conn.fetch("SELECT 3");  // evicts 2
  EXPECT_EQ(conn.statement_cache_size(), 2u);
  const Result stmts = conn.execute(
      "SELECT statement FROM pg_prepared_statements WHERE name LIKE 'iceaxe%' ORDER BY statement");
  ASSERT_EQ(stmts.size(), 2);
  EXPECT_EQ(stmts[0].get<std::string>(0), "SELECT 1");
  EXPECT_EQ(stmts[1].get<std::string>(0), "SELECT 3");
}

TEST(StatementCache, SizeZeroUsesUnnamedStatementsOnly) {
  Connection conn = test::connect({.statement_cache_size = 0});
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(conn.fetch_value<std::int64_t>("SELECT $1::int8 * 2", std::int64_t{i}), 2 * i);
  }
  EXPECT_EQ(conn.statement_cache_size(), 0u);
  EXPECT_EQ(conn.statement_cache_capacity(), 0u);
  EXPECT_EQ(conn.fetch_value<std::int64_t>("SELECT count(*) FROM pg_prepared_statements"), 0);
}

TEST(StatementCache, RepreparesWhenTheResultShapeChanged) {
  Connection conn = test::connect();
  conn.execute("CREATE TEMP TABLE shape (a int)");
  conn.execute("INSERT INTO shape VALUES (1)");
  EXPECT_EQ(conn.fetch("SELECT * FROM shape").columns(), 1);
  conn.execute("ALTER TABLE shape ADD COLUMN b text DEFAULT 'x'");
  const Result after = conn.fetch("SELECT * FROM shape");
  ASSERT_EQ(after.columns(), 2);
  EXPECT_EQ(after[0].get<std::string>("b"), "x");
}

TEST(StatementCache, RepreparesAfterTheServerForgotTheStatements) {
  Connection conn = test::connect();
  EXPECT_EQ(conn.fetch_value<std::int32_t>("SELECT 7"), 7);
  conn.execute("DEALLOCATE ALL");
  EXPECT_EQ(conn.fetch_value<std::int32_t>("SELECT 7"), 7);
}

TEST(StatementCache, StaleStatementInsideATransactionFailsWithoutRetrying) {
  Connection conn = test::connect();
  EXPECT_EQ(conn.fetch_value<std::int32_t>("SELECT 8"), 8);
  conn.begin();
  conn.execute("DEALLOCATE ALL");
  // The failed attempt aborted the transaction: retrying inside it would hide that.
  EXPECT_THROW(conn.fetch("SELECT 8"), InvalidSqlStatementName);
  EXPECT_EQ(conn.transaction_status(), TransactionStatus::in_error);
  conn.rollback();
  EXPECT_EQ(conn.fetch_value<std::int32_t>("SELECT 8"), 8);
}

TEST(StatementCache, ClearDeallocatesEverything) {
  Connection conn = test::connect();
  conn.fetch("SELECT 1");
  conn.fetch("SELECT 2");
  conn.clear_statement_cache();
  EXPECT_EQ(conn.statement_cache_size(), 0u);
  const Result left = conn.execute("SELECT count(*) FROM pg_prepared_statements");  // unprepared
  EXPECT_EQ(left[0].get<std::string>(0), "0");
}

TEST(StatementCache, SyntaxErrorsAreNotCached) {
  Connection conn = test::connect();
  EXPECT_THROW(conn.fetch("SELEC 1"), SyntaxError);
  EXPECT_EQ(conn.statement_cache_size(), 0u);
  EXPECT_EQ(conn.fetch_value<std::int32_t>("SELECT 1"), 1);
}

}  // namespace
}  // namespace iceaxe::pg
