#pragma once

// Time values PostgreSQL has and std::chrono does not: a time of day that may be 24:00:00,
// and an interval whose months and days are not fixed lengths of time.

#include <chrono>
#include <compare>
#include <cstdint>

namespace iceaxe {

// PostgreSQL `time`: microseconds since midnight, 00:00:00 to 24:00:00 inclusive.
struct TimeOfDay {
  std::chrono::microseconds since_midnight{0};

  constexpr bool ok() const noexcept {
    return since_midnight >= std::chrono::microseconds::zero() &&
           since_midnight <= std::chrono::hours(24);
  }
  friend constexpr auto operator<=>(const TimeOfDay&, const TimeOfDay&) noexcept = default;
};

// PostgreSQL `interval`: months, days and microseconds, kept apart as the server keeps
// them (a month is not a fixed number of days, nor a day of hours across DST changes).
struct Interval {
  std::int32_t months = 0;
  std::int32_t days = 0;
  std::int64_t microseconds = 0;

  friend constexpr bool operator==(const Interval&, const Interval&) noexcept = default;
};

}  // namespace iceaxe
