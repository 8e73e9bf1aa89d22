#pragma once

// Dates and times. PostgreSQL counts from 2000-01-01 (days for date, microseconds for the
// others), std::chrono from 1970-01-01. The server's ±infinity and values beyond either
// side's range are errors, never wrapped or clamped.

#include <chrono>

#include "iceaxe/pg/codec.hpp"
#include "iceaxe/types/time.hpp"

namespace iceaxe::pg {

namespace detail {
inline constexpr std::int64_t postgres_epoch_days = 10'957;  // 2000-01-01 - 1970-01-01
inline constexpr std::int64_t postgres_epoch_us = postgres_epoch_days * 86'400'000'000;
// PostgreSQL's first date and timestamp, counted from 2000-01-01: 4714-11-24 BC (proleptic
// Gregorian; its documentation says 4713-01-01 BC, in the Julian calendar).
inline constexpr std::int64_t min_date = -2'451'545;
inline constexpr std::int64_t min_timestamp = min_date * 86'400'000'000;

[[noreturn]] void throw_infinite(std::string_view type, bool positive, std::string_view cpp_type);
[[noreturn]] void throw_invalid_date(const std::chrono::year_month_day& date);
[[noreturn]] void throw_date_too_early(const std::chrono::year_month_day& date);
[[noreturn]] void throw_date_out_of_range(std::int32_t days);
[[noreturn]] void throw_invalid_time(TimeOfDay time);
[[noreturn]] void throw_malformed_time(std::int64_t micros);
[[noreturn]] void throw_timestamp_too_early(std::string_view type, std::int64_t unix_micros);
[[noreturn]] void throw_timestamp_out_of_range(std::string_view type, std::int64_t micros,
                                               std::string_view cpp_type);
[[noreturn]] void throw_interval_has_calendar_parts(const Interval& interval);

// Microseconds since 1970 -> since 2000, checked against PostgreSQL's range.
inline std::int64_t to_postgres_timestamp(std::int64_t unix_micros, std::string_view type) {
  // Only the lower limit can be crossed: int64 µs since 1970 end (in 294247) before
  // PostgreSQL's timestamps do (294276-12-31).
  if (unix_micros < min_timestamp + postgres_epoch_us) throw_timestamp_too_early(type, unix_micros);
  return unix_micros - postgres_epoch_us;
}

// A timestamp payload -> microseconds since 1970.
inline std::int64_t from_postgres_timestamp(std::string_view bytes, std::string_view type,
                                            std::string_view cpp_type) {
  check_length(bytes, 8, type);
  const auto micros = wire::get<std::int64_t>(bytes.data());
  if (micros == INT64_MAX || micros == INT64_MIN) throw_infinite(type, micros > 0, cpp_type);
  // Past INT64_MAX - epoch offset, a valid PostgreSQL timestamp has no int64 µs since 1970.
  if (micros < min_timestamp || micros > INT64_MAX - postgres_epoch_us) {
    throw_timestamp_out_of_range(type, micros, cpp_type);
  }
  return micros + postgres_epoch_us;
}

template <class TimePoint, Oid Type, Oid ArrayType, const char* Name, const char* CppName>
struct TimestampCodec {
  static constexpr Oid oid = Type;
  static constexpr Oid array_oid = ArrayType;
  static constexpr std::string_view name = Name;
  static bool accepts(Oid type) noexcept { return type == Type; }
  static void encode(const TimePoint& v, std::string& out) {
    wire::put<std::int64_t>(out, to_postgres_timestamp(v.time_since_epoch().count(), name));
  }
  static TimePoint decode(std::string_view bytes, Oid) {
    return TimePoint(std::chrono::microseconds(from_postgres_timestamp(bytes, name, CppName)));
  }
};

inline constexpr char timestamptz_name[] = "timestamp with time zone";
inline constexpr char timestamp_name[] = "timestamp without time zone";
inline constexpr char sys_time_name[] = "std::chrono::sys_time<std::chrono::microseconds>";
inline constexpr char local_time_name[] = "std::chrono::local_time<std::chrono::microseconds>";
}  // namespace detail

template <>
struct Codec<std::chrono::year_month_day> {
  static constexpr Oid oid = oid::date;
  static constexpr Oid array_oid = oid::date_array;
  static constexpr std::string_view name = "date";
  static bool accepts(Oid type) noexcept { return type == oid::date; }
  static void encode(const std::chrono::year_month_day& v, std::string& out) {
    if (!v.ok()) detail::throw_invalid_date(v);
    const std::int64_t days = std::chrono::sys_days(v).time_since_epoch().count();
    if (days - detail::postgres_epoch_days < detail::min_date) detail::throw_date_too_early(v);
    wire::put<std::int32_t>(out, static_cast<std::int32_t>(days - detail::postgres_epoch_days));
  }
  static std::chrono::year_month_day decode(std::string_view bytes, Oid) {
    using namespace std::chrono;
    detail::check_length(bytes, 4, name);
    const auto days = wire::get<std::int32_t>(bytes.data());
    if (days == INT32_MAX || days == INT32_MIN) {
      detail::throw_infinite(name, days > 0, "std::chrono::year_month_day");
    }
    constexpr std::int64_t first = sys_days(year::min() / January / 1).time_since_epoch().count();
    constexpr std::int64_t last = sys_days(year::max() / December / 31).time_since_epoch().count();
    const std::int64_t unix_days = days + detail::postgres_epoch_days;
    if (unix_days < first || unix_days > last) detail::throw_date_out_of_range(days);
    return year_month_day(sys_days(std::chrono::days(unix_days)));
  }
};

template <>
struct Codec<TimeOfDay> {
  static constexpr Oid oid = oid::time;
  static constexpr Oid array_oid = oid::time_array;
  static constexpr std::string_view name = "time without time zone";
  static bool accepts(Oid type) noexcept { return type == oid::time; }
  static void encode(const TimeOfDay& v, std::string& out) {
    if (!v.ok()) detail::throw_invalid_time(v);
    wire::put<std::int64_t>(out, v.since_midnight.count());
  }
  static TimeOfDay decode(std::string_view bytes, Oid) {
    detail::check_length(bytes, 8, name);
    const TimeOfDay time{std::chrono::microseconds(wire::get<std::int64_t>(bytes.data()))};
    if (!time.ok()) detail::throw_malformed_time(time.since_midnight.count());
    return time;
  }
};

template <>
struct Codec<std::chrono::sys_time<std::chrono::microseconds>>
    : detail::TimestampCodec<std::chrono::sys_time<std::chrono::microseconds>, oid::timestamptz,
                             oid::timestamptz_array, detail::timestamptz_name,
                             detail::sys_time_name> {};

template <>
struct Codec<std::chrono::local_time<std::chrono::microseconds>>
    : detail::TimestampCodec<std::chrono::local_time<std::chrono::microseconds>, oid::timestamp,
                             oid::timestamp_array, detail::timestamp_name,
                             detail::local_time_name> {};

// Wire order: microseconds, days, months.
template <>
struct Codec<Interval> {
  static constexpr Oid oid = oid::interval;
  static constexpr Oid array_oid = oid::interval_array;
  static constexpr std::string_view name = "interval";
  static bool accepts(Oid type) noexcept { return type == oid::interval; }
  static void encode(const Interval& v, std::string& out) {
    wire::put<std::int64_t>(out, v.microseconds);
    wire::put<std::int32_t>(out, v.days);
    wire::put<std::int32_t>(out, v.months);
  }
  static Interval decode(std::string_view bytes, Oid) {
    detail::check_length(bytes, 16, name);
    return Interval{.months = wire::get<std::int32_t>(bytes.data() + 12),
                    .days = wire::get<std::int32_t>(bytes.data() + 8),
                    .microseconds = wire::get<std::int64_t>(bytes.data())};
  }
};

// A plain duration is an interval of microseconds only: one with months or days (whose
// length depends on the calendar) does not read into it.
template <>
struct Codec<std::chrono::microseconds> {
  static constexpr Oid oid = oid::interval;
  static constexpr Oid array_oid = oid::interval_array;
  static constexpr std::string_view name = "interval";
  static bool accepts(Oid type) noexcept { return type == oid::interval; }
  static void encode(std::chrono::microseconds v, std::string& out) {
    Codec<Interval>::encode(Interval{.microseconds = v.count()}, out);
  }
  static std::chrono::microseconds decode(std::string_view bytes, Oid type) {
    const Interval interval = Codec<Interval>::decode(bytes, type);
    if (interval.months != 0 || interval.days != 0) {
      detail::throw_interval_has_calendar_parts(interval);
    }
    return std::chrono::microseconds(interval.microseconds);
  }
};

}  // namespace iceaxe::pg
