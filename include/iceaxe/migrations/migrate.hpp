#pragma once

// Revisions against a database: generate one from the difference between the models and
// the database, apply the pending ones, roll back, report. The database's active revision is
// the one row of the table migration_info. Every call takes a session-level advisory lock, so
// concurrent migrators (two processes deploying at once) run one after the other; the second
// then finds nothing left to do.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "iceaxe/orm/db_connection.hpp"

namespace iceaxe::migrations {

using GenerateOptions = MagicMigrateOptions;

// Writes a revision holding the statements that turn the database into what the models
// describe (up) and back (down), after the database's active revision; nullopt, and no
// file, when nothing differs. Pending revisions must be applied first.
std::optional<std::filesystem::path> generate(DBConnection& conn, const std::filesystem::path& dir,
                                              const GenerateOptions& options = {});

// Applies the revisions after the active one, in order, each in its own transaction (unless
// `use_transaction: false`, then statement by statement) together with the active
// revision's update. A failing revision is rolled back and stops the run: the active
// revision stays the last one applied. Returns how many were applied (0: up to date).
std::size_t apply(DBConnection& conn, const std::filesystem::path& dir);

struct RollbackOptions {
  int steps = 1;
};
// Runs the down section of the active revision, `steps` times; returns how many ran.
std::size_t rollback(DBConnection& conn, const std::filesystem::path& dir,
                     const RollbackOptions& options = {});

struct RevisionStatus {
  std::string revision;
  std::string message;
  bool applied = false;
};
// Every revision of `dir` in chain order, and whether the database has it.
std::vector<RevisionStatus> status(DBConnection& conn, const std::filesystem::path& dir);

// The database's active revision (empty: none), creating migration_info if missing.
std::string active_revision(DBConnection& conn);

}  // namespace iceaxe::migrations
