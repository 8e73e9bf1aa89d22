#include "iceaxe/query/functions.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <span>

#include <fmt/format.h>

namespace iceaxe {

namespace detail {

namespace {

// date_trunc's precisions, and the fields of date_part / extract (PostgreSQL 15).
constexpr std::array<std::string_view, 13> precisions = {
    "microseconds", "milliseconds", "second", "minute", "hour",    "day",       "week",
    "month",        "quarter",      "year",   "decade", "century", "millennium"};
constexpr std::array<std::string_view, 22> fields = {
    "century", "day",     "decade", "dow",          "doy",           "epoch",           "hour",
    "isodow",  "isoyear", "julian", "microseconds", "millennium",    "milliseconds",    "minute",
    "month",   "quarter", "second", "timezone",     "timezone_hour", "timezone_minute", "week",
    "year"};

}  // namespace

SqlText literal(std::string_view text) {
  return {string_literal(text)};
}

std::string_view date_field(std::string_view field, bool for_truncation) {
  const auto& names = for_truncation ? std::span<const std::string_view>(precisions)
                                     : std::span<const std::string_view>(fields);
  if (std::find(names.begin(), names.end(), field) == names.end()) {
    throw ValueError(fmt::format("'{}' is not a {} PostgreSQL knows", field,
                                 for_truncation ? "date_trunc precision" : "date field"));
  }
  return field;
}

SqlText number(double value) {
  if (!std::isfinite(value)) throw ValueError("a function argument must be a finite number");
  return {fmt::format("{}", value)};
}

}  // namespace detail

namespace func {

Expr<TsVector> setweight(const Expr<TsVector>& vector, std::string_view weight) {
  if (weight != "A" && weight != "B" && weight != "C" && weight != "D") {
    throw ValueError(fmt::format("setweight takes a weight A, B, C or D, not '{}'", weight));
  }
  return detail::call<TsVector>("setweight", vector, detail::literal(weight));
}

}  // namespace func
}  // namespace iceaxe
