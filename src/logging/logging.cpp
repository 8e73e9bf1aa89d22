#include "iceaxe/logging.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string_view>

namespace iceaxe::logging {
namespace {

int level_from_environment() {
  const char* value = std::getenv("ICEAXE_LOG_LEVEL");
  if (value == nullptr || *value == '\0') return static_cast<int>(LogLevel::warning);
  const std::string_view v(value);
  for (LogLevel level : {LogLevel::debug, LogLevel::info, LogLevel::warning, LogLevel::error}) {
    if (v == level_name(level)) return static_cast<int>(level);
  }
  std::fprintf(stderr, "iceaxe: ignoring ICEAXE_LOG_LEVEL=%s (use DEBUG, INFO, WARNING or ERROR)\n",
               value);
  return static_cast<int>(LogLevel::warning);
}

void write_to_stderr(const Record& record) {
  const std::string line = to_json_line(record) + "\n";
  std::fwrite(line.data(), 1, line.size(), stderr);
}

// ISO 8601 in UTC with microseconds ("2024-01-02T03:04:05.000006Z"), whatever the process's
// time zone. (fmt 9 formats a system_clock time_point in local time and drops subseconds.)
std::string utc_timestamp(std::chrono::system_clock::time_point time) {
  using namespace std::chrono;
  const auto micros = floor<microseconds>(time);
  const auto day = floor<days>(micros);
  const year_month_day date(day);
  const hh_mm_ss time_of_day(micros - day);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                     time_of_day.hours().count(), time_of_day.minutes().count(),
                     time_of_day.seconds().count(), time_of_day.subseconds().count());
}

bool is_standard_key(std::string_view key) {
  return key == "level" || key == "name" || key == "timestamp" || key == "message";
}

std::mutex sink_mutex;
std::shared_ptr<const Sink> current_sink;  // null: stderr

}  // namespace

namespace detail {
std::atomic<int> current_level{level_from_environment()};
}

void set_level(LogLevel level) noexcept {
  detail::current_level.store(static_cast<int>(level), std::memory_order_relaxed);
}

LogLevel level() noexcept {
  return static_cast<LogLevel>(detail::current_level.load(std::memory_order_relaxed));
}

void set_sink(Sink sink) {
  auto next = sink ? std::make_shared<const Sink>(std::move(sink)) : nullptr;
  const std::lock_guard lock(sink_mutex);
  current_sink = std::move(next);
}

void write(LogLevel level, std::string name, std::string message, nlohmann::json fields) {
  if (!enabled(level)) return;
  const Record record{level, std::move(name), std::chrono::system_clock::now(), std::move(message),
                      std::move(fields)};
  std::shared_ptr<const Sink> sink;
  {
    const std::lock_guard lock(sink_mutex);
    sink = current_sink;
  }
  if (sink) {
    (*sink)(record);
  } else {
    write_to_stderr(record);
  }
}

std::string to_json_line(const Record& record) {
  nlohmann::json line = {
      {"level", level_name(record.level)},
      {"name", record.name},
      {"timestamp", utc_timestamp(record.time)},
      {"message", record.message},
  };
  if (record.fields.is_object()) {
    // A field never replaces a standard key; one of the same name is kept as "field_<key>".
    for (const auto& [key, value] : record.fields.items()) {
      line[is_standard_key(key) ? "field_" + key : key] = value;
    }
  }
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string_view level_name(LogLevel level) noexcept {
  switch (level) {
    case LogLevel::debug:
      return "DEBUG";
    case LogLevel::info:
      return "INFO";
    case LogLevel::warning:
      return "WARNING";
    case LogLevel::error:
      return "ERROR";
  }
  return "UNKNOWN";
}

}  // namespace iceaxe::logging
