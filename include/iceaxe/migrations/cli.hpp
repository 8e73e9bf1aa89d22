#pragma once

// The migrations command line, for a program a project links with its own models:
//
//   int main(int argc, char** argv) { return iceaxe::migrations::cli_main(argc, argv, models); }
//
//   myapp-migrate generate [--message TEXT]   write a revision if the models differ
//   myapp-migrate apply                       apply the pending revisions
//   myapp-migrate rollback [--steps N]        undo the last N revisions (1)
//   myapp-migrate status                      one line per revision: applied or pending
//
// Options for every command: --dir DIR (the revisions' directory, "migrations"), --dsn DSN
// (else $DATABASE_URL, else the PG* variables), --ignore-table NAME (repeatable).

#include <span>

#include "iceaxe/model/descriptor.hpp"

namespace iceaxe::migrations {

// Every registered model.
int cli_main(int argc, char** argv);
int cli_main(int argc, char** argv, std::span<const ModelRef> models);

}  // namespace iceaxe::migrations
