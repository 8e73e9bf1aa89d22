#include <gtest/gtest.h>

#include "iceaxe/pg/connection.hpp"
#include "support/database.hpp"

namespace iceaxe::pg {
namespace {

class Transactions : public ::testing::Test {
 protected:
  void SetUp() override {
    table_ = "tx_" + std::to_string(conn_.backend_pid());
    conn_.execute("DROP TABLE IF EXISTS " + table_ + "; CREATE TABLE " + table_ + " (v int)");
  }
  void TearDown() override {
    if (!conn_.is_broken()) {
      conn_.rollback();
      conn_.execute("DROP TABLE " + table_);
    }
  }
  // Counted from a second connection: what others can see.
  std::int64_t visible_rows() {
    return other_.fetch_value<std::int64_t>("SELECT count(*) FROM " + table_);
  }
  void insert(std::int32_t v) { conn_.execute("INSERT INTO " + table_ + " VALUES ($1)", v); }

  Connection conn_ = test::connect();
  Connection other_ = test::connect();
  std::string table_;
};

TEST_F(Transactions, CommitMakesWritesVisible) {
  conn_.begin();
  EXPECT_EQ(conn_.transaction_status(), TransactionStatus::in_transaction);
  insert(1);
  EXPECT_EQ(visible_rows(), 0);
  conn_.commit();
  EXPECT_EQ(conn_.transaction_status(), TransactionStatus::idle);
  EXPECT_EQ(visible_rows(), 1);
}

TEST_F(Transactions, RollbackDiscards) {
  conn_.begin();
  insert(1);
  conn_.rollback();
  EXPECT_EQ(visible_rows(), 0);
  conn_.rollback();  // nothing open: nothing to do
}

TEST_F(Transactions, BeginWithRunsTheStatementInsideANewTransaction) {
  const Result r = conn_.begin_with("INSERT INTO " + table_ + " VALUES ($1), ($1) RETURNING v",
                                    Params(std::int32_t{7}),
                                    {.isolation = TransactionOptions::Isolation::serializable});
  EXPECT_EQ(r.size(), 2);
  EXPECT_EQ(conn_.transaction_status(), TransactionStatus::in_transaction);
  EXPECT_EQ(conn_.fetch_value<std::string>("SHOW transaction_isolation"), "serializable");
  EXPECT_EQ(visible_rows(), 0);
  conn_.rollback();
  EXPECT_EQ(visible_rows(), 0);
  conn_.begin_with("INSERT INTO " + table_ + " VALUES ($1)", Params(std::int32_t{8}));
  conn_.commit();
  EXPECT_EQ(visible_rows(), 1);
}

TEST_F(Transactions, BeginWithAFailingStatementLeavesNoTransaction) {
  EXPECT_THROW(
      conn_.begin_with("INSERT INTO " + table_ + " VALUES ($1::int / 0)", Params(std::int32_t{1})),
      DivisionByZero);
  EXPECT_EQ(conn_.transaction_status(), TransactionStatus::idle);
  EXPECT_THROW(conn_.begin_with("SELECT nope FROM " + table_, Params()), UndefinedColumn);
  EXPECT_EQ(conn_.transaction_status(), TransactionStatus::idle);
  insert(1);  // the connection is still usable
  EXPECT_EQ(visible_rows(), 1);
}

TEST_F(Transactions, BeginWithReplacesAStaleCachedStatement) {
  const std::string sql = "SELECT * FROM " + table_ + " WHERE v > $1";
  conn_.fetch(sql, std::int32_t{0});  // prepared and cached
  conn_.execute("ALTER TABLE " + table_ + " ADD COLUMN w int");
  const Result r = conn_.begin_with(sql, Params(std::int32_t{0}));
  EXPECT_EQ(r.columns(), 2);
  EXPECT_EQ(conn_.transaction_status(), TransactionStatus::in_transaction);
  conn_.rollback();
}

// ---- fetch_checked: a result checked before its statement commits

struct Rejected {};

TEST_F(Transactions, FetchCheckedCommitsWhatItsCheckAccepts) {
  int rows = 0;
  conn_.fetch_checked("INSERT INTO " + table_ + " VALUES ($1), ($1) RETURNING v",
                      Params(std::int32_t{7}), [&](Result&& result) {
                        EXPECT_EQ(visible_rows(), 0) << "checked before it commits";
                        rows = result.size();
                      });
  EXPECT_EQ(rows, 2);
  EXPECT_EQ(conn_.transaction_status(), TransactionStatus::idle);
  EXPECT_EQ(visible_rows(), 2);
}

TEST_F(Transactions, FetchCheckedUndoesWhatItsCheckRejects) {
  const std::string sql = "INSERT INTO " + table_ + " VALUES ($1) RETURNING v";
  for (int attempt = 0; attempt < 2; ++attempt) {  // fresh, then cached
    EXPECT_THROW(
        conn_.fetch_checked(sql, Params(std::int32_t{1}), [](Result&&) { throw Rejected{}; }),
        Rejected);
    EXPECT_EQ(conn_.transaction_status(), TransactionStatus::idle);
    EXPECT_EQ(visible_rows(), 0);
  }
  insert(2);  // the connection is still usable
  EXPECT_EQ(visible_rows(), 1);
}

TEST_F(Transactions, FetchCheckedInsideATransactionFailsItWhenRejected) {
  conn_.begin();
  insert(1);
  conn_.fetch_checked("INSERT INTO " + table_ + " VALUES ($1)", Params(std::int32_t{2}),
                      [](Result&&) {});
  EXPECT_EQ(conn_.transaction_status(), TransactionStatus::in_transaction);
  EXPECT_EQ(visible_rows(), 0) << "nothing commits before the transaction does";
  EXPECT_THROW(conn_.fetch_checked("INSERT INTO " + table_ + " VALUES ($1)",
                                   Params(std::int32_t{3}), [](Result&&) { throw Rejected{}; }),
               Rejected);
  EXPECT_EQ(conn_.transaction_status(), TransactionStatus::in_error);
  EXPECT_THROW(conn_.commit(), InFailedSqlTransaction);
  EXPECT_EQ(visible_rows(), 0);
}

TEST_F(Transactions, FetchCheckedRaisesTheStatementsOwnError) {
  bool taken = false;
  const auto take = [&](Result&&) { taken = true; };
  EXPECT_THROW(conn_.fetch_checked("INSERT INTO " + table_ + " VALUES ($1::int / 0)",
                                   Params(std::int32_t{1}), take),
               DivisionByZero);
  EXPECT_THROW(conn_.fetch_checked("SELECT nope FROM " + table_, Params(), take), UndefinedColumn);
  EXPECT_FALSE(taken);
  EXPECT_EQ(conn_.transaction_status(), TransactionStatus::idle);
  insert(1);
  EXPECT_EQ(visible_rows(), 1);
}

TEST_F(Transactions, FetchCheckedReplacesAStaleCachedStatement) {
  const std::string sql = "SELECT * FROM " + table_ + " WHERE v > $1";
  conn_.fetch(sql, std::int32_t{0});  // prepared and cached
  conn_.execute("ALTER TABLE " + table_ + " ADD COLUMN w int");
  int columns = 0;
  conn_.fetch_checked(sql, Params(std::int32_t{0}),
                      [&](Result&& result) { columns = result.columns(); });
  EXPECT_EQ(columns, 2);
}

TEST_F(Transactions, FetchCheckedCommitsNothingWhenTheConnectionDiesBeforeTheCheckEnds) {
  const int pid = conn_.backend_pid();
  EXPECT_THROW(conn_.fetch_checked(
                   "INSERT INTO " + table_ + " VALUES ($1)", Params(std::int32_t{1}),
                   [&](Result&&) { other_.execute("SELECT pg_terminate_backend($1)", pid); }),
               ConnectionFailure);
  EXPECT_TRUE(conn_.is_broken());
  EXPECT_EQ(visible_rows(), 0);
  other_.execute("DROP TABLE " + table_);
}

TEST_F(Transactions, BeginWithInsideATransactionIsRefused) {
  conn_.begin();
  EXPECT_THROW(conn_.begin_with("SELECT 1", Params()), UsageError);
  EXPECT_EQ(conn_.transaction_status(), TransactionStatus::in_transaction);
}

TEST_F(Transactions, NestedBeginIsRefused) {
  conn_.begin();
  EXPECT_THROW(conn_.begin(), UsageError);
  EXPECT_EQ(conn_.transaction_status(), TransactionStatus::in_transaction);
}

TEST_F(Transactions, CommitWithoutTransactionIsRefused) {
  EXPECT_THROW(conn_.commit(), UsageError);
}

TEST_F(Transactions, ErrorPutsTheTransactionInErrorAndCommitReportsIt) {
  conn_.begin();
  insert(1);
  EXPECT_THROW(conn_.execute("SELECT 1/0"), DivisionByZero);
  EXPECT_EQ(conn_.transaction_status(), TransactionStatus::in_error);
  EXPECT_THROW(conn_.fetch("SELECT 1"), InFailedSqlTransaction);
  // The server answers COMMIT with ROLLBACK: never a silent success.
  EXPECT_THROW(conn_.commit(), InFailedSqlTransaction);
  EXPECT_EQ(conn_.transaction_status(), TransactionStatus::idle);
  EXPECT_EQ(visible_rows(), 0);
}

TEST_F(Transactions, SavepointsNest) {
  conn_.begin();
  insert(1);
  conn_.savepoint("inner");
  insert(2);
  EXPECT_THROW(conn_.execute("SELECT 1/0"), DivisionByZero);
  conn_.rollback_to_savepoint("inner");
  insert(3);
  conn_.savepoint("second \"quoted\"");
  insert(4);
  conn_.release_savepoint("second \"quoted\"");
  conn_.commit();
  EXPECT_EQ(other_.fetch_value<std::int64_t>("SELECT sum(v) FROM " + table_), 1 + 3 + 4);
}

TEST_F(Transactions, SavepointOutsideATransactionIsRefused) {
  EXPECT_THROW(conn_.savepoint("x"), UsageError);
}

TEST_F(Transactions, OptionsReachTheServer) {
  conn_.begin({.isolation = TransactionOptions::Isolation::serializable, .read_only = true});
  EXPECT_EQ(conn_.fetch_value<std::string>("SHOW transaction_isolation"), "serializable");
  EXPECT_EQ(conn_.fetch_value<std::string>("SHOW transaction_read_only"), "on");
  EXPECT_THROW(insert(1), ReadOnlySqlTransaction);
  conn_.rollback();
}

TEST_F(Transactions, RaiiRollsBackUnlessCommitted) {
  {
    Transaction tx(conn_);
    insert(1);
  }
  EXPECT_EQ(visible_rows(), 0);
  {
    Transaction tx(conn_);
    insert(2);
    tx.commit();
  }
  EXPECT_EQ(visible_rows(), 1);
  try {
    Transaction tx(conn_);
    insert(3);
    throw std::runtime_error("boom");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(visible_rows(), 1);
  EXPECT_EQ(conn_.transaction_status(), TransactionStatus::idle);
}

}  // namespace
}  // namespace iceaxe::pg
