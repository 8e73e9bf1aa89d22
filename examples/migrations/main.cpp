// A project's migration tool: its models, linked with iceaxe's migrations command line.
//
//   example-migrate generate --message "add office"   # writes migrations/<revision>_add_office.sql
//   example-migrate apply                              # applies what is pending
//   example-migrate status
//   example-migrate rollback
//
// The DSN comes from --dsn, else DATABASE_URL, else the PG* variables. Review each generated
// file before committing it: it is plain SQL, with its down section for rollback.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <iceaxe/iceaxe.hpp>

namespace app {

enum class Level { junior, senior };
ICEAXE_ENUM(Level, junior, senior)

struct Office : iceaxe::TableBase {
  std::optional<std::int64_t> id;
  std::string name;
};
ICEAXE_TABLE(Office, (id, {.primary_key = true}), (name, {.unique = true}))

struct Employee : iceaxe::TableBase {
  std::optional<std::int64_t> id;
  std::string name;
  Level level = Level::junior;
  std::optional<std::int64_t> office_id;
  std::chrono::sys_time<std::chrono::microseconds> hired_at;
};
ICEAXE_TABLE(Employee, (id, {.primary_key = true}), (name, {.index = true}), level,
             (office_id, {.foreign_key = "office.id"}), (hired_at, {.default_sql = "now()"}))

}  // namespace app

int main(int argc, char** argv) {
  const std::vector<iceaxe::ModelRef> models = {iceaxe::model<app::Office>,
                                                iceaxe::model<app::Employee>};
  return iceaxe::migrations::cli_main(argc, argv, models);
}
