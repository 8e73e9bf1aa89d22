#include "iceaxe/pg/connection.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "iceaxe/logging.hpp"
#include "pg/io.hpp"
#include "pg/session.hpp"

namespace iceaxe::pg {
namespace {

using Clock = std::chrono::steady_clock;

// Server NOTICE and WARNING messages go to the log instead of libpq's stderr default.
void on_notice(void*, const PGresult* result) {
  const char* severity = PQresultErrorField(result, PG_DIAG_SEVERITY_NONLOCALIZED);
  const LogLevel level =
      severity && std::string_view(severity) == "WARNING" ? LogLevel::warning : LogLevel::info;
  if (!logging::enabled(level)) return;
  const char* message = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
  const char* sqlstate = PQresultErrorField(result, PG_DIAG_SQLSTATE);
  logging::write(level, "iceaxe.pg", message ? message : "",
                 {{"severity", severity ? severity : ""}, {"sqlstate", sqlstate ? sqlstate : ""}});
}

// Logs one statement at DEBUG when it ends (successfully or not), with its duration and
// variables (for a batch: the first rows' variables and the number of rows).
class StatementLog {
 public:
  static constexpr std::size_t max_logged_rows = 20;

  StatementLog(std::string_view sql, const Params* params, std::size_t rows = 1)
      : on_(logging::enabled(LogLevel::debug)), sql_(sql), params_(params), rows_(rows) {
    if (on_) start_ = Clock::now();
  }
  StatementLog(const StatementLog&) = delete;
  StatementLog& operator=(const StatementLog&) = delete;
  ~StatementLog() {
    if (!on_) return;
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start_).count();
    nlohmann::json fields = {{"sql", sql_}, {"duration_ms", ms}};
    if (params_ && rows_ == 1) fields["variables"] = params_->render_all();
    if (rows_ != 1) {
      fields["rows"] = rows_;
      if (params_ && rows_ > 0) fields["variables"] = batch_variables();
    }
    if (std::uncaught_exceptions() > failures_) fields["failed"] = true;
    logging::write(LogLevel::debug, "iceaxe.pg", fmt::format("Executing query: {}", sql_),
                   std::move(fields));
  }

 private:
  nlohmann::json batch_variables() const {
    const std::size_t width = params_->size() / rows_;
    nlohmann::json rows = nlohmann::json::array();
    for (std::size_t row = 0; row < std::min(rows_, max_logged_rows); ++row) {
      nlohmann::json values = nlohmann::json::array();
      for (std::size_t i = 0; i < width; ++i) values.push_back(params_->render(row * width + i));
      rows.push_back(std::move(values));
    }
    return rows;
  }

  bool on_;
  std::string_view sql_;
  const Params* params_;
  std::size_t rows_;
  int failures_ = std::uncaught_exceptions();
  Clock::time_point start_;
};

// `secret`: the password, to keep out of error messages.
std::unique_ptr<detail::Session> open(std::vector<const char*> keys,
                                      std::vector<const char*> values, bool expand_dbname,
                                      ConnectParams requested, const std::string& secret);

// The password a connection string holds ("" if none, or if it does not parse).
std::string password_in(const std::string& conninfo) {
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), nullptr);
  std::string password;
  for (auto* o = options; o && o->keyword; ++o) {
    if (std::string_view(o->keyword) == "password" && o->val) password = o->val;
  }
  PQconninfoFree(options);
  return password;
}

}  // namespace

std::string quote_identifier(std::string_view name) {
  if (name.find('\0') != std::string_view::npos) {
    throw ValueError("an SQL identifier cannot contain a NUL byte");
  }
  std::string out;
  out.reserve(name.size() + 2);
  out += '"';
  // Up to and including each quote, then the quote again.
  for (std::size_t quote = name.find('"'); quote != std::string_view::npos;
       quote = name.find('"')) {
    out.append(name.substr(0, quote + 1));
    out += '"';
    name.remove_prefix(quote + 1);
  }
  out.append(name);
  out += '"';
  return out;
}

Connection connect(std::string_view dsn, const ConnectOptions& options) {
  const std::string conninfo(dsn);
  ConnectParams requested;
  requested.options = options;
  return Connection(open({"dbname", "fallback_application_name"}, {conninfo.c_str(), "iceaxe"},
                         true, std::move(requested), password_in(conninfo)));
}

Connection connect(const ConnectParams& params) {
  std::vector<const char*> keys, values;
  const std::string port = params.port ? std::to_string(params.port) : std::string();
  const auto set = [&](const char* key, const std::string& value) {
    if (value.empty()) return;
    keys.push_back(key);
    values.push_back(value.c_str());
  };
  set("host", params.host);
  set("port", port);
  set("user", params.user);
  set("password", params.password);
  set("dbname", params.database);
  set("application_name", params.application_name);
  for (const auto& [key, value] : params.extra) set(key.c_str(), value);
  keys.push_back("fallback_application_name");
  values.push_back("iceaxe");
  return Connection(open(std::move(keys), std::move(values), false, params, params.password));
}

namespace {

// libpq applies its own connect_timeout (the keyword, or PGCONNECT_TIMEOUT) only in its
// blocking connect: here the shorter of it and ours is the limit. libpq's is whole seconds,
// 2 at least; 0 or less means none.
std::chrono::milliseconds effective_connect_timeout(PGconn* conn, std::chrono::milliseconds ours) {
  std::chrono::milliseconds theirs{0};
  if (PQconninfoOption* options = PQconninfo(conn)) {
    for (const PQconninfoOption* option = options; option->keyword; ++option) {
      if (std::string_view(option->keyword) != "connect_timeout" || !option->val) continue;
      const std::string_view text = option->val;
      int seconds = 0;
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
      if (error == std::errc() && end == text.data() + text.size() && seconds > 0) {
        theirs = std::chrono::seconds(std::max(seconds, 2));
      }
    }
    PQconninfoFree(options);
  }
  if (theirs.count() > 0 && (ours.count() <= 0 || theirs < ours)) return theirs;
  return ours;
}

std::unique_ptr<detail::Session> open(std::vector<const char*> keys,
                                      std::vector<const char*> values, bool expand_dbname,
                                      ConnectParams requested, const std::string& secret) {
  keys.push_back(nullptr);
  values.push_back(nullptr);
  PGconn* conn = PQconnectStartParams(keys.data(), values.data(), expand_dbname ? 1 : 0);
  if (conn == nullptr) throw std::bad_alloc();
  const auto fail = [&](const std::string& reason) {
    PQfinish(conn);
    std::string message = detail::redact_secrets("could not connect to PostgreSQL: " + reason);
    for (std::size_t at; !secret.empty() && (at = message.find(secret)) != std::string::npos;) {
      message.replace(at, secret.size(), "***");
    }
    ErrorFields fields;
    fields.sqlstate = "08001";
    fields.severity = "FATAL";
    fields.message = std::move(message);
    throw ConnectionFailure(std::move(fields));
  };
  if (PQstatus(conn) == CONNECTION_BAD) fail(detail::trimmed(PQerrorMessage(conn)));

  const auto timeout = effective_connect_timeout(conn, requested.options.connect_timeout);
  detail::Deadline deadline;
  if (timeout.count() > 0) deadline = Clock::now() + timeout;
  std::string error;
  if (!detail::complete_connect(conn, deadline, error)) {
    if (error == "timed out") {
      error = fmt::format("timed out after {} ms connecting to {}:{}", timeout.count(),
                          PQhost(conn) ? PQhost(conn) : "", PQport(conn) ? PQport(conn) : "");
    }
    fail(error);
  }
  if (PQsetnonblocking(conn, 1) != 0) fail(detail::trimmed(PQerrorMessage(conn)));
  PQsetNoticeReceiver(conn, &on_notice, nullptr);

  // What was actually used, whichever way it was given.
  ConnectParams used = std::move(requested);
  used.host = PQhost(conn) ? PQhost(conn) : "";
  const std::string_view port = PQport(conn) ? PQport(conn) : "";
  std::from_chars(port.data(), port.data() + port.size(), used.port);
  used.user = PQuser(conn) ? PQuser(conn) : "";
  used.password = PQpass(conn) ? PQpass(conn) : "";
  used.database = PQdb(conn) ? PQdb(conn) : "";
  const char* application_name = PQparameterStatus(conn, "application_name");
  used.application_name = application_name ? application_name : "";
  return std::make_unique<detail::Session>(conn, std::move(used));
}

}  // namespace

Connection::Connection(std::unique_ptr<detail::Session> session) noexcept
    : session_(std::move(session)) {}
Connection::Connection(Connection&&) noexcept = default;
Connection& Connection::operator=(Connection&&) noexcept = default;
Connection::~Connection() = default;

detail::Session& Connection::session() const {
  if (!session_) throw UsageError("the connection was moved from");
  return *session_;
}

void Connection::close() noexcept {
  if (session_) session_->close();
}

bool Connection::is_closed() const noexcept {
  return !session_ || session_->conn == nullptr;
}

bool Connection::is_broken() const noexcept {
  return session_ && session_->broken();
}

int Connection::server_version() const noexcept {
  return is_closed() ? 0 : PQserverVersion(session_->conn);
}

int Connection::backend_pid() const noexcept {
  return is_closed() ? 0 : PQbackendPID(session_->conn);
}

const ConnectParams& Connection::params() const noexcept {
  static const ConnectParams none;
  return session_ ? session_->params : none;
}

TransactionStatus Connection::transaction_status() const noexcept {
  if (is_closed()) return TransactionStatus::unknown;
  switch (PQtransactionStatus(session_->conn)) {
    case PQTRANS_IDLE:
      return TransactionStatus::idle;
    case PQTRANS_ACTIVE:
      return TransactionStatus::active;
    case PQTRANS_INTRANS:
      return TransactionStatus::in_transaction;
    case PQTRANS_INERROR:
      return TransactionStatus::in_error;
    default:
      return TransactionStatus::unknown;
  }
}

PGconn* Connection::native_handle() const noexcept {
  return session_ ? session_->conn : nullptr;
}

Params& Connection::scratch_params() {
  return session().scratch;
}

Result Connection::execute(std::string_view sql) {
  detail::Session& s = session();
  s.check_usable();
  StatementLog log(sql, nullptr);
  return s.simple(sql);
}

Result Connection::run(std::string_view sql, const Params& params) {
  detail::Session& s = session();
  s.check_usable(params);
  StatementLog log(sql, &params);
  return s.run(sql, params);
}

void Connection::fetch_checked(std::string_view sql, const Params& params,
                               const std::function<void(Result&&)>& take) {
  detail::Session& s = session();
  s.check_usable(params);
  StatementLog log(sql, &params);
  s.run_checked(sql, params, take);
}

std::uint64_t Connection::run_many(std::string_view sql, const Params& batch, std::size_t rows) {
  detail::Session& s = session();
  s.check_usable();
  if (rows == 0) return 0;
  const std::size_t width = batch.size() / rows;
  if (batch.size() % rows != 0 || width > 65535) {
    throw UsageError("execute_many: every row must have the same number of parameters");
  }
  for (std::size_t row = 1; row < rows; ++row) {
    for (std::size_t i = 0; i < width; ++i) {
      if (batch.type(row * width + i) != batch.type(i)) {
        throw UsageError(fmt::format(
            "execute_many: parameter {} of row {} has another type than in row 0", i + 1, row));
      }
    }
  }
  StatementLog log(sql, &batch, rows);
  return s.run_pipeline(sql, batch, rows);
}

void Connection::throw_no_rows(std::string_view sql) {
  throw ValueError(fmt::format("the query returned no rows: {}", sql));
}

CopyWriter Connection::copy_in(std::string_view table, const std::vector<std::string>& columns) {
  detail::Session& s = session();
  s.check_usable();
  if (columns.empty()) throw UsageError("copy_in: name at least one column");
  std::string sql = fmt::format("COPY {} (", quote_identifier(table));
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i) sql += ", ";
    sql += quote_identifier(columns[i]);
  }
  sql += ") FROM STDIN (FORMAT binary)";
  StatementLog log(sql, nullptr);

  const detail::QueryContext context{sql};
  s.sql_buffer = sql;
  if (!PQsendQuery(s.conn, s.sql_buffer.c_str())) s.send_failed(&context);
  s.send(context);
  PGresult* first = nullptr;
  try {
    first = detail::next_result(s.conn);
  } catch (const detail::ConnectionLost& lost) {
    detail::raise_connection_lost(lost.message, &context);
  }
  if (first && PQresultStatus(first) == PGRES_COPY_IN) {
    PQclear(first);
    s.copy_in_progress = true;
    return CopyWriter(s, std::move(sql), columns.size());
  }
  // Not a COPY after all (an unknown table or column): report its error.
  if (first && PQresultStatus(first) == PGRES_FATAL_ERROR) {
    ErrorFields fields = detail::fields_of(first);
    PQclear(first);
    s.collect(&context);
    detail::raise(std::move(fields), &context);
  }
  if (first) PQclear(first);
  s.collect(&context);
  throw UsageError("copy_in: the server did not start a COPY");
}

namespace {

std::string begin_sql(const TransactionOptions& options) {
  std::string sql = "BEGIN";
  using Isolation = TransactionOptions::Isolation;
  switch (options.isolation) {
    case Isolation::read_committed:
      sql += " ISOLATION LEVEL READ COMMITTED";
      break;
    case Isolation::repeatable_read:
      sql += " ISOLATION LEVEL REPEATABLE READ";
      break;
    case Isolation::serializable:
      sql += " ISOLATION LEVEL SERIALIZABLE";
      break;
    case Isolation::default_:
      break;
  }
  if (options.read_only) sql += " READ ONLY";
  if (options.deferrable) sql += " DEFERRABLE";
  return sql;
}

}  // namespace

void Connection::require_no_transaction(std::string_view call) const {
  if (transaction_status() != TransactionStatus::idle) {
    session().check_usable();
    throw UsageError(
        fmt::format("{}: a transaction is already open on this connection (use savepoints)", call));
  }
}

void Connection::begin(const TransactionOptions& options) {
  require_no_transaction("begin()");
  execute(begin_sql(options));
}

Result Connection::begin_with(std::string_view sql, const Params& params,
                              const TransactionOptions& options) {
  require_no_transaction("begin_with()");
  const std::string begin = begin_sql(options);
  detail::Session& s = session();
  s.check_usable(params);
  StatementLog log_begin(begin, nullptr);
  StatementLog log(sql, &params);
  return s.run(sql, params, &begin);
}

void Connection::commit() {
  const TransactionStatus status = transaction_status();
  if (status == TransactionStatus::idle) throw UsageError("commit(): no transaction is open");
  detail::Session& s = session();
  s.check_usable();
  // The transaction id comes back in the same round trip, so that a caller whose
  // connection breaks before COMMIT's answer can ask pg_xact_status() what happened.
  const std::string_view sql = status == TransactionStatus::in_error
                                   ? "COMMIT"
                                   : "SELECT pg_current_xact_id_if_assigned()::text; COMMIT";
  StatementLog log(sql, nullptr);
  Result first, result;
  const auto transaction_id = [&]() -> std::optional<std::uint64_t> {
    if (first.empty() || first.columns() != 1 || first[0].is_null(0)) return std::nullopt;
    const std::string_view text = first[0].raw(0);
    std::uint64_t id = 0;
    std::from_chars(text.data(), text.data() + text.size(), id);
    return id;
  };
  try {
    result = s.simple(sql, &first);
  } catch (const ConnectionFailure& e) {
    ErrorFields fields = e.fields();
    fields.sqlstate = "08007";  // transaction_resolution_unknown
    fields.message =
        "the connection was lost while committing; the transaction may or may "
        "not have committed: " +
        fields.message;
    throw CommitOutcomeUnknown(std::move(fields), transaction_id());
  } catch (const QueryCanceled& e) {
    ErrorFields fields = e.fields();
    fields.sqlstate = "08007";
    fields.message = "COMMIT was canceled; the transaction may or may not have committed";
    throw CommitOutcomeUnknown(std::move(fields), transaction_id());
  }
  if (result.command_status() == "ROLLBACK") {
    ErrorFields fields;
    fields.sqlstate = "25P02";
    fields.severity = "ERROR";
    fields.message =
        "COMMIT was answered with ROLLBACK: the transaction had failed, nothing was committed";
    throw InFailedSqlTransaction(std::move(fields));
  }
}

void Connection::rollback() {
  if (transaction_status() == TransactionStatus::idle) return;
  execute("ROLLBACK");
}

void Connection::savepoint(std::string_view name) {
  if (transaction_status() != TransactionStatus::in_transaction) {
    session().check_usable();
    throw UsageError("savepoint(): no usable transaction is open");
  }
  execute(fmt::format("SAVEPOINT {}", quote_identifier(name)));
}

void Connection::release_savepoint(std::string_view name) {
  execute(fmt::format("RELEASE SAVEPOINT {}", quote_identifier(name)));
}

void Connection::rollback_to_savepoint(std::string_view name) {
  execute(fmt::format("ROLLBACK TO SAVEPOINT {}", quote_identifier(name)));
}

std::size_t Connection::statement_cache_size() const noexcept {
  return session_ ? session_->cache.size() : 0;
}

std::size_t Connection::statement_cache_capacity() const noexcept {
  return session_ ? session_->cache.capacity() : 0;
}

void Connection::clear_statement_cache() {
  detail::Session& s = session();
  s.check_usable();
  std::string sql;
  for (const std::string& name : s.cache.clear()) {
    sql += fmt::format("DEALLOCATE {};", quote_identifier(name));
  }
  if (!sql.empty()) execute(sql);
}

}  // namespace iceaxe::pg
