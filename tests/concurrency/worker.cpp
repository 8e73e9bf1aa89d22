#include "concurrency/worker.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <exception>
#include <string>
#include <vector>

#include "concurrency/invariants.hpp"
#include "concurrency/models.hpp"

namespace concurrency_test {

using iceaxe::delete_;
using iceaxe::select;
using iceaxe::update;
using Isolation = iceaxe::pg::TransactionOptions::Isolation;

namespace {

// Enough that a transaction gives up only under pathological contention.
constexpr int max_retries = 20;

}  // namespace

Worker::Worker(const Databases& databases, int index, Step& step, std::atomic<bool>& stop)
    : databases_(databases),
      index_(index),
      step_(step),
      stop_(stop),
      random_(static_cast<std::mt19937::result_type>(index + 1)),
      // Half the threads track their objects: the tracker follows every copy and move.
      options_{.uncommitted_verbosity =
                   index % 2 ? std::optional(iceaxe::LogLevel::info) : std::nullopt},
      db_(databases.connect(options_)),
      other_(databases.connect_other()) {}

int Worker::pick(int low, int high) {
  return std::uniform_int_distribution<int>(low, high)(random_);
}

template <class F>
bool Worker::attempt(iceaxe::TransactionBlockOptions options, F&& fn) {
  options.retries = max_retries;
  int attempts = 0;
  try {
    db_.transaction(options, [&] {
      ++attempts;
      try {
        fn();
      } catch (const iceaxe::SerializationFailure&) {
        ++totals_.serialization_failures;
        throw;
      } catch (const iceaxe::DeadlockDetected&) {
        ++totals_.deadlocks;
        throw;
      }
    });
    totals_.retries += attempts - 1;
    return true;
  } catch (const iceaxe::SerializationFailure&) {
  } catch (const iceaxe::DeadlockDetected&) {
  }
  totals_.retries += attempts - 1;
  ++totals_.gave_up;
  return false;
}

void Worker::run(std::chrono::steady_clock::time_point until) {
  try {
    while (!stop_ && std::chrono::steady_clock::now() < until) {
      const int roll = pick(0, 99);
      if (roll < 40) {
        transfer();
      } else if (roll < 46) {
        audit();
      } else if (roll < 60) {
        insert_items();
      } else if (roll < 70) {
        delete_items();
      } else if (roll < 80) {
        update_items();
      } else if (roll < 87) {
        upsert_stats();
      } else if (roll < 98) {
        probe_shared_state();
      } else {
        reconnect();
      }
      ++totals_.operations;
    }
    step_ = "closing";
    db_.close();
    other_.close();
    step_ = "done";
  } catch (const std::exception& e) {
    ADD_FAILURE() << "thread " << index_ << " at \"" << step_.load() << "\": " << e.what();
    stop_ = true;
  }
}

void Worker::transfer() {
  const int style = pick(0, 9);
  // Locking one account after the other, among a few hot ones: opposite orders meet often.
  const int among = style == 6 || style == 7 ? 3 : accounts;
  std::int64_t from = pick(1, among);
  std::int64_t to = pick(1, among - 1);
  if (to >= from) ++to;
  const std::int32_t amount = pick(1, 50);
  iceaxe::TransactionBlockOptions options;
  if (style == 8) options.isolation = Isolation::repeatable_read;
  if (style == 9) options.isolation = Isolation::serializable;

  bool moved = false;
  const bool committed = attempt(options, [&] {
    moved = false;
    Account source, target;
    if (style < 6) {
      step_ = "transfer: locking both accounts in id order";
      std::vector<Account> both =
          db_.exec(select<Account>().where(A.id.in_({from, to})).order_by(A.id).for_update());
      ASSERT_EQ(both.size(), 2u);
      const bool ascending = from < to;
      source = std::move(both[ascending ? 0 : 1]);
      target = std::move(both[ascending ? 1 : 0]);
    } else if (style < 8) {
      step_ = "transfer: locking one account, then the other";
      source = db_.exec(select<Account>().where(A.id == from).for_update().one());
      target = db_.exec(select<Account>().where(A.id == to).for_update().one());
    } else {
      step_ = "transfer: reading both accounts without locks";
      source = *db_.get<Account>(from);
      target = *db_.get<Account>(to);
    }
    const std::int32_t sent = std::min(amount, source.balance);
    if (sent == 0) return;
    source.balance -= sent;
    target.balance += sent;
    // Sometimes a second changed field: the update then sends two statements.
    if (pick(0, 1) == 0) source.tier = source.tier == Tier::basic ? Tier::premium : Tier::basic;
    step_ = "transfer: writing";
    db_.update({&source, &target});
    Transfer logged;
    logged.from_id = from;
    logged.to_id = to;
    logged.amount = sent;
    db_.insert(logged);
    EXPECT_TRUE(logged.id) << "the generated key is written back";
    moved = true;
  });
  if (committed && moved) ++totals_.transfers;
}

void Worker::audit() {
  step_ = "audit";
  // Repeatable read: one snapshot for every query of the check; read-only transactions
  // never fail to serialize under it.
  bool held = true;
  if (attempt({.isolation = Isolation::repeatable_read, .read_only = true},
              [&] { held = expect_ledger_balanced(db_) && expect_items_tallied(db_); })) {
    ++totals_.audits;
  }
  if (!held) stop_ = true;  // reported once, not by every later audit
}

void Worker::insert_items() {
  const int count = pick(1, 8);
  std::vector<Item> batch;
  if (attempt({}, [&] {
        step_ = "items: locking the tally to insert";
        Tally tally = db_.exec(select<Tally>().where(Y.name == "items").for_update().one());
        batch.assign(count, Item{});
        for (int n = 0; n < count; ++n) {
          batch[n].owner = index_;
          batch[n].label = "thread " + std::to_string(index_) + " item " + std::to_string(n);
        }
        step_ = "items: inserting";
        db_.insert(batch);
        tally.value += count;
        db_.update(tally);
      })) {
    totals_.items_inserted += count;
    for (const Item& item : batch) EXPECT_TRUE(item.id && !iceaxe::is_modified(item));
  }
}

void Worker::delete_items() {
  const int owner = pick(0, 7);
  const bool by_query = pick(0, 1) == 0;
  std::int64_t deleted = 0, versions = 0;
  if (attempt({}, [&] {
        deleted = versions = 0;
        // The tally first, as insert_items() does: one lock order, no deadlock between them.
        step_ = "items: locking the tally to delete";
        Tally tally = db_.exec(select<Tally>().where(Y.name == "items").for_update().one());
        step_ = "items: locking items to delete";
        std::vector<Item> doomed = db_.exec(select<Item>()
                                                .where(I.owner == owner)
                                                .order_by(I.id)
                                                .limit(pick(1, 6))
                                                .for_update({.skip_locked = true}));
        if (doomed.empty()) return;
        step_ = "items: deleting";
        if (by_query) {
          std::vector<std::int64_t> ids;
          for (const Item& item : doomed) ids.push_back(*item.id);
          EXPECT_EQ(db_.exec(delete_<Item>().where(I.id.in_(ids))), doomed.size());
        } else {
          db_.delete_(doomed);
        }
        for (const Item& item : doomed) versions += item.version;
        deleted = static_cast<std::int64_t>(doomed.size());
        tally.value -= deleted;
        db_.update(tally);
      })) {
    totals_.items_deleted += deleted;
    totals_.deleted_versions += versions;
  }
}

void Worker::update_items() {
  std::int64_t bumped = 0;
  if (attempt({}, [&] {
        bumped = 0;
        step_ = "items: locking items to update";
        std::vector<Item> mine = db_.exec(select<Item>()
                                              .where(I.owner == index_)
                                              .order_by(I.id, iceaxe::Order::desc)
                                              .limit(pick(1, 4))
                                              .for_update({.skip_locked = true}));
        for (Item& item : mine) {
          ++item.version;
          item.label += "'";
        }
        step_ = "items: updating";
        db_.update(mine);
        bumped = static_cast<std::int64_t>(mine.size());
        // A set-based update too, on rows that may be locked by others: it waits for them.
        step_ = "items: relabelling";
        db_.exec(update<Item>().set(I.label, "relabelled").where(I.owner == index_, I.version > 3));
      })) {
    totals_.version_bumps += bumped;
  }
}

void Worker::upsert_stats() {
  step_ = "stats: upsert";
  ThreadStats stats;
  stats.thread = index_;
  stats.operations = totals_.operations;
  db_.upsert(stats, {.conflict_fields = {S.thread}, .update_fields = {S.operations}});
  totals_.stats_operations = stats.operations;
  EXPECT_FALSE(iceaxe::is_modified(stats));
  step_ = "stats: refresh";
  stats.operations = -1;
  db_.refresh(stats);
  EXPECT_EQ(stats.operations, totals_.stats_operations);
}

void Worker::probe_shared_state() {
  ++totals_.probes;
  step_ = "probe: registered_models";
  const std::vector<iceaxe::ModelRef> models = iceaxe::registered_models();
  for (const std::string_view table :
       {"conc_account", "conc_transfer", "conc_item", "conc_tally", "conc_thread_stats"}) {
    EXPECT_TRUE(std::ranges::any_of(models, [&](const iceaxe::ModelRef& model) {
      return model->table_name == table;
    })) << table;
  }
  step_ = "probe: obj_to_primary_key";
  EXPECT_EQ(db_.obj_to_primary_key().at("conc_tally"), std::vector<std::string>{"name"});
  EXPECT_EQ(other_.obj_to_primary_key().at("conc_account"), std::vector<std::string>{"id"});

  step_ = "probe: type cache";
  if (totals_.probes % 4 == 0) {
    // Replaces the catalog every thread shares, while they read it.
    EXPECT_NE(iceaxe::cached_types(db_.get_dsn(), db_.conn(), true)->find("tier", schema), nullptr);
  }
  db_.initialize_types();
  const iceaxe::UserType* tier = db_.types().find("tier", schema);
  if (tier == nullptr) {
    ADD_FAILURE() << "type tier not in the catalog";
  } else {
    EXPECT_EQ(tier->enum_labels, (std::vector<std::string>{"basic", "premium"}));
  }
  EXPECT_EQ(db_.types().find("shade"), nullptr) << "the other database's catalog";

  if (totals_.probes % 4 == 2) {
    EXPECT_NE(iceaxe::cached_types(other_.get_dsn(), other_.conn(), true)->find("shade"), nullptr);
  }
  const iceaxe::UserType* shade = other_.types().find("shade");
  if (shade == nullptr) {
    ADD_FAILURE() << "type shade not in the second database's catalog";
  } else {
    EXPECT_EQ(shade->enum_labels, (std::vector<std::string>{"light", "dark"}));
  }
  EXPECT_EQ(other_.types().find("tier"), nullptr) << "the first database's catalog";
}

void Worker::reconnect() {
  step_ = "reconnecting";
  db_ = databases_.connect(options_);
  other_ = databases_.connect_other();
  ++totals_.reconnects;
}

}  // namespace concurrency_test
