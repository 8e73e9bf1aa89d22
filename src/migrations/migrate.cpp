#include "iceaxe/migrations/migrate.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "iceaxe/logging.hpp"
#include "iceaxe/migrations/diff.hpp"
#include "iceaxe/migrations/introspect.hpp"
#include "iceaxe/migrations/model_schema.hpp"
#include "iceaxe/migrations/revision_file.hpp"
#include "iceaxe/migrations/sql_splitter.hpp"
#include "iceaxe/model/registry.hpp"

namespace iceaxe::migrations {
namespace {

// The advisory lock every migrator takes ("iceaxe.migrations" as a number).
constexpr std::int64_t lock_key = 0x69636561786d6967;

// Holds the session-level advisory lock while it lives. Migrations open and close their own
// transactions, so they cannot run inside the caller's.
class MigrationLock {
 public:
  explicit MigrationLock(DBConnection& conn) : conn_(conn.conn()) {
    if (conn.in_transaction() || conn_.transaction_status() != pg::TransactionStatus::idle) {
      throw UsageError("migrations run their own transactions: call them outside a transaction");
    }
    conn_.execute("SELECT pg_advisory_lock($1)", lock_key);
    try {
      conn_.execute(
          "CREATE TABLE IF NOT EXISTS migration_info (active_revision text);"
          "INSERT INTO migration_info SELECT NULL WHERE NOT EXISTS (SELECT FROM migration_info)");
    } catch (...) {
      unlock();
      throw;
    }
  }
  MigrationLock(const MigrationLock&) = delete;
  MigrationLock& operator=(const MigrationLock&) = delete;
  ~MigrationLock() { unlock(); }

 private:
  void unlock() noexcept {
    if (conn_.is_broken()) return;  // the session, and its lock, are gone
    try {
      if (conn_.transaction_status() != pg::TransactionStatus::idle) conn_.rollback();
      conn_.execute("SELECT pg_advisory_unlock($1)", lock_key);
    } catch (...) {  // closing the connection releases it too
    }
  }

  pg::Connection& conn_;
};

std::string read_active(pg::Connection& conn) {
  return conn.fetch_value<std::optional<std::string>>("SELECT active_revision FROM migration_info")
      .value_or("");
}

// The index of the first revision after `active` in the chain.
std::size_t first_pending(const std::vector<Revision>& revisions, const std::string& active,
                          const std::filesystem::path& dir) {
  if (active.empty()) return 0;
  const auto it = std::ranges::find(revisions, active, &Revision::revision);
  if (it == revisions.end()) {
    throw MigrationError(
        fmt::format("{}: the database is at revision {}, which is not among the revision files",
                    dir.string(), active));
  }
  return static_cast<std::size_t>(it - revisions.begin()) + 1;
}

// Runs one section and records the revision the database is at afterwards: in one
// transaction, or statement by statement.
void run_section(pg::Connection& conn, const Revision& revision, const std::string& sql,
                 const std::string& next_active) {
  const auto record = [&] {
    conn.execute("UPDATE migration_info SET active_revision = $1",
                 next_active.empty() ? std::nullopt : std::optional(next_active));
  };
  try {
    if (revision.use_transaction) {
      conn.begin();
      if (!sql.empty()) conn.execute(sql);
      record();
      conn.commit();
    } else {
      for (const std::string& statement : split_sql(sql)) conn.execute(statement);
      record();
    }
  } catch (const std::exception& e) {
    if (!conn.is_broken() && conn.transaction_status() != pg::TransactionStatus::idle) {
      try {
        conn.rollback();
      } catch (...) {  // the original error says more
      }
    }
    logging::write(LogLevel::error, "iceaxe.migrations",
                   fmt::format("revision {} ({}) failed: {}", revision.revision,
                               revision.path.string(), e.what()),
                   {{"revision", revision.revision}, {"path", revision.path.string()}});
    throw;
  }
  logging::write(
      LogLevel::info, "iceaxe.migrations",
      fmt::format("database at revision {}", next_active.empty() ? "(none)" : next_active),
      {{"revision", next_active}});
}

std::string script(const std::vector<std::string>& statements) {
  return statements.empty() ? "" : fmt::format("{};", fmt::join(statements, ";\n\n"));
}

}  // namespace

std::string active_revision(DBConnection& conn) {
  const MigrationLock lock(conn);
  return read_active(conn.conn());
}

std::optional<std::filesystem::path> generate(DBConnection& conn, const std::filesystem::path& dir,
                                              const GenerateOptions& options) {
  const MigrationLock lock(conn);
  const std::string active = read_active(conn.conn());
  const std::vector<Revision> revisions = load_revisions(dir);
  const std::size_t pending = revisions.size() - first_pending(revisions, active, dir);
  if (pending > 0) {
    throw MigrationError(fmt::format(
        "{}: {} revision(s) after {} are not applied yet: apply them before generating another",
        dir.string(), pending, active.empty() ? "the start" : active));
  }
  std::vector<ModelRef> models = options.models.empty() ? registered_models() : options.models;
  std::erase_if(models, [&](const ModelRef& model) {
    return std::ranges::find(options.ignore_tables, model->table_name) !=
           options.ignore_tables.end();
  });
  const Schema current = introspect(conn.conn(), {options.ignore_tables});
  Schema target = schema_of(models);
  render_as_server(conn.conn(), target);
  const std::vector<std::string> up = diff(current, target);
  if (up.empty()) return std::nullopt;
  Revision revision;
  revision.revision = new_revision_id(std::chrono::system_clock::now(), dir);
  revision.down_revision = active;
  revision.message = options.message;
  revision.up_sql = script(up);
  revision.down_sql = script(diff(target, current));
  return write_revision(dir, revision);
}

std::size_t apply(DBConnection& conn, const std::filesystem::path& dir) {
  const MigrationLock lock(conn);
  const std::vector<Revision> revisions = load_revisions(dir);
  // Read under the lock: a migrator that held it before us may have applied everything.
  std::size_t applied = 0;
  for (std::size_t i = first_pending(revisions, read_active(conn.conn()), dir);
       i < revisions.size(); ++i, ++applied) {
    run_section(conn.conn(), revisions[i], revisions[i].up_sql, revisions[i].revision);
  }
  return applied;
}

std::size_t rollback(DBConnection& conn, const std::filesystem::path& dir,
                     const RollbackOptions& options) {
  const MigrationLock lock(conn);
  const std::vector<Revision> revisions = load_revisions(dir);
  std::size_t undone = 0;
  for (; undone < static_cast<std::size_t>(std::max(options.steps, 0)); ++undone) {
    const std::size_t after = first_pending(revisions, read_active(conn.conn()), dir);
    if (after == 0) break;  // nothing applied
    const Revision& revision = revisions[after - 1];
    run_section(conn.conn(), revision, revision.down_sql, revision.down_revision);
  }
  return undone;
}

std::vector<RevisionStatus> status(DBConnection& conn, const std::filesystem::path& dir) {
  const std::vector<Revision> revisions = load_revisions(dir);
  const std::size_t pending = first_pending(revisions, active_revision(conn), dir);
  std::vector<RevisionStatus> out;
  for (std::size_t i = 0; i < revisions.size(); ++i) {
    out.push_back({revisions[i].revision, revisions[i].message, i < pending});
  }
  return out;
}

}  // namespace iceaxe::migrations

namespace iceaxe {

std::size_t DBConnection::magic_migrate(const std::filesystem::path& dir,
                                        const MagicMigrateOptions& options) {
  const std::vector<migrations::RevisionStatus> revisions = migrations::status(*this, dir);
  if (std::ranges::all_of(revisions, &migrations::RevisionStatus::applied)) {
    migrations::generate(*this, dir, options);
  }
  return migrations::apply(*this, dir);
}

}  // namespace iceaxe
