#include <gtest/gtest.h>

#include <tuple>
#include <vector>

#include "iceaxe/pg/connection.hpp"
#include "support/database.hpp"

namespace iceaxe::pg {
namespace {

class ExecuteMany : public ::testing::TestWithParam<std::size_t> {  // statement cache size
 protected:
  void SetUp() override {
    conn_.execute("CREATE TEMP TABLE item (id int PRIMARY KEY, name text NOT NULL)");
  }
  std::int64_t count() { return conn_.fetch_value<std::int64_t>("SELECT count(*) FROM item"); }
  Connection conn_ = test::connect({.statement_cache_size = GetParam()});
};

TEST_P(ExecuteMany, InsertsEveryRowInOneCall) {
  std::vector<std::tuple<std::int32_t, std::string>> rows;
  for (int i = 0; i < 20000; ++i) rows.emplace_back(i, "item " + std::to_string(i));
  EXPECT_EQ(conn_.execute_many("INSERT INTO item VALUES ($1, $2)", rows), 20000u);
  EXPECT_EQ(count(), 20000);
  EXPECT_EQ(conn_.fetch_value<std::string>("SELECT name FROM item WHERE id = 19999"), "item 19999");
}

TEST_P(ExecuteMany, AFailingRowLeavesNothingApplied) {
  conn_.execute("INSERT INTO item VALUES (4999, 'taken')");
  std::vector<std::tuple<std::int32_t, std::string>> rows;
  for (int i = 0; i < 5000; ++i) rows.emplace_back(i, "x");  // the last row collides
  try {
    conn_.execute_many("INSERT INTO item VALUES ($1, $2)", rows);
    FAIL() << "expected a UniqueViolation";
  } catch (const UniqueViolation& e) {
    const auto* query = dynamic_cast<const QueryError*>(&e);
    ASSERT_NE(query, nullptr);
    EXPECT_EQ(query->variables(), (std::vector<std::string>{"4999", "x"}));
  }
  EXPECT_EQ(count(), 1);
  EXPECT_EQ(conn_.transaction_status(), TransactionStatus::idle);
}

TEST_P(ExecuteMany, JoinsAnOpenTransaction) {
  conn_.begin();
  conn_.execute_many("INSERT INTO item VALUES ($1, $2)",
                     std::vector<std::tuple<std::int32_t, std::string>>{{1, "a"}, {2, "b"}});
  conn_.rollback();
  EXPECT_EQ(count(), 0);
}

TEST_P(ExecuteMany, AValueThatCannotBeSentSendsNothing) {
  const std::vector<std::tuple<std::int32_t, std::string>> rows = {
      {1, "fine"}, {2, std::string("nul\0byte", 8)}};
  EXPECT_THROW(conn_.execute_many("INSERT INTO item VALUES ($1, $2)", rows), ValueError);
  EXPECT_EQ(count(), 0);
}

TEST_P(ExecuteMany, AcceptsParamsRowsAndCountsUpdates) {
  conn_.execute("INSERT INTO item SELECT g, 'n' FROM generate_series(1, 10) g");
  std::vector<Params> rows;
  for (std::int32_t i = 1; i <= 10; i += 3) rows.emplace_back(std::string("m"), i);
  EXPECT_EQ(conn_.execute_many("UPDATE item SET name = $1 WHERE id = $2", rows), 4u);
  EXPECT_EQ(conn_.fetch_value<std::int64_t>("SELECT count(*) FROM item WHERE name = 'm'"), 4);
}

TEST_P(ExecuteMany, RefusesRowsOfDifferentShapes) {
  std::vector<Params> rows;
  rows.emplace_back(std::int32_t{1}, std::string("a"));
  rows.emplace_back(std::string("b"), std::int32_t{2});
  EXPECT_THROW(conn_.execute_many("INSERT INTO item VALUES ($1, $2)", rows), UsageError);
  rows.pop_back();
  rows.emplace_back(std::int32_t{2});
  EXPECT_THROW(conn_.execute_many("INSERT INTO item VALUES ($1, $2)", rows), UsageError);
  EXPECT_EQ(count(), 0);
}

TEST_P(ExecuteMany, NoRowsIsNothing) {
  EXPECT_EQ(conn_.execute_many("INSERT INTO item VALUES ($1, $2)",
                               std::vector<std::tuple<std::int32_t, std::string>>{}),
            0u);
}

TEST_P(ExecuteMany, ConnectionStaysUsableAfterAnError) {
  EXPECT_THROW(conn_.execute_many("INSERT INTO nowhere VALUES ($1)",
                                  std::vector<std::tuple<std::int32_t>>{{1}, {2}}),
               UndefinedTable);
  EXPECT_EQ(conn_.fetch_value<std::int32_t>("SELECT 5"), 5);
}

INSTANTIATE_TEST_SUITE_P(CacheOnAndOff, ExecuteMany, ::testing::Values(256u, 0u));

}  // namespace
}  // namespace iceaxe::pg
