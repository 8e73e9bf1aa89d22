#pragma once

// The models the DBConnection tests share, and a fixture giving each test a schema of its
// own holding their tables. Employee has an array column (its rows travel as multi-row
// VALUES); Item has none (its rows travel as unnested column arrays), plus an enum, a json
// (not jsonb) column and a key the caller chooses; Membership has a composite key; LogLine
// none; Counter only a generated key.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iceaxe/iceaxe.hpp"
#include "support/database.hpp"

namespace orm_test {

enum class Level { junior, senior, lead };
ICEAXE_ENUM(Level, junior, senior, (lead, "team-lead"))

struct Settings {
  bool dark_mode = false;
  int volume = 0;
  bool operator==(const Settings&) const = default;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Settings, dark_mode, volume)

using Timestamp = std::chrono::sys_time<std::chrono::microseconds>;

struct Office : iceaxe::TableBase {
  static constexpr std::string_view table_name = "orm_office";
  std::optional<std::int64_t> id;
  std::string name;
};
ICEAXE_TABLE(Office, (id, {.primary_key = true}), (name, {.unique = true}))

struct Employee : iceaxe::TableBase {
  static constexpr std::string_view table_name = "orm_employee";
  std::optional<std::int64_t> id;
  std::string name;
  std::int32_t age = 0;
  std::optional<std::string> nickname;
  std::optional<std::int64_t> office_id;
  Level level = Level::junior;
  std::vector<std::string> tags;
  nlohmann::json payload = nlohmann::json::object();
  Settings settings;
  Timestamp created_at{};
  std::string notes;  // not stored
};
ICEAXE_TABLE(Employee, (id, {.primary_key = true}), (name, {.unique = true}),
             (age, {.check_expression = "age >= 0"}), nickname,
             (office_id, {.foreign_key = "orm_office.id"}), level, tags, payload,
             (settings, {.is_json = true}),
             (created_at, {.postgres_config = iceaxe::PostgresDateTime{.timezone = true}}),
             (notes, {.exclude = true}))

struct Item : iceaxe::TableBase {
  static constexpr std::string_view table_name = "orm_item";
  std::int64_t id = 0;
  std::string label;
  double price = 0;
  std::optional<Level> level;
  nlohmann::json doc = nlohmann::json::object();
};
ICEAXE_TABLE(Item, (id, {.primary_key = true}), label, price, level,
             (doc, {.postgres_config = iceaxe::PostgresJson{.binary = false}}))

struct Membership : iceaxe::TableBase {
  static constexpr std::string_view table_name = "orm_membership";
  std::int64_t group_id = 0;
  std::int64_t user_id = 0;
  std::string role;
};
ICEAXE_TABLE(Membership, (group_id, {.primary_key = true}), (user_id, {.primary_key = true}), role)

struct LogLine : iceaxe::TableBase {
  static constexpr std::string_view table_name = "orm_log";
  std::string message;
};
ICEAXE_TABLE(LogLine, message)

struct Counter : iceaxe::TableBase {
  static constexpr std::string_view table_name = "orm_counter";
  std::optional<std::int64_t> id;
};
ICEAXE_TABLE(Counter, (id, {.primary_key = true}))

inline constexpr auto& E = iceaxe::columns<Employee>;
inline constexpr auto& O = iceaxe::columns<Office>;
inline constexpr auto& I = iceaxe::columns<Item>;
inline constexpr auto& M = iceaxe::columns<Membership>;

inline constexpr std::string_view create_tables = R"(
  CREATE TYPE level AS ENUM ('junior', 'senior', 'team-lead');
  CREATE TABLE orm_office (id bigserial PRIMARY KEY, name text NOT NULL UNIQUE);
  CREATE TABLE orm_employee (
    id bigserial PRIMARY KEY, name text NOT NULL UNIQUE, age integer NOT NULL CHECK (age >= 0),
    nickname text, office_id bigint REFERENCES orm_office (id), level level NOT NULL,
    tags text[] NOT NULL, payload jsonb NOT NULL, settings jsonb NOT NULL,
    created_at timestamptz NOT NULL);
  CREATE TABLE orm_item (id bigint PRIMARY KEY, label text NOT NULL,
    price double precision NOT NULL CHECK (price >= 0), level level, doc json NOT NULL);
  CREATE TABLE orm_membership (group_id bigint, user_id bigint, role text NOT NULL,
    PRIMARY KEY (group_id, user_id));
  CREATE TABLE orm_log (message text NOT NULL);
  CREATE TABLE orm_counter (id bigserial PRIMARY KEY);
)";

// A new Employee / Item with every field set.
Employee employee(std::string name, std::int32_t age);
Item item(std::int64_t id, std::string label, double price);

// Each test gets a schema named after it (or ICEAXE_TEST_SCHEMA, see support/database.hpp),
// holding the tables above, and `db`, a DBConnection into it.
class OrmTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Another connection into this test's schema (to see what was committed).
  iceaxe::pg::Connection other_connection();
  // A new DBConnection into this test's schema.
  iceaxe::DBConnection connect(iceaxe::DBConnectionOptions options = {});
  // SELECT count(*) FROM table, from another connection.
  std::int64_t count_rows(std::string_view table);

  std::string schema_;
  std::optional<iceaxe::DBConnection> db_;
  iceaxe::DBConnection& db() { return *db_; }
};

// Captures every log record while it lives, at DEBUG; the level and the default sink come
// back afterwards.
class LogCapture {
 public:
  LogCapture();
  ~LogCapture();
  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;

  std::vector<iceaxe::logging::Record> records();
  // The SQL text of the statements logged so far.
  std::vector<std::string> statements();

 private:
  iceaxe::LogLevel saved_level_;
  std::mutex mutex_;
  std::vector<iceaxe::logging::Record> records_;
};

}  // namespace orm_test
