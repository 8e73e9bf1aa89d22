#pragma once

// Logging, the utility under every layer. Records go to one process-wide sink (by default
// one JSON object per line on stderr: level, name, timestamp, message, plus the record's
// fields). The level comes from ICEAXE_LOG_LEVEL (DEBUG, INFO, WARNING, ERROR; default
// WARNING) or set_level(). Checking enabled() first keeps disabled logging free.

#include <atomic>
#include <chrono>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

namespace iceaxe {

enum class LogLevel { debug = 10, info = 20, warning = 30, error = 40 };

namespace logging {

struct Record {
  LogLevel level;
  std::string name;  // the logger: "iceaxe.pg", "iceaxe.orm"...
  std::chrono::system_clock::time_point time;
  std::string message;
  nlohmann::json fields = nlohmann::json::object();  // sql, variables, duration_ms...
};

using Sink = std::function<void(const Record&)>;

namespace detail {
extern std::atomic<int> current_level;
}

inline bool enabled(LogLevel level) noexcept {
  return static_cast<int>(level) >= detail::current_level.load(std::memory_order_relaxed);
}
void set_level(LogLevel level) noexcept;
LogLevel level() noexcept;

// Replaces the sink (thread-safe); an empty function restores the default stderr sink.
void set_sink(Sink sink);

// Sends a record to the sink if its level is enabled.
void write(LogLevel level, std::string name, std::string message,
           nlohmann::json fields = nlohmann::json::object());

// The default sink's line for a record (no trailing newline).
std::string to_json_line(const Record& record);

std::string_view level_name(LogLevel level) noexcept;

}  // namespace logging
}  // namespace iceaxe
