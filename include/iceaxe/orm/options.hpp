#pragma once

// Options of DBConnection and of its calls.

#include <optional>
#include <string>
#include <vector>

#include "iceaxe/logging.hpp"
#include "iceaxe/model/descriptor.hpp"
#include "iceaxe/pg/connection.hpp"
#include "iceaxe/query/column_ref.hpp"

namespace iceaxe {

struct DBConnectionOptions {
  // Objects loaded or written through this connection and changed afterwards but never
  // written are reported at close() at this level; nothing is tracked when empty.
  std::optional<LogLevel> uncommitted_verbosity;
};

// transaction()'s options: `.ensure` joins a transaction already open instead of failing;
// `.retries` reruns the function after a serialization failure or a deadlock.
struct TransactionBlockOptions {
  bool ensure = false;
  pg::TransactionOptions::Isolation isolation = pg::TransactionOptions::Isolation::default_;
  bool read_only = false;
  bool deferrable = false;
  int retries = 0;
};

// upsert()'s options: ON CONFLICT (conflict_fields) DO UPDATE SET update_fields, or DO NOTHING
// when update_fields is empty; no conflict fields is a plain insert.
struct UpsertOptions {
  std::vector<ColumnRef> conflict_fields;
  std::vector<ColumnRef> update_fields;
};

// magic_migrate()'s options (and migrations::generate()'s): the models (every registered one
// when empty), the revision's message, and tables of the database that migrations leave
// alone.
struct MagicMigrateOptions {
  std::vector<ModelRef> models;
  std::string message;
  std::vector<std::string> ignore_tables;
};

// The columns upsert() returns: `returning(E.id, E.name)`.
template <class... Columns>
struct Returning {};

template <class T, auto... M>
constexpr Returning<Column<T, M>...> returning(const Column<T, M>&...) noexcept {
  return {};
}

}  // namespace iceaxe
