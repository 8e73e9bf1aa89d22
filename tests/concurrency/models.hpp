#pragma once

// The stress test's models. Accounts move money between each other, and every transfer is
// logged: the sum of balances never changes, and each balance is its start plus what the log
// says came in minus what went out. Items come and go in batches, and a tally row counts
// them in the same transactions. Each thread upserts a row of its own with its operation
// count.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "iceaxe/iceaxe.hpp"

namespace concurrency_test {

enum class Tier { basic, premium };
ICEAXE_ENUM(Tier, basic, premium)

struct Account : iceaxe::TableBase {
  static constexpr std::string_view table_name = "conc_account";
  std::int64_t id = 0;
  std::int32_t balance = 0;
  Tier tier = Tier::basic;
};
ICEAXE_TABLE(Account, (id, {.primary_key = true}), (balance, {.check_expression = "balance >= 0"}),
             tier)

struct Transfer : iceaxe::TableBase {
  static constexpr std::string_view table_name = "conc_transfer";
  std::optional<std::int64_t> id;
  std::int64_t from_id = 0;
  std::int64_t to_id = 0;
  std::int32_t amount = 0;
};
ICEAXE_TABLE(Transfer, (id, {.primary_key = true}), from_id, to_id, amount)

struct Item : iceaxe::TableBase {
  static constexpr std::string_view table_name = "conc_item";
  std::optional<std::int64_t> id;
  std::int32_t owner = 0;  // the thread that inserted it
  std::string label;
  std::int32_t version = 0;
};
ICEAXE_TABLE(Item, (id, {.primary_key = true}), owner, label, version)

struct Tally : iceaxe::TableBase {
  static constexpr std::string_view table_name = "conc_tally";
  std::string name;
  std::int64_t value = 0;
};
ICEAXE_TABLE(Tally, (name, {.primary_key = true}), value)

struct ThreadStats : iceaxe::TableBase {
  static constexpr std::string_view table_name = "conc_thread_stats";
  std::int32_t thread = 0;
  std::int64_t operations = 0;
};
ICEAXE_TABLE(ThreadStats, (thread, {.primary_key = true}), operations)

inline constexpr auto& A = iceaxe::columns<Account>;
inline constexpr auto& T = iceaxe::columns<Transfer>;
inline constexpr auto& I = iceaxe::columns<Item>;
inline constexpr auto& Y = iceaxe::columns<Tally>;
inline constexpr auto& S = iceaxe::columns<ThreadStats>;

inline constexpr int accounts = 16;  // ids 1..16
inline constexpr std::int32_t opening_balance = 1000;

}  // namespace concurrency_test
