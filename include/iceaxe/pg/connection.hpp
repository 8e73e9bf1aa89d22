#pragma once

// iceaxe::pg::Connection: one PostgreSQL session over libpq, the counterpart of asyncpg's
// Connection. Statements with parameters use the extended protocol with binary values
// and a per-connection prepared-statement cache; the socket is driven through libpq's
// non-blocking API (src/pg/io.cpp), behind this synchronous front end.
//
// One thread uses a Connection at a time.

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ranges>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "iceaxe/pg/params.hpp"
#include "iceaxe/pg/result.hpp"

namespace iceaxe::pg {

struct ConnectOptions {
  // Prepared statements kept per connection (least recently used evicted). 0 = unnamed
  // statements only, as poolers in transaction mode (pgbouncer) require.
  std::size_t statement_cache_size = 256;
  // Gives up connecting after this long (0: wait as long as the OS does).
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(10)};
};

struct ConnectParams {
  std::string host;        // empty: libpq's default (PGHOST, then the local socket)
  std::uint16_t port = 0;  // 0: libpq's default (PGPORT, then 5432)
  std::string user;
  std::string password;
  std::string database;
  std::string application_name;
  std::map<std::string, std::string> extra;  // any other libpq keyword (sslmode, options...)
  ConnectOptions options;
};

enum class TransactionStatus {
  idle,            // not in a transaction block
  active,          // a command is in progress
  in_transaction,  // in a transaction block
  in_error,        // in a failed transaction block (only ROLLBACK works)
  unknown,         // the connection is broken
};

struct TransactionOptions {
  enum class Isolation { default_, read_committed, repeatable_read, serializable };
  Isolation isolation = Isolation::default_;
  bool read_only = false;
  bool deferrable = false;
};

class CopyWriter;
namespace detail {
struct Session;
}

class Connection {
 public:
  Connection(Connection&&) noexcept;
  Connection& operator=(Connection&&) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  void close() noexcept;
  bool is_closed() const noexcept;
  // The server dropped the session (or the network did); only closing is left.
  bool is_broken() const noexcept;
  int server_version() const noexcept;  // e.g. 150018
  int backend_pid() const noexcept;
  // What the connection was made with: host, port, user, password, database as used.
  const ConnectParams& params() const noexcept;
  TransactionStatus transaction_status() const noexcept;

  // Runs SQL without parameters through the simple protocol: several statements may be
  // given at once (migrations); the last statement's result is returned, in text format.
  Result execute(std::string_view sql);

  // Runs one statement with $1..$n bound to `params` through the extended protocol
  // (prepared and cached); results come in the binary format.
  template <class... Ts>
  requires(sizeof...(Ts) > 0) Result execute(std::string_view sql, const Ts&... params) {
    return run(sql, bind(params...));
  }
  Result execute(std::string_view sql, const Params& params) { return run(sql, params); }

  // As execute(sql, params...), also without parameters: for reading rows.
  template <class... Ts>
  Result fetch(std::string_view sql, const Ts&... params) {
    return run(sql, bind(params...));
  }
  Result fetch(std::string_view sql, const Params& params) { return run(sql, params); }

  // As fetch(sql, params), handing the result to `take` before the statement's implicit
  // transaction commits (one more round trip; none inside an open transaction, where nothing
  // commits yet). When `take` throws, the statement is undone - an open transaction fails, as
  // if the statement had - and the exception propagates. For results that must be checked
  // before they count, such as a row count. `take` must not use the connection.
  void fetch_checked(std::string_view sql, const Params& params,
                     const std::function<void(Result&&)>& take);

  // The first column of the first row; ValueError when there is no row.
  template <class T, class... Ts>
  T fetch_value(std::string_view sql, const Ts&... params) {
    Result result = fetch(sql, params...);
    if (result.empty()) throw_no_rows(sql);
    return result.front().template get<T>(0);
  }

  // Runs `sql` once per row (each row a tuple of parameters, or a Params) in one
  // pipelined round trip. Every row is encoded before anything is sent, so a value that
  // cannot be sent sends nothing. The rows form one implicit transaction (or join the open
  // one): a failing row leaves none applied. Returns the sum of affected rows.
  template <std::ranges::input_range Rows>
  std::uint64_t execute_many(std::string_view sql, const Rows& rows) {
    Params batch;
    std::size_t count = 0;
    for (const auto& row : rows) {
      if constexpr (std::is_same_v<std::ranges::range_value_t<Rows>, Params>) {
        batch.append(row);
      } else {
        std::apply([&](const auto&... values) { (batch.add(values), ...); }, row);
      }
      ++count;
    }
    return run_many(sql, batch, count);
  }

  // COPY table (columns) FROM STDIN in the binary format; see CopyWriter.
  CopyWriter copy_in(std::string_view table, const std::vector<std::string>& columns);

  // Transactions. begin() fails if one is open; savepoints nest inside one.
  void begin(const TransactionOptions& options = {});
  // begin(options), then fetch(sql, params) inside the new transaction, in one round trip.
  // If the statement fails, the transaction is rolled back before the error is thrown.
  Result begin_with(std::string_view sql, const Params& params,
                    const TransactionOptions& options = {});
  // Throws if the server answered ROLLBACK (the transaction had failed), and
  // CommitOutcomeUnknown if the connection broke before the answer came.
  void commit();
  void rollback();
  void savepoint(std::string_view name);
  void release_savepoint(std::string_view name);
  void rollback_to_savepoint(std::string_view name);

  std::size_t statement_cache_size() const noexcept;      // statements prepared now
  std::size_t statement_cache_capacity() const noexcept;  // ConnectOptions value
  void clear_statement_cache();                           // deallocates them on the server

  PGconn* native_handle() const noexcept;

 private:
  friend Connection connect(const ConnectParams& params);
  friend Connection connect(std::string_view dsn, const ConnectOptions& options);
  explicit Connection(std::unique_ptr<detail::Session> session) noexcept;
  detail::Session& session() const;

  template <class... Ts>
  const Params& bind(const Ts&... values) {
    Params& params = scratch_params();
    params.clear();
    (params.add(values), ...);
    return params;
  }
  Params& scratch_params();
  Result run(std::string_view sql, const Params& params);
  // `batch` holds `rows` rows of equal width, one after the other.
  std::uint64_t run_many(std::string_view sql, const Params& batch, std::size_t rows);
  [[noreturn]] static void throw_no_rows(std::string_view sql);
  void require_no_transaction(std::string_view call) const;

  std::unique_ptr<detail::Session> session_;
};

// Opens a connection from a libpq connection string ("postgresql://user:pw@host:5432/db"
// or "host=... dbname=..."); unset parts come from the PG* environment variables. Throws
// ConnectionFailure (without the password in its message).
Connection connect(std::string_view dsn, const ConnectOptions& options = {});
Connection connect(const ConnectParams& params);

// "name" as a double-quoted SQL identifier, embedded quotes doubled.
std::string quote_identifier(std::string_view name);

// Rolls back on destruction unless committed: `Transaction tx(conn); ...; tx.commit();`
class Transaction {
 public:
  explicit Transaction(Connection& conn, const TransactionOptions& options = {}) : conn_(&conn) {
    conn.begin(options);
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction() {
    if (conn_ && !conn_->is_broken()) {
      try {
        conn_->rollback();
      } catch (...) {  // destructors must not throw; the connection reports its state
      }
    }
  }
  void commit() {
    Connection* conn = std::exchange(conn_, nullptr);
    conn->commit();
  }
  void rollback() {
    Connection* conn = std::exchange(conn_, nullptr);
    conn->rollback();
  }

 private:
  Connection* conn_;
};

}  // namespace iceaxe::pg

#include "iceaxe/pg/copy_writer.hpp"
