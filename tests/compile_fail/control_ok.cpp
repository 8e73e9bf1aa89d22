// expect: (compiles)
// The positive control: the same command line as the compile_fail cases must accept a
// correct model, so a broken command line cannot make every case pass.
#include <iceaxe/iceaxe.hpp>

namespace app {

enum class Status { draft, live, in_progress };
ICEAXE_ENUM(Status, draft, live, (in_progress, "in-progress"))

struct Office : iceaxe::TableBase {
  std::optional<int64_t> id;
  std::string name;
};
ICEAXE_TABLE(Office, (id, {.primary_key = true}), name)

struct Settings {
  bool dark_mode = false;
  NLOHMANN_DEFINE_TYPE_INTRUSIVE(Settings, dark_mode)
};

struct Employee : iceaxe::TableBase {
  std::optional<iceaxe::Id<struct EmployeeTag>> id;
  std::string name;
  std::optional<int64_t> office_id;
  Status status = Status::draft;
  std::vector<std::string> tags;
  Settings settings;
  nlohmann::json payload;
  std::chrono::sys_time<std::chrono::microseconds> created_at;
  iceaxe::TimeOfDay starts_at;
};
ICEAXE_TABLE(Employee, (id, {.primary_key = true}), name,
             (office_id, {.foreign_key = "office.id",
                          .postgres_config = iceaxe::PostgresForeignKey{.on_delete = "CASCADE"}}),
             status, tags, (settings, {.is_json = true}),
             (payload, {.postgres_config = iceaxe::PostgresJson{.binary = false}}),
             (created_at, {.postgres_config = iceaxe::PostgresDateTime{.timezone = true}}),
             (starts_at, {.postgres_config = iceaxe::PostgresTime{.timezone = false}}))

inline void use() {
  Employee e;
  e.id = iceaxe::Id<EmployeeTag>(7);
  static_assert(iceaxe::table_name<Employee> == "employee");
}

}  // namespace app
