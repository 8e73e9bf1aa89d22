#include "pg/session.hpp"

#include <fmt/format.h>

#include "pg/io.hpp"

namespace iceaxe::pg::detail {
namespace {

// Fails the transaction a rejected statement ran in; the server's log then says why.
constexpr const char* reject_sql =
    "SELECT 'iceaxe: the client rejected the statement''s result'::int4";

// A cached statement the server no longer has (DISCARD ALL, a pooler switching sessions)
// or whose result shape changed under it (ALTER TABLE after a migration).
bool is_stale_statement(const PostgresError& e) {
  return e.sqlstate() == "26000" ||
         (e.sqlstate() == "0A000" &&
          e.message().find("cached plan must not change result type") != std::string::npos);
}

}  // namespace

void Session::check_usable() const {
  if (conn == nullptr) throw UsageError("the connection is closed");
  if (broken()) {
    raise_connection_lost("the connection to the server was lost; open a new connection", nullptr);
  }
  if (copy_in_progress) {
    throw UsageError("a COPY is in progress on this connection: finish() or abort() it first");
  }
}

void Session::check_usable(const Params& params) const {
  check_usable();
  if (params.size() > 65535) {
    throw ValueError(fmt::format(
        "{} parameters given; PostgreSQL takes at most 65535 in one statement", params.size()));
  }
}

void Session::send_failed(const QueryContext* context) {
  if (PQstatus(conn) == CONNECTION_BAD) {
    raise_connection_lost(redact_secrets(PQerrorMessage(conn)), context);
  }
  throw UsageError(fmt::format("could not send the statement: {}", PQerrorMessage(conn)));
}

void Session::send(const QueryContext& context) {
  try {
    flush(conn);
  } catch (const ConnectionLost& lost) {
    raise_connection_lost(lost.message, &context);
  }
}

Result Session::collect(const QueryContext* context, Result* first) {
  Result last;
  std::optional<ErrorFields> error;
  try {
    while (PGresult* result = next_result(conn)) {
      switch (PQresultStatus(result)) {
        case PGRES_FATAL_ERROR:
          if (!error) error = fields_of(result);
          PQclear(result);
          break;
        case PGRES_COPY_IN:  // COPY sent through execute(): refuse it, the server then errs
          PQclear(result);
          put_copy_end(conn, "COPY FROM STDIN is done with Connection::copy_in()");
          break;
        case PGRES_COPY_OUT:
          PQclear(result);
          discard_copy_out(conn);
          break;
        default:
          if (first && !first->native_handle()) {
            *first = Result(result);
          } else {
            last = Result(result);
          }
      }
    }
  } catch (const ConnectionLost& lost) {
    raise_connection_lost(error ? error->message : lost.message, context);
  }
  if (error) {
    if (PQstatus(conn) == CONNECTION_BAD) raise_connection_lost(error->message, context);
    raise(std::move(*error), context);
  }
  if (first && !last.native_handle()) std::swap(*first, last);  // only one result
  return last;
}

Result Session::simple(std::string_view sql, Result* first) {
  const QueryContext context{sql};
  sql_buffer.assign(sql);
  if (!PQsendQuery(conn, sql_buffer.c_str())) send_failed(&context);
  send(context);
  return collect(&context, first);
}

const std::string& Session::prepare(std::string_view sql, std::span<const Oid> types,
                                    const QueryContext& context) {
  std::string name = fmt::format("iceaxe_{}", next_statement++);
  sql_buffer.assign(sql);
  if (!PQsendPrepare(conn, name.c_str(), sql_buffer.c_str(), static_cast<int>(types.size()),
                     types.data())) {
    send_failed(&context);
  }
  send(context);
  collect(&context);
  if (auto evicted = cache.insert(sql, types, std::move(name))) deallocate(*evicted);
  return *cache.find(sql, types);
}

void Session::deallocate(const std::string& name) {
  // Only outside failed transactions; elsewhere the statement just lives on unused.
  if (PQtransactionStatus(conn) == PQTRANS_INERROR) return;
  simple(fmt::format("DEALLOCATE {}", quote_identifier(name)));
}

void Session::forget(std::string_view sql, std::span<const Oid> types) {
  const std::string* name = cache.find(sql, types);
  if (name == nullptr) return;
  const std::string stale = *name;
  cache.erase(sql, types);
  try {
    deallocate(stale);
  } catch (const PostgresError&) {  // already gone on the server
  }
}

template <class Send>
auto Session::with_statement(std::string_view sql, std::span<const Oid> types,
                             const QueryContext& context, Send&& send_with) {
  if (cache.capacity() == 0) return send_with(static_cast<const char*>(nullptr));
  const std::string* name = cache.find(sql, types);
  const bool fresh = name == nullptr;
  // Retrying is safe only when the failed attempt cannot have changed anything: outside a
  // transaction block a stale statement fails before executing and takes nothing with it.
  const bool may_retry = !fresh && PQtransactionStatus(conn) == PQTRANS_IDLE;
  if (fresh) name = &prepare(sql, types, context);
  try {
    return send_with(name->c_str());
  } catch (const PostgresError& e) {
    if (!is_stale_statement(e)) throw;
    forget(sql, types);
    if (!may_retry) throw;
  }
  return send_with(prepare(sql, types, context).c_str());
}

void Session::send_statement(const char* name, std::string_view sql, const QueryContext& context) {
  const int ok =
      name ? PQsendQueryPrepared(conn, name, arrays.size(), arrays.values(), arrays.lengths(),
                                 arrays.formats(), 1)
           : (sql_buffer.assign(sql),
              PQsendQueryParams(conn, sql_buffer.c_str(), arrays.size(), arrays.types().data(),
                                arrays.values(), arrays.lengths(), arrays.formats(), 1));
  if (!ok) send_failed(&context);
}

void Session::read_sync() {
  // Only the sync is due. A server going down sends its FATAL error first: past it, reading
  // on meets the end of the connection, which next_result reports.
  for (int ends = 0; ends < 2;) {
    PGresult* result = next_result(conn);
    if (result == nullptr) {
      ++ends;
      continue;
    }
    const bool synced = PQresultStatus(result) == PGRES_PIPELINE_SYNC;
    PQclear(result);
    if (synced) return;
  }
  throw ConnectionLost{"unexpected result at the end of a pipeline"};
}

Result Session::run(std::string_view sql, const Params& params, const std::string* begin) {
  const QueryContext context{sql, &params, 0, params.size()};
  arrays.lay_out(params, 0, params.size());
  return with_statement(sql, arrays.types(), context, [&](const char* name) {
    if (begin && !PQenterPipelineMode(conn)) send_failed(&context);
    if (begin && !PQsendQueryParams(conn, begin->c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0))
      send_failed(&context);
    send_statement(name, sql, context);
    if (!begin) {
      send(context);
      return collect(&context);
    }
    if (!PQpipelineSync(conn)) send_failed(&context);
    send(context);
    try {
      return collect_begin_pipeline(context);
    } catch (const PostgresError&) {
      // Back to no transaction, as after a failed statement of its own; a stale cached
      // statement can then be prepared again and retried.
      if (!broken() && PQtransactionStatus(conn) != PQTRANS_IDLE) simple("ROLLBACK");
      throw;
    }
  });
}

Result Session::collect_begin_pipeline(const QueryContext& context) {
  Result last;
  std::optional<ErrorFields> error;
  try {
    for (int query = 0; query < 2; ++query) {
      while (PGresult* result = next_result(conn)) {
        const ExecStatusType status = PQresultStatus(result);
        if (status == PGRES_FATAL_ERROR && !error) error = fields_of(result);
        if (query == 1 && (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK)) {
          last = Result(result);
        } else {
          PQclear(result);
        }
      }
    }
    read_sync();
  } catch (const ConnectionLost& lost) {
    raise_connection_lost(error ? error->message : lost.message, &context);
  }
  end_pipeline(error, context);
  return last;
}

void Session::end_pipeline(std::optional<ErrorFields>& error, const QueryContext& context) {
  PQexitPipelineMode(conn);
  if (!error) return;
  if (PQstatus(conn) == CONNECTION_BAD) raise_connection_lost(error->message, &context);
  raise(std::move(*error), &context);
}

void Session::fail_transaction() noexcept {
  try {
    simple(reject_sql);
  } catch (...) {  // its error is the point; a lost connection ends the block as well
  }
}

void Session::run_checked(std::string_view sql, const Params& params,
                          const std::function<void(Result&&)>& take) {
  if (PQtransactionStatus(conn) != PQTRANS_IDLE) {
    // Inside a transaction block nothing commits when the statement ends: the result is
    // taken after it, and a rejected one fails the block as a failed statement would.
    Result result = run(sql, params);
    try {
      take(std::move(result));
    } catch (...) {
      fail_transaction();
      throw;
    }
    return;
  }
  // Outside one, the statement's implicit transaction lasts until the pipeline's sync point:
  // a flush request brings the result back first, and the sync follows once it was taken.
  const QueryContext context{sql, &params, 0, params.size()};
  arrays.lay_out(params, 0, params.size());
  with_statement(sql, arrays.types(), context, [&](const char* name) {
    if (!PQenterPipelineMode(conn)) send_failed(&context);
    send_statement(name, sql, context);
    if (!PQsendFlushRequest(conn)) send_failed(&context);
    send(context);
    std::optional<ErrorFields> error;
    std::exception_ptr rejected;
    try {
      Result result;
      while (PGresult* next = next_result(conn)) {
        if (PQresultStatus(next) != PGRES_FATAL_ERROR) {
          result = Result(next);
          continue;
        }
        if (!error) error = fields_of(next);
        PQclear(next);
      }
      if (!error) {
        try {
          take(std::move(result));
        } catch (...) {
          rejected = std::current_exception();
        }
      }
      // A failing statement before the sync point rolls the implicit transaction back.
      if (rejected &&
          !PQsendQueryParams(conn, reject_sql, 0, nullptr, nullptr, nullptr, nullptr, 0)) {
        send_failed(&context);
      }
      if (!PQpipelineSync(conn)) send_failed(&context);
      send(context);
      if (rejected) {
        while (PGresult* next = next_result(conn)) PQclear(next);
      }
      read_sync();
    } catch (const ConnectionLost& lost) {
      raise_connection_lost(error ? error->message : lost.message, &context);
    }
    end_pipeline(error, context);
    if (rejected) std::rethrow_exception(rejected);
  });
}

std::uint64_t Session::run_pipeline(std::string_view sql, const Params& batch, std::size_t rows) {
  const std::size_t width = batch.size() / rows;
  const QueryContext whole{sql, &batch, 0, width};
  // Every row's types are the first row's (the caller checked): laying out a row keeps them.
  arrays.lay_out(batch, 0, width);
  return with_statement(sql, arrays.types(), whole, [&](const char* name) {
    if (!PQenterPipelineMode(conn)) send_failed(&whole);
    for (std::size_t row = 0; row < rows; ++row) {
      arrays.lay_out(batch, row * width, width);
      send_statement(name, sql, whole);
    }
    if (!PQpipelineSync(conn)) send_failed(&whole);
    send(whole);

    std::uint64_t affected = 0;
    std::optional<ErrorFields> error;
    std::size_t error_row = 0;
    std::size_t row = 0;
    try {
      for (; row < rows; ++row) {
        while (PGresult* result = next_result(conn)) {
          const ExecStatusType status = PQresultStatus(result);
          if (status == PGRES_FATAL_ERROR && !error) {
            error = fields_of(result);
            error_row = row;
          } else if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
            affected += Result(result).affected_rows();
            continue;  // Result freed it
          }
          PQclear(result);
        }
      }
      read_sync();
    } catch (const ConnectionLost& lost) {
      const QueryContext at{sql, &batch, std::min(row, rows - 1) * width, width};
      raise_connection_lost(error ? error->message : lost.message, &at);
    }
    end_pipeline(error, QueryContext{sql, &batch, error_row * width, width});
    return affected;
  });
}

}  // namespace iceaxe::pg::detail
