#pragma once

// What the reliability tests share: a table's state as another session sees it (row count
// and checksum), the objects' keys and change state, a second session that interrupts a
// backend once it sleeps inside a statement, and the fixture (orm/models.hpp's schema per
// test).

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <exception>
#include <ostream>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "iceaxe/iceaxe.hpp"
#include "orm/models.hpp"
#include "support/database.hpp"

namespace reliability_test {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

inline constexpr int big = 100'000;

// n items with keys first_id, first_id + 1, ... (labels "i<key>").
inline std::vector<orm_test::Item> items(int n, std::int64_t first_id = 1) {
  std::vector<orm_test::Item> out;
  out.reserve(n);
  for (int i = 0; i < n; ++i) {
    out.push_back(orm_test::item(first_id + i, "i" + std::to_string(first_id + i), i % 1000));
  }
  return out;
}

inline std::chrono::milliseconds since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

// Polls `condition` until it holds or `timeout` passes; returns whether it held.
template <class F>
bool wait_until(F&& condition, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (!condition()) {
    if (Clock::now() > deadline) return false;
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

// A table's rows, as count and checksum: equal states are (all but surely) equal contents.
struct TableState {
  std::int64_t rows = 0;
  std::string checksum;
  bool operator==(const TableState&) const = default;
  friend std::ostream& operator<<(std::ostream& out, const TableState& state) {
    return out << state.rows << " rows, md5 " << state.checksum;
  }
};

// Read through `conn`, a session other than the one under test.
inline TableState table_state(iceaxe::pg::Connection& conn, std::string_view table) {
  const iceaxe::pg::Result result = conn.fetch(
      "SELECT count(*), coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '') FROM " +
      iceaxe::pg::quote_identifier(table) + " AS t");
  return {result.front().get<std::int64_t>(0), result.front().get<std::string>(1)};
}

// Each object's primary key (its encoded bytes: an empty key differs from every value) and
// changed fields: what a failed write must leave as it was.
template <iceaxe::Model T>
std::vector<std::pair<std::string, std::vector<std::string_view>>> object_states(
    const std::vector<T>& objects) {
  std::vector<std::pair<std::string, std::vector<std::string_view>>> out;
  out.reserve(objects.size());
  for (const T& object : objects) {
    std::string key;
    iceaxe::detail::append_key(object, iceaxe::detail::primary_key<T>(), key);
    out.emplace_back(std::move(key), iceaxe::modified_fields(object));
  }
  return out;
}

// From a session of its own, waits until backend `pid` sleeps in pg_sleep (in a statement or
// in a trigger of it), then terminates that backend or cancels its statement. The sleeps are
// long: a statement that ends before the interruption shows in its timing.
class Interrupter {
 public:
  enum class Action { terminate, cancel };

  explicit Interrupter(int pid, Action action = Action::terminate)
      : thread_([this, pid, action] {
          try {
            iceaxe::pg::Connection conn = iceaxe::test::connect();
            const bool sleeping = wait_until(
                [&] {
                  return conn.fetch_value<std::int64_t>(
                             "SELECT count(*) FROM pg_stat_activity WHERE pid = $1 AND "
                             "wait_event = 'PgSleep'",
                             pid) > 0;
                },
                60s);
            if (!sleeping) throw std::runtime_error("the backend never reached pg_sleep");
            const char* sql = action == Action::terminate ? "SELECT pg_terminate_backend($1)"
                                                          : "SELECT pg_cancel_backend($1)";
            if (!conn.fetch_value<bool>(sql, pid)) throw std::runtime_error("not signalled");
          } catch (const std::exception& e) {
            error_ = e.what();
          }
        }) {}
  Interrupter(const Interrupter&) = delete;
  Interrupter& operator=(const Interrupter&) = delete;
  ~Interrupter() {
    if (thread_.joinable()) thread_.join();
  }

  // Waits for the interruption; what went wrong with it, or "".
  std::string finish() {
    if (thread_.joinable()) thread_.join();
    return error_;
  }

 private:
  std::string error_;
  std::thread thread_;  // last: starts once error_ exists
};

// A schema of its own per test, holding orm/models.hpp's tables.
class ReliabilityTest : public orm_test::OrmTest {
 protected:
  // `table` as another session sees it.
  TableState state(std::string_view table) {
    iceaxe::pg::Connection other = other_connection();
    return table_state(other, table);
  }
};

}  // namespace reliability_test
