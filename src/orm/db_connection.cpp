#include "iceaxe/orm/db_connection.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace iceaxe {

namespace detail {

std::string returning_clause(std::span<const SqlColumn> columns) {
  if (columns.empty()) return {};
  std::string out = " RETURNING ";
  append_names(out, columns);
  return out;
}

std::string get_sql(std::string_view table, std::string_view select_list,
                    std::span<const SqlColumn> keys) {
  const std::string quoted = pg::quote_identifier(table);
  std::string sql = fmt::format("SELECT {} FROM {} WHERE ", select_list, quoted);
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (i > 0) sql += " AND ";
    fmt::format_to(std::back_inserter(sql), "{}.{} = ${}", quoted,
                   pg::quote_identifier(keys[i].name), i + 1);
  }
  return sql;
}

}  // namespace detail

namespace {
constexpr std::string_view write_savepoint = "iceaxe_write";
}

DBConnection::DBConnection(pg::Connection conn, Options options)
    : conn_(std::move(conn)),
      options_(options),
      tracker_(std::make_unique<ModificationTracker>()) {}

DBConnection::DBConnection(DBConnection&&) noexcept = default;

DBConnection& DBConnection::operator=(DBConnection&& other) noexcept {
  if (this != &other) {
    report_unwritten();
    conn_ = std::move(other.conn_);
    options_ = other.options_;
    tracker_ = std::move(other.tracker_);
    types_ = std::move(other.types_);
    primary_keys_ = std::move(other.primary_keys_);
    in_transaction_ = std::exchange(other.in_transaction_, false);
  }
  return *this;
}

DBConnection::~DBConnection() {
  report_unwritten();
}

void DBConnection::report_unwritten() noexcept {
  if (!tracker_) return;  // moved from
  try {
    if (options_.uncommitted_verbosity) tracker_->log(*options_.uncommitted_verbosity);
  } catch (...) {  // reporting must not throw from a destructor
  }
  tracker_->clear();
}

void DBConnection::close() {
  report_unwritten();
  conn_.close();
}

const std::map<std::string, std::vector<std::string>, std::less<>>&
DBConnection::obj_to_primary_key() {
  if (!primary_keys_) {
    primary_keys_.emplace();
    for (const ModelRef& model : registered_models()) {
      std::vector<std::string> keys;
      for (std::size_t i : model->primary_key) keys.emplace_back(model->columns[i].name);
      primary_keys_->emplace(std::string(model->table_name), std::move(keys));
    }
  }
  return *primary_keys_;
}

void DBConnection::initialize_types() {
  types_ = cached_types(get_dsn(), conn_);
}

const TypeCatalog& DBConnection::types() {
  if (!types_) initialize_types();
  return *types_;
}

std::string DBConnection::get_dsn() const {
  return dsn_of(conn_);
}

void DBConnection::insert(std::initializer_list<ObjectRef> objects, const SourceLocation& where) {
  write_refs(detail::WriteKind::insert, objects, where);
}
void DBConnection::update(std::initializer_list<ObjectRef> objects, const SourceLocation& where) {
  write_refs(detail::WriteKind::update, objects, where);
}
void DBConnection::delete_(std::initializer_list<ObjectRef> objects) {
  write_refs(detail::WriteKind::delete_, objects, SourceLocation::current());
}
void DBConnection::refresh(std::initializer_list<ObjectRef> objects, const SourceLocation& where) {
  write_refs(detail::WriteKind::refresh, objects, where);
}

void DBConnection::write_refs(detail::WriteKind kind, std::span<const ObjectRef> objects,
                              const SourceLocation& where) {
  // Grouped by model, models in order of first appearance, objects in order.
  std::vector<std::pair<Group, std::vector<ObjectRef>>> groups;
  for (const ObjectRef& ref : objects) {
    auto it =
        std::ranges::find(groups, ref.group_, &std::pair<Group, std::vector<ObjectRef>>::first);
    if (it == groups.end()) it = groups.insert(groups.end(), {ref.group_, {}});
    it->second.push_back(ref);
  }
  detail::WritePlan plan;
  for (const auto& [group, refs] : groups) group(*this, kind, refs, plan, where);
  run(plan);
}

bool DBConnection::server_in_transaction() const noexcept {
  const pg::TransactionStatus status = conn_.transaction_status();
  return status == pg::TransactionStatus::in_transaction ||
         status == pg::TransactionStatus::in_error;
}

void DBConnection::run(detail::WritePlan& plan) {
  // Outside a transaction, a plan of several statements runs in a transaction of its own
  // (BEGIN travels with the first statement); a single one in its implicit transaction, its
  // result checked before that commits. Inside the caller's transaction a failed statement
  // fails that transaction, so nothing partial can be committed; a plan that may fail a
  // check uses a savepoint so that only its own work is undone.
  const bool nested = in_transaction_ || server_in_transaction();
  const bool wrap = !plan.reads_only && !plan.statements.empty() &&
                    (nested ? plan.savepoint_when_nested : plan.statements.size() > 1);
  const detail::WriteStatement* current = nullptr;
  const auto undo = [&]() noexcept {
    if (!wrap || conn_.is_broken()) return;
    try {
      if (nested) {
        conn_.rollback_to_savepoint(write_savepoint);
        conn_.release_savepoint(write_savepoint);
      } else {
        conn_.rollback();
      }
    } catch (...) {  // the original error says more
    }
  };
  struct ShortWrite {
    std::uint64_t written;
  };
  const std::function<void(pg::Result &&)> take = [&](pg::Result&& result) {
    if (current->row_check && result.affected_rows() != current->row_check->rows) {
      throw ShortWrite{result.affected_rows()};
    }
    if (current->on_result) current->on_result(std::move(result), *current);
  };
  try {
    for (detail::WriteStatement& statement : plan.statements) {
      current = &statement;
      const bool first = &statement == &plan.statements.front();
      if (wrap && first && nested) conn_.savepoint(write_savepoint);
      if (wrap && first && !nested) {
        take(conn_.begin_with(statement.sql, statement.params));
      } else if (plan.reads_only || !(statement.row_check || statement.on_result)) {
        take(conn_.fetch(statement.sql, statement.params));
      } else {
        conn_.fetch_checked(statement.sql, statement.params, take);
      }
    }
  } catch (const ShortWrite& short_write) {
    undo();
    const detail::RowCheck& check = *current->row_check;
    if (check.explain && !conn_.is_broken()) check.explain(*current);
    detail::throw_rows_skipped(check, short_write.written);
  } catch (...) {
    undo();
    throw;
  }
  if (wrap) {
    if (nested) {
      conn_.release_savepoint(write_savepoint);
    } else {
      conn_.commit();
    }
  }
  for (const auto& write_back : plan.after_success) write_back();
}

std::uint64_t DBConnection::run_write_query(const BuiltQuery& query) {
  return conn_.execute(query.sql, query.params).affected_rows();
}

void DBConnection::begin(const TransactionBlockOptions& options) {
  conn_.begin({options.isolation, options.read_only, options.deferrable});
  in_transaction_ = true;
}

void DBConnection::commit() {
  // Whatever the outcome, the block is over: a failed COMMIT leaves no transaction open.
  in_transaction_ = false;
  conn_.commit();
}

void DBConnection::abandon() noexcept {
  in_transaction_ = false;
  if (conn_.is_broken() || !server_in_transaction()) return;
  try {
    conn_.rollback();
  } catch (...) {  // the caller rethrows the original error
  }
}

TransactionBlock::TransactionBlock(DBConnection& conn, const TransactionBlockOptions& options)
    : conn_(nullptr) {
  if (conn.in_transaction_ || conn.server_in_transaction()) {
    if (!options.ensure) detail::throw_nested_transaction();
    return;  // joined: the outer block decides
  }
  conn.begin(options);
  conn_ = &conn;
}

TransactionBlock::~TransactionBlock() {
  if (conn_) conn_->abandon();
}

void TransactionBlock::commit() {
  if (DBConnection* conn = std::exchange(conn_, nullptr)) conn->commit();
}

void TransactionBlock::rollback() {
  if (DBConnection* conn = std::exchange(conn_, nullptr)) {
    conn->in_transaction_ = false;
    conn->conn_.rollback();
  }
}

}  // namespace iceaxe
