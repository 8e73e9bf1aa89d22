// libFuzzer target over the migration-file parser: the input is a revision file's text for
// parse_revision, and SQL for split_sql (as is each section of a file that parses). Each
// must give a result or throw MigrationError; a crash, a sanitizer report, another exception
// or a hang is a bug. Beyond not failing, what they give must hold together:
// - a parsed revision that render() accepts parses back from its text as itself;
// - every statement split_sql gives is non-empty, trimmed, and splits to itself alone.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "iceaxe/migrations/revision_file.hpp"
#include "iceaxe/migrations/sql_splitter.hpp"

namespace {

namespace migrations = iceaxe::migrations;

[[noreturn]] void fail(std::string_view what, std::string_view text) {
  std::fprintf(stderr, "migration_file_fuzzer: %.*s\n--- in ---\n%.*s\n--- end ---\n",
               static_cast<int>(what.size()), what.data(), static_cast<int>(text.size()),
               text.data());
  std::abort();
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

void check_split(std::string_view sql) {
  std::vector<std::string> statements;
  try {
    statements = migrations::split_sql(sql);
  } catch (const migrations::MigrationError&) {
    return;
  }
  for (const std::string& statement : statements) {
    if (statement.empty() || is_space(statement.front()) || is_space(statement.back())) {
      fail("split_sql gave an empty or untrimmed statement", statement);
    }
    // A statement starts in the splitter's initial state and holds no statement end, so on
    // its own it is one statement, the same.
    try {
      if (migrations::split_sql(statement) != std::vector<std::string>{statement}) {
        fail("a statement split_sql gave does not split to itself alone", statement);
      }
    } catch (const migrations::MigrationError& e) {
      fail(std::string("a statement split_sql gave does not split on its own: ") + e.what(),
           statement);
    }
  }
}

void check_revision(std::string_view text) {
  const std::filesystem::path path = "fuzz.sql";
  migrations::Revision revision;
  try {
    revision = migrations::parse_revision(text, path);
  } catch (const migrations::MigrationError&) {
    return;
  }
  check_split(revision.up_sql);
  check_split(revision.down_sql);

  std::string rendered;
  try {
    rendered = migrations::render(revision);
  } catch (const migrations::MigrationError&) {
    return;  // render() refuses what it could not write to be read back as it is
  }
  try {
    if (migrations::parse_revision(rendered, path) != revision) {
      fail("a rendered revision parses back as something else", rendered);
    }
  } catch (const migrations::MigrationError& e) {
    fail(std::string("a rendered revision does not parse: ") + e.what(), rendered);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check_revision(text);
  check_split(text);
  return 0;
}
