#include "iceaxe/migrations/cli.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "iceaxe/migrations/migrate.hpp"
#include "iceaxe/model/registry.hpp"

namespace iceaxe::migrations {
namespace {

constexpr std::string_view usage =
    "usage: {} generate [--message TEXT] | apply | rollback [--steps N] | status\n"
    "       [--dir DIR] [--dsn DSN] [--ignore-table NAME]...\n";

struct Command {
  std::string name;
  std::string dir = "migrations";
  std::optional<std::string> dsn;
  std::string message;
  int steps = 1;
  std::vector<std::string> ignore_tables;
};

// The command line, or nullopt (after printing why) when it cannot be understood.
std::optional<Command> parse(int argc, char** argv) {
  Command command;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const auto value = [&]() -> std::optional<std::string> {
      if (i + 1 >= argc) return std::nullopt;
      return std::string(argv[++i]);
    };
    std::optional<std::string> given;
    if (arg == "--dir" && (given = value())) {
      command.dir = *given;
    } else if (arg == "--dsn" && (given = value())) {
      command.dsn = *given;
    } else if (arg == "--message" && (given = value())) {
      command.message = *given;
    } else if (arg == "--ignore-table" && (given = value())) {
      command.ignore_tables.push_back(*given);
    } else if (arg == "--steps" && (given = value())) {
      const auto [end, error] =
          std::from_chars(given->data(), given->data() + given->size(), command.steps);
      if (error != std::errc() || end != given->data() + given->size() || command.steps < 1) {
        fmt::print(stderr, "--steps takes a positive number, not '{}'\n", *given);
        return std::nullopt;
      }
    } else if (!arg.starts_with("--") && command.name.empty()) {
      command.name = arg;
    } else {
      fmt::print(stderr, "unexpected argument '{}'\n", arg);
      return std::nullopt;
    }
  }
  if (command.name != "generate" && command.name != "apply" && command.name != "rollback" &&
      command.name != "status") {
    if (!command.name.empty()) fmt::print(stderr, "unknown command '{}'\n", command.name);
    return std::nullopt;
  }
  return command;
}

int run(const Command& command, std::span<const ModelRef> models) {
  std::string dsn = command.dsn.value_or("");
  if (!command.dsn) {
    if (const char* url = std::getenv("DATABASE_URL")) dsn = url;
  }
  DBConnection conn(pg::connect(dsn));
  if (command.name == "generate") {
    const auto path =
        migrations::generate(conn, command.dir,
                             {.models = std::vector<ModelRef>(models.begin(), models.end()),
                              .message = command.message,
                              .ignore_tables = command.ignore_tables});
    fmt::print("{}\n", path ? "new revision: " + path->string()
                            : std::string("the database matches the models: no revision"));
  } else if (command.name == "apply") {
    const std::size_t applied = migrations::apply(conn, command.dir);
    fmt::print("applied {} revision(s); the database is at {}\n", applied, active_revision(conn));
  } else if (command.name == "rollback") {
    const std::size_t undone = migrations::rollback(conn, command.dir, {.steps = command.steps});
    const std::string active = active_revision(conn);
    fmt::print("rolled back {} revision(s); the database is at {}\n", undone,
               active.empty() ? "no revision" : active);
  } else {
    for (const RevisionStatus& revision : migrations::status(conn, command.dir)) {
      fmt::print("{:<8} {} {}\n", revision.applied ? "applied" : "pending", revision.revision,
                 revision.message);
    }
  }
  conn.close();
  return 0;
}

}  // namespace

int cli_main(int argc, char** argv) {
  const std::vector<ModelRef> models = registered_models();
  return cli_main(argc, argv, models);
}

int cli_main(int argc, char** argv, std::span<const ModelRef> models) {
  const std::optional<Command> command = parse(argc, argv);
  if (!command) {
    fmt::print(stderr, usage, argc > 0 ? argv[0] : "migrate");
    return 2;
  }
  try {
    return run(*command, models);
  } catch (const std::exception& e) {
    fmt::print(stderr, "{} failed: {}\n", command->name, e.what());
    return 1;
  }
}

}  // namespace iceaxe::migrations
