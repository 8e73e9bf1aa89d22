#pragma once

// Revision files: one plain-SQL file per migration, named `<revision>_<slug>.sql`, that
// people can review and edit:
//
//   -- revision: 20261125T193012123Z
//   -- down_revision: 20261124T080000000Z
//   -- message: add office
//   -- use_transaction: true
//   -- migrate:up
//   CREATE TABLE "office" (...);
//   -- migrate:down
//   DROP TABLE "office";
//
// Header lines come before `-- migrate:up`, in any order, among other comments and blank
// lines. Revisions form a chain through down_revision; the first one's is empty.

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "iceaxe/pg/errors.hpp"

namespace iceaxe::migrations {

// A revision file or directory that cannot be written, read, parsed or put in a chain, or
// a script that cannot be split. The message names the file and, where there is one, the
// line.
class MigrationError : public Error {
 public:
  using Error::Error;
};

struct Revision {
  std::string revision;         // new_revision_id(): "20261125T193012123Z"
  std::string down_revision;    // the revision this one follows; empty for the first
  std::string message;          // one line
  bool use_transaction = true;  // false: each statement runs on its own (CREATE INDEX CONCURRENTLY)
  std::string up_sql;           // as written, without leading or trailing blank lines (nor
                                // carriage returns ending its last line)
  std::string down_sql;
  std::filesystem::path path;  // the file it was read from; empty for one built in memory
  bool operator==(const Revision&) const = default;
};

// The file's text. Throws MigrationError for what could not be read back as written: a
// revision id that is empty or has characters other than ASCII letters, digits, '-' and
// '.' (no '_': in a file name the revision ends at the first one), a message spanning
// lines, a section holding a `-- migrate:` line.
std::string render(const Revision& revision);

// Reads a file's text; `path` is recorded in the result and named in errors. Throws
// MigrationError naming the line for an unknown `-- key:` header or a repeated one, SQL
// before `-- migrate:up`, an unknown, repeated or misplaced section marker, a
// use_transaction other than true or false, an invalid revision id; and naming the file for
// a missing revision or down_revision header or a missing section.
Revision parse_revision(std::string_view text, const std::filesystem::path& path);

// The message as a file name part: "Add office (v2)" -> "add_office_v2"; at most 40
// characters, "migration" when nothing is left.
std::string slugify(std::string_view message);

// `now` in UTC to the millisecond ("20261125T193012123Z", so ids sort by time), moved on a
// millisecond at a time while a file in `dir` already has that revision.
std::string new_revision_id(std::chrono::system_clock::time_point now,
                            const std::filesystem::path& dir);

// Writes `<revision>_<slug>.sql` into `dir` (created if missing) and returns its path.
// Never overwrites: a file of the same revision already in `dir` is an error.
std::filesystem::path write_revision(const std::filesystem::path& dir, const Revision& revision);

// Every `*.sql` file directly in `dir` (none when it does not exist), in chain order: the
// first revision, then each one's successor. A file whose name does not start with its
// revision and '_', a repeated revision id, a down_revision that matches no revision, two
// revisions following the same one, more or fewer than one first revision, or files the
// chain never reaches are errors.
std::vector<Revision> load_revisions(const std::filesystem::path& dir);

}  // namespace iceaxe::migrations
