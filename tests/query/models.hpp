#pragma once

// The models the query-builder tests share: offices, their employees (most kinds of column:
// nullable text, a strong id, an array, an enum, a JSON document struct, a JSON column, a
// timestamp), a model with every numeric and time type for the func:: builders, and one
// whose table name holds a double quote.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iceaxe/iceaxe.hpp"

namespace query_test {

enum class Mood { calm, busy, on_leave };
ICEAXE_ENUM(Mood, calm, busy, (on_leave, "on-leave"))

// Stored as one JSON document (`.is_json = true`).
struct Settings {
  bool dark_mode = false;
  int volume = 0;
  bool operator==(const Settings&) const = default;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Settings, dark_mode, volume)

using OfficeId = iceaxe::Id<struct OfficeTag>;
using EmployeeId = iceaxe::Id<struct EmployeeTag>;
using Timestamp = std::chrono::sys_time<std::chrono::microseconds>;
using LocalTimestamp = std::chrono::local_time<std::chrono::microseconds>;

struct Office : iceaxe::TableBase {
  static constexpr std::string_view table_name = "query_test_office";
  std::optional<OfficeId> id;
  std::string name;
  std::optional<std::string> city;
};
ICEAXE_TABLE(Office, (id, {.primary_key = true}), name, city)

struct Employee : iceaxe::TableBase {
  static constexpr std::string_view table_name = "query_test_employee";
  std::optional<std::int64_t> id;
  std::string name;
  std::int32_t age = 0;
  std::optional<std::string> nickname;
  std::optional<OfficeId> office_id;
  std::vector<std::string> tags;
  Mood mood = Mood::calm;
  Settings settings;
  nlohmann::json payload;
  Timestamp hired_at;
  bool active = true;
  std::string scratch;  // not stored
};
ICEAXE_TABLE(Employee, (id, {.primary_key = true}), name, age, nickname,
             (office_id, {.foreign_key = "query_test_office.id"}), tags, mood,
             (settings, {.is_json = true}), payload,
             (hired_at, {.postgres_config = iceaxe::PostgresDateTime{.timezone = true}}), active,
             (scratch, {.exclude = true}))

// One column of each numeric and time type, nullable ones and an integer array.
struct Metric : iceaxe::TableBase {
  static constexpr std::string_view table_name = "query_test_metric";
  std::optional<std::int64_t> id;
  std::int16_t small = 0;
  std::int32_t medium = 0;
  std::int64_t large = 0;
  float single = 0;
  double ratio = 0;
  iceaxe::Numeric amount;
  std::optional<std::int32_t> maybe;
  std::optional<double> maybe_ratio;
  std::string label;
  std::optional<std::string> maybe_label;
  std::chrono::year_month_day day{};
  LocalTimestamp wall;
  std::optional<Timestamp> maybe_at;
  std::vector<std::int32_t> numbers;
};
ICEAXE_TABLE(Metric, (id, {.primary_key = true}), small, medium, large, single, ratio, amount,
             maybe, maybe_ratio, label, maybe_label, day,
             (wall, {.postgres_config = iceaxe::PostgresDateTime{}}), maybe_at, numbers)

struct Weird : iceaxe::TableBase {
  static constexpr std::string_view table_name = "we\"ird";
  std::optional<std::int64_t> id;
  std::string value;
};
ICEAXE_TABLE(Weird, (id, {.primary_key = true}), value)

inline constexpr auto& E = iceaxe::columns<Employee>;
inline constexpr auto& O = iceaxe::columns<Office>;
inline constexpr auto& M = iceaxe::columns<Metric>;
inline constexpr auto& W = iceaxe::columns<Weird>;

}  // namespace query_test
