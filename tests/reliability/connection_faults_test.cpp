// Connection faults seen through DBConnection: the backend terminated from another session
// during a select, inside a transaction, and in the middle of a 100,000-row insert; statements
// canceled by statement_timeout; a connect that times out; the server restarted. Each leaves a
// known exception, a known connection state, nothing half-written, and the server usable from
// a new connection. (tests/pg/errors_test.cpp has the same faults at the driver level.)

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <optional>

#include "reliability/support.hpp"
#include "support/silent_socket.hpp"

namespace reliability_test {
namespace {

using iceaxe::select;
using orm_test::Employee;
using orm_test::I;
using orm_test::Item;
using orm_test::Office;

std::vector<Employee> employees(int n) {
  std::vector<Employee> out;
  out.reserve(n);
  for (int i = 0; i < n; ++i) out.push_back(orm_test::employee("e" + std::to_string(i), i % 90));
  return out;
}

// A select that sleeps in the server until interrupted (20 s at most), the table empty or
// not (the outer side of a LEFT JOIN is always read).
auto sleeping_select() {
  return select(I.id).text("SELECT " + iceaxe::sql::col(I.id) + " FROM pg_sleep(20) LEFT JOIN " +
                           iceaxe::sql::table<Item>() + " ON true");
}

class ReliabilityFaults : public ReliabilityTest {
 protected:
  // Rows of `table` for which `condition` (on NEW) holds sleep 20 s when written: a window
  // in the middle of a statement.
  void slow_rows(std::string_view table, std::string_view condition) {
    other_connection().execute(
        fmt::format("CREATE FUNCTION slow_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    "  IF {} THEN PERFORM pg_sleep(20); END IF; RETURN NEW; END $$;"
                    "CREATE TRIGGER slow_row BEFORE INSERT OR UPDATE ON {} FOR EACH ROW "
                    "  EXECUTE FUNCTION slow_row()",
                    condition, iceaxe::pg::quote_identifier(table)));
  }
  void no_slow_rows(std::string_view table) {
    other_connection().execute("DROP TRIGGER slow_row ON " + iceaxe::pg::quote_identifier(table));
  }
  // After the loss: the connection says so, refuses every call at once with the same error,
  // and a new connection works.
  void expect_broken_for_good() {
    EXPECT_TRUE(db().conn().is_broken());
    EXPECT_FALSE(db().in_transaction());
    EXPECT_EQ(db().conn().transaction_status(), iceaxe::pg::TransactionStatus::unknown);
    const auto start = Clock::now();
    EXPECT_THROW(db().exec(select(I.id)), iceaxe::ConnectionFailure);
    Item one = orm_test::item(999'999, "after", 1);
    EXPECT_THROW(db().insert(one), iceaxe::ConnectionFailure);
    EXPECT_TRUE(iceaxe::is_modified(one));
    // Not a UsageError about a transaction left open: the connection is what failed.
    EXPECT_THROW(db().transaction([] {}), iceaxe::ConnectionFailure);
    EXPECT_LT(since(start), 500ms);
    iceaxe::DBConnection fresh = connect();
    EXPECT_EQ(fresh.exec(select(iceaxe::func::count(I.id))).front(), count_rows("orm_item"));
  }
};

TEST_F(ReliabilityFaults, BackendKilledDuringASelect) {
  std::vector<Item> rows = items(10);
  db().insert(rows);
  const TableState before = state("orm_item");
  Interrupter killer(db().conn().backend_pid());
  const auto start = Clock::now();
  try {
    db().exec(sleeping_select());
    FAIL() << "no exception";
  } catch (const iceaxe::ConnectionFailure& e) {
    EXPECT_EQ(e.sqlstate(), "08006");
    EXPECT_NE(e.message().find("terminating connection"), std::string::npos) << e.what();
    const auto* query = dynamic_cast<const iceaxe::QueryError*>(&e);
    ASSERT_NE(query, nullptr);
    EXPECT_NE(query->sql_text().find("pg_sleep(20)"), std::string::npos);
  }
  EXPECT_EQ(killer.finish(), "");
  EXPECT_LT(since(start), 15s);
  EXPECT_EQ(state("orm_item"), before);
  expect_broken_for_good();
}

TEST_F(ReliabilityFaults, BackendKilledMidStatementInsideATransaction) {
  const TableState items_before = state("orm_item");
  Office hq;
  hq.name = "HQ";
  std::vector<Item> rows = items(100);
  Interrupter killer(db().conn().backend_pid());
  EXPECT_THROW(db().transaction([&] {
    db().insert(hq);
    db().insert(rows);
    db().exec(sleeping_select());
  }),
               iceaxe::ConnectionFailure);
  EXPECT_EQ(killer.finish(), "");
  EXPECT_EQ(count_rows("orm_office"), 0);
  EXPECT_EQ(state("orm_item"), items_before);
  // The inserts returned before the loss, so their write-backs happened: the objects hold
  // keys of rows that were rolled back (docs/reliability.md).
  EXPECT_TRUE(hq.id.has_value());
  EXPECT_FALSE(iceaxe::is_modified(hq));
  expect_broken_for_good();
}

TEST_F(ReliabilityFaults, BackendKilledDuringA100kRowInsert) {
  std::vector<Item> existing = items(10, 200'001);
  db().insert(existing);
  slow_rows("orm_item", "NEW.id = 50000");
  const TableState before = state("orm_item");
  std::vector<Item> rows = items(big);
  const auto objects_before = object_states(rows);
  Interrupter killer(db().conn().backend_pid());
  try {
    db().insert(rows);
    FAIL() << "no exception";
  } catch (const iceaxe::ConnectionFailure& e) {
    const auto* query = dynamic_cast<const iceaxe::QueryError*>(&e);
    ASSERT_NE(query, nullptr);
    EXPECT_NE(query->sql_text().find("INSERT INTO \"orm_item\""), std::string::npos);
    EXPECT_LT(std::string_view(e.what()).size(), 5000u)
        << "the 100,000 values are shortened: " << std::string_view(e.what()).substr(0, 3000);
  }
  EXPECT_EQ(killer.finish(), "");
  EXPECT_EQ(state("orm_item"), before);
  EXPECT_EQ(object_states(rows), objects_before);
  expect_broken_for_good();

  no_slow_rows("orm_item");
  iceaxe::DBConnection fresh = connect();
  fresh.insert(rows);
  EXPECT_EQ(count_rows("orm_item"), big + 10);
  EXPECT_FALSE(iceaxe::is_modified(rows.back()));
}

TEST_F(ReliabilityFaults, BackendKilledInTheMiddleOfAManyStatementInsert) {
  // Employee's rows travel as multi-row VALUES, 1,000 a statement: the backend dies in the
  // 31st statement, after 30 that succeeded in the call's transaction.
  constexpr int n = 40'000;
  slow_rows("orm_employee", "NEW.name = 'e30500'");
  std::vector<Employee> people = employees(n);
  const auto objects_before = object_states(people);
  orm_test::LogCapture log;
  Interrupter killer(db().conn().backend_pid());
  EXPECT_THROW(db().insert(people), iceaxe::ConnectionFailure);
  EXPECT_EQ(killer.finish(), "");
  EXPECT_EQ(std::ranges::count_if(log.statements(),
                                  [](const std::string& sql) {
                                    return sql.find("INSERT INTO \"orm_employee\"") !=
                                           std::string::npos;
                                  }),
            31);
  EXPECT_EQ(count_rows("orm_employee"), 0);
  EXPECT_EQ(object_states(people), objects_before);
  expect_broken_for_good();
}

TEST_F(ReliabilityFaults, StatementTimeoutCancelsA100kRowInsert) {
  slow_rows("orm_item", "NEW.id = 50000");
  std::vector<Item> existing = items(10, 200'001);
  db().insert(existing);
  const TableState before = state("orm_item");
  std::vector<Item> rows = items(big);
  const auto objects_before = object_states(rows);
  db().conn().execute("SET statement_timeout = '1s'");
  const auto start = Clock::now();
  try {
    db().insert(rows);
    FAIL() << "no exception";
  } catch (const iceaxe::QueryCanceled& e) {
    EXPECT_EQ(e.sqlstate(), "57014");
    EXPECT_NE(e.message().find("statement timeout"), std::string::npos) << e.what();
  }
  EXPECT_LT(since(start), 15s);
  EXPECT_EQ(state("orm_item"), before);
  EXPECT_EQ(object_states(rows), objects_before);
  // A canceled statement leaves the connection as it was.
  EXPECT_FALSE(db().conn().is_broken());
  EXPECT_FALSE(db().in_transaction());
  EXPECT_EQ(db().conn().transaction_status(), iceaxe::pg::TransactionStatus::idle);
  db().conn().execute("RESET statement_timeout");
  no_slow_rows("orm_item");
  db().insert(rows);
  EXPECT_EQ(count_rows("orm_item"), big + 10);
}

TEST_F(ReliabilityFaults, StatementTimeoutInsideATransactionRollsItBack) {
  db().conn().execute("SET statement_timeout = '200ms'");
  Office hq;
  hq.name = "HQ";
  EXPECT_THROW(db().transaction([&] {
    db().insert(hq);
    db().exec(sleeping_select());
  }),
               iceaxe::QueryCanceled);
  EXPECT_EQ(count_rows("orm_office"), 0);
  EXPECT_FALSE(db().conn().is_broken());
  EXPECT_FALSE(db().in_transaction());
  EXPECT_EQ(db().conn().transaction_status(), iceaxe::pg::TransactionStatus::idle);
  // The next transaction on the same connection works.
  db().conn().execute("RESET statement_timeout");
  Office branch;
  branch.name = "Branch";
  db().transaction([&] { db().insert(branch); });
  EXPECT_EQ(count_rows("orm_office"), 1);
}

TEST_F(ReliabilityFaults, CanceledStatementInsideASavepointLeavesTheTransactionUsable) {
  Office hq;
  hq.name = "HQ";
  db().transaction([&] {
    db().insert(hq);
    Interrupter canceller(db().conn().backend_pid(), Interrupter::Action::cancel);
    EXPECT_THROW(db().savepoint([&] { db().exec(sleeping_select()); }), iceaxe::QueryCanceled);
    EXPECT_EQ(canceller.finish(), "");
    Office branch;
    branch.name = "Branch";
    db().insert(branch);
  });
  EXPECT_EQ(count_rows("orm_office"), 2);
}

TEST_F(ReliabilityFaults, ConnectTimeoutAgainstAPortThatNeverAnswers) {
  const iceaxe::test::SilentSocket silent(true);
  iceaxe::pg::ConnectParams params;
  params.host = "127.0.0.1";
  params.port = silent.port();
  params.user = "nobody";
  params.options.connect_timeout = 300ms;
  const auto start = Clock::now();
  try {
    iceaxe::DBConnection never(iceaxe::pg::connect(params));
    FAIL() << "connected to a socket that never answers";
  } catch (const iceaxe::ConnectionFailure& e) {
    EXPECT_EQ(e.sqlstate(), "08001");
    EXPECT_NE(std::string(e.what()).find("timed out after 300 ms"), std::string::npos) << e.what();
  }
  const auto elapsed = since(start);
  EXPECT_GE(elapsed, 250ms);
  EXPECT_LT(elapsed, 2s);
  iceaxe::DBConnection fresh = connect();
  EXPECT_EQ(fresh.exec(select(iceaxe::func::count(I.id))).front(), 0);
}

TEST_F(ReliabilityFaults, ConnectTimeoutInTheConnectionStringIsHonoured) {
  // libpq's own `connect_timeout` keyword (whole seconds, 2 at least), with no timeout of
  // ConnectOptions.
  auto silent = std::make_optional<iceaxe::test::SilentSocket>(true);
  const std::string dsn =
      fmt::format("host=127.0.0.1 port={} user=nobody connect_timeout=2", silent->port());
  const auto start = Clock::now();
  auto attempt = std::async(std::launch::async, [&] {
    try {
      iceaxe::pg::connect(dsn, {.connect_timeout = 0ms});
      return std::string("connected");
    } catch (const iceaxe::ConnectionFailure& e) {
      return std::string(e.what());
    }
  });
  const bool ended = attempt.wait_for(8s) == std::future_status::ready;
  silent.reset();  // closing the socket ends a connect that still waits
  const std::string outcome = attempt.get();
  ASSERT_TRUE(ended) << "connect_timeout=2 did not end the attempt within 8 s";
  EXPECT_NE(outcome.find("timed out after 2000 ms"), std::string::npos) << outcome;
  EXPECT_GE(since(start), 1900ms);
}

// Restarts the throwaway server pg_virtualenv made: it ends every session, other tests' too,
// so it must not run beside them (ctest runs serially unless told otherwise).
class ReliabilityRestart : public ReliabilityTest {
 protected:
  // Stops and starts the cluster, when pg_virtualenv made the server. (Not `restart`: it
  // skips the stop when the server's socket, in a directory other clusters share, does not
  // answer at once, and then refuses to start a server that still runs.)
  static std::optional<std::string> restart_command() {
    const char* root = std::getenv("PG_CLUSTER_CONF_ROOT");
    const char* version = std::getenv("PGVERSION");
    if (root == nullptr || version == nullptr) return std::nullopt;
    if (!std::filesystem::exists(std::filesystem::path(root) / version / "regress" /
                                 ".by_pg_virtualenv")) {
      return std::nullopt;
    }
    return fmt::format("pg_ctlcluster {0} regress stop && pg_ctlcluster {0} regress start",
                       version);
  }
};

TEST_F(ReliabilityRestart, OldConnectionsFailAndNewOnesWork) {
  const std::optional<std::string> restart = restart_command();
  if (!restart) GTEST_SKIP() << "not running under pg_virtualenv: no server of our own to restart";
  std::vector<Item> committed = items(100);
  db().insert(committed);
  const TableState before = state("orm_item");

  // A second connection is inside a transaction with an uncommitted row.
  iceaxe::DBConnection pending = connect();
  iceaxe::TransactionBlock tx(pending);
  Office hq;
  hq.name = "HQ";
  pending.insert(hq);

  ASSERT_EQ(std::system(restart->c_str()), 0) << *restart;

  try {
    db().exec(select(I.id));
    FAIL() << "no exception";
  } catch (const iceaxe::ConnectionFailure& e) {
    EXPECT_NE(e.message().find("terminating connection"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(db().conn().is_broken());
  // Its COMMIT never reached a server: a ConnectionFailure (CommitOutcomeUnknown, as for any
  // COMMIT whose reply is lost), and the row is not there.
  EXPECT_THROW(tx.commit(), iceaxe::ConnectionFailure);
  EXPECT_TRUE(pending.conn().is_broken());
  EXPECT_EQ(count_rows("orm_office"), 0);
  EXPECT_EQ(state("orm_item"), before);
  iceaxe::DBConnection fresh = connect();
  EXPECT_EQ(fresh.exec(select<Item>()).size(), committed.size());
}

}  // namespace
}  // namespace reliability_test
