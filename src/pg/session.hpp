#pragma once

// The state behind a pg::Connection (heap-allocated, so it stays put when the
// Connection moves and CopyWriter can point at it).

#include <libpq-fe.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>

#include "iceaxe/pg/connection.hpp"
#include "pg/param_arrays.hpp"
#include "pg/raise.hpp"
#include "pg/statement_cache.hpp"

namespace iceaxe::pg::detail {

struct Session {
  Session(PGconn* native, ConnectParams params)
      : conn(native), params(std::move(params)), cache(this->params.options.statement_cache_size) {}
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  ~Session() { close(); }

  void close() noexcept {
    if (conn) PQfinish(conn);
    conn = nullptr;
  }
  bool broken() const noexcept { return conn && PQstatus(conn) == CONNECTION_BAD; }

  // Throws unless statements can be sent now (with these parameters).
  void check_usable() const;
  void check_usable(const Params& params) const;

  // Waits for every result of the query in flight. Returns the last result (and the first
  // in `first`, when given); throws the first error after draining them all, so the
  // connection stays usable.
  Result collect(const QueryContext* context, Result* first = nullptr);

  // SQL through the simple protocol (no parameters, text results, several statements).
  Result simple(std::string_view sql, Result* first = nullptr);
  // One statement with parameters through the extended protocol (binary results); with
  // `begin`, that BEGIN goes first in the same round trip, and is rolled back if the
  // statement fails.
  Result run(std::string_view sql, const Params& params, const std::string* begin = nullptr);
  // The results of a pipelined BEGIN and statement: the statement's, or the first error.
  Result collect_begin_pipeline(const QueryContext& context);
  // One statement whose result `take` sees before the statement's implicit transaction ends;
  // when `take` throws, the statement is undone (see Connection::fetch_checked).
  void run_checked(std::string_view sql, const Params& params,
                   const std::function<void(Result&&)>& take);
  // Fails the open transaction block, as a failed statement would.
  void fail_transaction() noexcept;
  // `rows` executions of one statement, pipelined; returns the affected rows.
  std::uint64_t run_pipeline(std::string_view sql, const Params& batch, std::size_t rows);

  // Runs send_with(statement name, or nullptr for an unnamed statement when the cache is
  // off), preparing the statement first when needed and once more if the cached one went
  // stale while that is safe to retry.
  template <class Send>
  auto with_statement(std::string_view sql, std::span<const Oid> types, const QueryContext& context,
                      Send&& send_with);
  const std::string& prepare(std::string_view sql, std::span<const Oid> types,
                             const QueryContext& context);
  void forget(std::string_view sql, std::span<const Oid> types);
  void deallocate(const std::string& name);
  // Queues one execution of a statement with the parameters laid out in `arrays`: named
  // (prepared), or unnamed when `name` is null.
  void send_statement(const char* name, std::string_view sql, const QueryContext& context);
  // Flushes what was queued for the server.
  void send(const QueryContext& context);
  // Reads a pipeline's sync point, which follows the results of its last statement.
  void read_sync();
  // Leaves pipeline mode, then throws the pipeline's first error, if any.
  void end_pipeline(std::optional<ErrorFields>& error, const QueryContext& context);
  [[noreturn]] void send_failed(const QueryContext* context);

  PGconn* conn;
  ConnectParams params;
  StatementCache cache;
  Params scratch;          // parameters of the variadic execute/fetch calls
  ParamArrays arrays;      // the statement's parameters as libpq takes them
  std::string sql_buffer;  // NUL-terminated copy of the SQL for libpq
  std::uint64_t next_statement = 0;
  bool copy_in_progress = false;
};

}  // namespace iceaxe::pg::detail
