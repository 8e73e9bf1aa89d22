#include "concurrency/invariants.hpp"

#include <gtest/gtest.h>

#include <map>

#include "concurrency/models.hpp"

namespace concurrency_test {

using iceaxe::select;
namespace func = iceaxe::func;

bool expect_ledger_balanced(iceaxe::DBConnection& db) {
  bool held = true;
  const std::optional<std::int64_t> total = db.exec(select(func::sum(A.balance))).front();
  if (total != std::int64_t{accounts} * opening_balance) {
    ADD_FAILURE() << "the balances add up to " << total.value_or(-1) << ", not "
                  << std::int64_t{accounts} * opening_balance;
    held = false;
  }

  std::map<std::int64_t, std::int64_t> expected;
  for (std::int64_t id = 1; id <= accounts; ++id) expected[id] = opening_balance;
  for (const auto& [to, in] : db.exec(select(T.to_id, func::sum(T.amount)).group_by(T.to_id))) {
    expected[to] += in.value_or(0);
  }
  for (const auto& [from, out] :
       db.exec(select(T.from_id, func::sum(T.amount)).group_by(T.from_id))) {
    expected[from] -= out.value_or(0);
  }
  const auto balances = db.exec(select(A.id, A.balance).order_by(A.id));
  if (balances.size() != std::size_t{accounts}) {
    ADD_FAILURE() << balances.size() << " accounts, not " << accounts;
    return false;
  }
  for (const auto& [id, balance] : balances) {
    if (balance != expected[id]) {
      ADD_FAILURE() << "account " << id << " holds " << balance << ", its transfers say "
                    << expected[id] << ": an update was lost";
      held = false;
    }
  }
  return held;
}

bool expect_items_tallied(iceaxe::DBConnection& db) {
  const Tally tally = db.exec(select<Tally>().where(Y.name == "items").one());
  const std::int64_t items = db.exec(select(func::count(I.id))).front();
  if (tally.value == items) return true;
  ADD_FAILURE() << "the tally says " << tally.value << " items, the table holds " << items;
  return false;
}

}  // namespace concurrency_test
