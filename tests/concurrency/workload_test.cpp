// Eight threads, each with its own connections, run transfers, audits, item inserts, deletes
// and updates, upserts and probes of the process-wide state against the same tables for
// ICEAXE_CONCURRENCY_SECONDS (30 by default), while the log level flips between DEBUG and
// WARNING. Afterwards: every thread finished (the watchdog fails the run otherwise), the
// invariants hold, and the tables agree with what the threads say they committed.

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "concurrency/databases.hpp"
#include "concurrency/invariants.hpp"
#include "concurrency/models.hpp"
#include "concurrency/watchdog.hpp"
#include "concurrency/worker.hpp"
#include "support/database.hpp"

namespace concurrency_test {
namespace {

using namespace std::chrono_literals;
using iceaxe::select;
namespace func = iceaxe::func;

constexpr int threads = 8;
// Beyond the run's length, for the last operations to finish: slow under ThreadSanitizer
// on a busy machine, but never this slow unless something hangs.
constexpr auto watchdog_grace = 120s;

std::chrono::seconds run_length() {
  const char* text = std::getenv("ICEAXE_CONCURRENCY_SECONDS");
  if (text == nullptr || *text == '\0') return 30s;
  char* end = nullptr;
  const long seconds = std::strtol(text, &end, 10);
  if (*end != '\0' || seconds <= 0) {
    ADD_FAILURE() << "ICEAXE_CONCURRENCY_SECONDS=" << text << " is not a positive integer";
    return 1s;
  }
  return std::chrono::seconds(seconds);
}

// What the server's sessions are doing, for a run that hangs.
void print_server_activity() {
  try {
    iceaxe::pg::Connection conn = iceaxe::test::connect();
    const iceaxe::pg::Result rows = conn.fetch(
        "SELECT pid::text, coalesce(state, ''), coalesce(wait_event_type || ':' || wait_event, ''),"
        " left(query, 200) FROM pg_stat_activity WHERE datname = current_database()"
        " AND pid <> pg_backend_pid()");
    for (const iceaxe::pg::Row row : rows) {
      std::fprintf(stderr, "server: pid %s %s %s: %s\n", row.get<std::string>(0).c_str(),
                   row.get<std::string>(1).c_str(), row.get<std::string>(2).c_str(),
                   row.get<std::string>(3).c_str());
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "server activity unavailable: %s\n", e.what());
  }
}

// Flips the process-wide log level while the workers log through a sink of its own.
class LogLevelFlipper {
 public:
  LogLevelFlipper() : saved_(iceaxe::logging::level()) {
    iceaxe::logging::set_sink([this](const iceaxe::logging::Record&) { ++records_; });
    thread_ = std::jthread([](std::stop_token stop) {
      while (!stop.stop_requested()) {
        iceaxe::logging::set_level(iceaxe::LogLevel::debug);
        std::this_thread::sleep_for(20ms);
        iceaxe::logging::set_level(iceaxe::LogLevel::warning);
        std::this_thread::sleep_for(80ms);
      }
    });
  }
  ~LogLevelFlipper() {
    thread_.request_stop();
    thread_.join();
    iceaxe::logging::set_level(saved_);
    iceaxe::logging::set_sink({});
  }
  std::int64_t records() const noexcept { return records_; }

 private:
  iceaxe::LogLevel saved_;
  std::atomic<std::int64_t> records_{0};
  std::jthread thread_;
};

TEST(Concurrency, EightThreadsKeepEveryInvariant) {
  const std::chrono::seconds length = run_length();
  Databases databases;
  std::vector<std::unique_ptr<Worker>> workers(threads);
  std::atomic<bool> stop{false};
  std::int64_t records = 0;
  {
    LogLevelFlipper flipper;
    const auto until = std::chrono::steady_clock::now() + length;
    run_threads(
        threads, length + watchdog_grace,
        [&](int index, Step& step) {
          // Connected in its own thread, with the others: connecting is concurrent too.
          try {
            workers[index] = std::make_unique<Worker>(databases, index, step, stop);
          } catch (const std::exception& e) {
            ADD_FAILURE() << "thread " << index << " could not connect: " << e.what();
            stop = true;
            return;
          }
          workers[index]->run(until);
        },
        print_server_activity);
    records = flipper.records();
  }
  for (const auto& worker : workers) ASSERT_TRUE(worker) << "a thread could not connect";

  Totals sum;
  for (const auto& worker : workers) {
    const Totals& t = worker->totals();
    sum.operations += t.operations;
    sum.transfers += t.transfers;
    sum.retries += t.retries;
    sum.deadlocks += t.deadlocks;
    sum.serialization_failures += t.serialization_failures;
    sum.gave_up += t.gave_up;
    sum.audits += t.audits;
    sum.items_inserted += t.items_inserted;
    sum.items_deleted += t.items_deleted;
    sum.version_bumps += t.version_bumps;
    sum.deleted_versions += t.deleted_versions;
    sum.probes += t.probes;
    sum.reconnects += t.reconnects;
  }
  std::printf(
      "%lld s, %d threads: %lld operations, %lld transfers, %lld retries (%lld deadlocks, %lld "
      "serialization failures), %lld gave up, %lld audits, %lld items inserted, %lld deleted, "
      "%lld item updates, %lld probes, %lld reconnects, %lld log records\n",
      static_cast<long long>(length.count()), threads, static_cast<long long>(sum.operations),
      static_cast<long long>(sum.transfers), static_cast<long long>(sum.retries),
      static_cast<long long>(sum.deadlocks), static_cast<long long>(sum.serialization_failures),
      static_cast<long long>(sum.gave_up), static_cast<long long>(sum.audits),
      static_cast<long long>(sum.items_inserted), static_cast<long long>(sum.items_deleted),
      static_cast<long long>(sum.version_bumps), static_cast<long long>(sum.probes),
      static_cast<long long>(sum.reconnects), static_cast<long long>(records));

  iceaxe::DBConnection db = databases.connect();
  EXPECT_TRUE(expect_ledger_balanced(db));
  EXPECT_TRUE(expect_items_tallied(db));
  EXPECT_EQ(db.exec(select(func::count(T.id))).front(), sum.transfers)
      << "a committed transfer is missing, or one the threads saw fail was committed";
  EXPECT_EQ(db.exec(select(func::count(I.id))).front(), sum.items_inserted - sum.items_deleted);
  EXPECT_EQ(db.exec(select(func::sum(I.version))).front().value_or(0),
            sum.version_bumps - sum.deleted_versions)
      << "an item update was lost";
  for (int index = 0; index < threads; ++index) {
    const std::optional<ThreadStats> stats = db.get<ThreadStats>(index);
    const std::int64_t expected = workers[index]->totals().stats_operations;
    EXPECT_EQ(stats ? stats->operations : -1, expected) << "thread " << index;
  }
  // Every connection is gone: no transaction left open, no lock left waiting.
  EXPECT_EQ(db.conn().fetch_value<std::int64_t>(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'"),
            0);
  EXPECT_EQ(db.conn().fetch_value<std::int64_t>("SELECT count(*) FROM pg_locks WHERE NOT granted"),
            0);

  // The run did what it is for.
  EXPECT_GT(sum.transfers, 0);
  EXPECT_GT(sum.audits, 0);
  EXPECT_GT(sum.items_inserted, 0);
  EXPECT_GT(sum.probes, 0);
  EXPECT_GT(records, 0) << "statements were logged while the level was DEBUG";
}

}  // namespace
}  // namespace concurrency_test
