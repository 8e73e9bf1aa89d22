#include "iceaxe/pg/codec_time.hpp"

#include <fmt/format.h>

#include "pg/value_text.hpp"

namespace iceaxe::pg::detail {

namespace {
std::string ymd_text(const std::chrono::year_month_day& date) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}
}  // namespace

void throw_infinite(std::string_view type, bool positive, std::string_view cpp_type) {
  throw ValueError(fmt::format("{} value is {}infinity, which {} cannot hold", type,
                               positive ? "" : "-", cpp_type));
}

void throw_invalid_date(const std::chrono::year_month_day& date) {
  throw ValueError(
      fmt::format("invalid date {} (year, month or day out of range)", ymd_text(date)));
}

void throw_date_too_early(const std::chrono::year_month_day& date) {
  throw ValueError(fmt::format(
      "date {} is before 4714-11-24 BC (year -4713), the earliest date PostgreSQL holds",
      ymd_text(date)));
}

void throw_date_out_of_range(std::int32_t days) {
  throw ValueError(
      fmt::format("date {} is outside std::chrono::year_month_day's range (years -32767 to 32767)",
                  format_date(days + postgres_epoch_days)));
}

void throw_invalid_time(TimeOfDay time) {
  throw ValueError(
      fmt::format("time of day {} µs is outside 00:00:00 to 24:00:00, PostgreSQL's time range",
                  time.since_midnight.count()));
}

void throw_malformed_time(std::int64_t micros) {
  throw ValueError(fmt::format("malformed time value: {} µs since midnight", micros));
}

void throw_timestamp_too_early(std::string_view type, std::int64_t unix_micros) {
  throw ValueError(
      fmt::format("{} {} is before 4714-11-24 00:00:00 BC, the earliest PostgreSQL holds", type,
                  format_timestamp(unix_micros, 0, type == timestamptz_name)));
}

void throw_timestamp_out_of_range(std::string_view type, std::int64_t micros,
                                  std::string_view cpp_type) {
  throw ValueError(fmt::format(
      "{} {} is outside the range of {}", type,
      format_timestamp(micros, postgres_epoch_days, type == timestamptz_name), cpp_type));
}

void throw_interval_has_calendar_parts(const Interval& interval) {
  throw ValueError(fmt::format(
      "interval of {} months, {} days and {} µs has months or days, whose length depends on "
      "the calendar: std::chrono::microseconds cannot hold it (read it as iceaxe::Interval)",
      interval.months, interval.days, interval.microseconds));
}

}  // namespace iceaxe::pg::detail
