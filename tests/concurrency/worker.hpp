#pragma once

// One thread of the stress test: its own connections (DBConnection, one per database), and a
// random mix of operations on the shared tables until a deadline. Money transfers lock their
// two accounts in id order, or one after the other in random order (deadlocks: PostgreSQL
// aborts one side, which retries), or not at all under repeatable read or serializable
// isolation (serialization failures, retried). Items are inserted and deleted in batches
// with the tally updated in the same transaction, and updated under row locks. Between
// those, the process-wide state: the model registry, each connection's primary-key map, and
// the type cache of both databases (sometimes refreshed, replacing the catalog the other
// threads share). Now and then the connections are replaced by new ones.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <random>

#include "concurrency/databases.hpp"
#include "concurrency/watchdog.hpp"
#include "iceaxe/iceaxe.hpp"

namespace concurrency_test {

// What one thread committed; the final checks add these up.
struct Totals {
  std::int64_t operations = 0;
  std::int64_t transfers = 0;  // rows it added to conc_transfer
  std::int64_t retries = 0;    // attempts rerun after a serialization failure or deadlock
  std::int64_t deadlocks = 0;  // statements the server aborted to break a deadlock
  std::int64_t serialization_failures = 0;  // statements that could not serialize
  std::int64_t gave_up = 0;                 // transactions whose every attempt failed that way
  std::int64_t audits = 0;                  // invariant checks while the others write
  std::int64_t items_inserted = 0;
  std::int64_t items_deleted = 0;
  std::int64_t version_bumps = 0;     // item versions incremented
  std::int64_t deleted_versions = 0;  // the versions the deleted items had
  std::int64_t probes = 0;            // rounds over the process-wide state
  std::int64_t reconnects = 0;
  std::int64_t stats_operations = -1;  // what its conc_thread_stats row says (-1: no row)
};

class Worker {
 public:
  // `stop`, shared by the workers, ends every run once one of them saw a failure.
  Worker(const Databases& databases, int index, Step& step, std::atomic<bool>& stop);

  // Runs operations until `until` or `stop`. An exception or a broken invariant is reported
  // to GoogleTest and sets `stop`.
  void run(std::chrono::steady_clock::time_point until);

  const Totals& totals() const noexcept { return totals_; }

 private:
  void transfer();
  void audit();
  void insert_items();
  void delete_items();
  void update_items();
  void upsert_stats();
  void probe_shared_state();
  void reconnect();

  // Runs fn() in a transaction retried after serialization failures and deadlocks; false
  // when every attempt failed so. fn() may run several times: it must start from scratch.
  template <class F>
  bool attempt(iceaxe::TransactionBlockOptions options, F&& fn);
  int pick(int low, int high);  // uniform in [low, high]

  const Databases& databases_;
  int index_;
  Step& step_;
  std::atomic<bool>& stop_;
  std::mt19937 random_;
  iceaxe::DBConnectionOptions options_;
  iceaxe::DBConnection db_;
  iceaxe::DBConnection other_;  // the second database
  Totals totals_;
};

}  // namespace concurrency_test
