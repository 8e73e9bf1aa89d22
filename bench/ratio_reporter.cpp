#include "ratio_reporter.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <string>

namespace bench {
namespace {

std::string counter(const std::map<std::string, double>& counters, const char* name,
                    const char* format) {
  const auto it = counters.find(name);
  return it == counters.end() ? "-" : fmt::format(fmt::runtime(format), it->second);
}

}  // namespace

double RatioReporter::Side::median_seconds() const {
  if (median) return *median;
  std::vector<double> sorted = seconds;
  std::sort(sorted.begin(), sorted.end());
  const std::size_t n = sorted.size();
  return n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

double RatioReporter::Side::fastest_seconds() const {
  return fastest ? *fastest : *std::min_element(seconds.begin(), seconds.end());
}

void RatioReporter::ReportRuns(const std::vector<Run>& runs) {
  ConsoleReporter::ReportRuns(runs);
  for (const Run& run : runs) {
    // Each repetition, or only their median and fastest when the console shows aggregates
    // only.
    const bool aggregate = run.run_type == Run::RT_Aggregate &&
                           (run.aggregate_name == "median" || run.aggregate_name == "min");
    if ((run.run_type != Run::RT_Iteration && !aggregate) || run.error_occurred) continue;
    // "W2_select/raw/1000/iterations:500/real_time[_median]" -> "W2_select/1000", side "raw"
    const std::string name = run.run_name.str();
    const std::size_t first = name.find('/');
    const std::size_t second = name.find('/', first + 1);
    const std::size_t third = name.find('/', second + 1);
    if (first == std::string::npos || second == std::string::npos) continue;
    const std::string side = name.substr(first + 1, second - first - 1);
    const std::string key =
        name.substr(0, first) + "/" + name.substr(second + 1, third - second - 1);
    auto it = std::find_if(pairs_.begin(), pairs_.end(),
                           [&](const auto& pair) { return pair.first == key; });
    if (it == pairs_.end()) it = pairs_.insert(pairs_.end(), {key, {}});
    Side& measured = it->second[side];
    const double seconds =
        run.GetAdjustedRealTime() / benchmark::GetTimeUnitMultiplier(run.time_unit);
    if (!aggregate) {
      measured.seconds.push_back(seconds);
    } else if (run.aggregate_name == "median") {
      measured.median = seconds;
    } else {
      measured.fastest = seconds;
    }
    for (const auto& [counter_name, value] : run.counters) measured.counters[counter_name] = value;
  }
}

void RatioReporter::Finalize() {
  ConsoleReporter::Finalize();
  // By workload, then by size.
  std::sort(pairs_.begin(), pairs_.end(), [](const auto& a, const auto& b) {
    const std::size_t sa = a.first.find('/'), sb = b.first.find('/');
    const auto workload_a = a.first.substr(0, sa), workload_b = b.first.substr(0, sb);
    if (workload_a != workload_b) return workload_a < workload_b;
    return std::stoll(a.first.substr(sa + 1)) < std::stoll(b.first.substr(sb + 1));
  });
  std::FILE* out = stdout;
  fmt::print(
      out,
      "\n| workload/rows | raw libpq | iceaxe | iceaxe / raw | fastest / fastest | allocs/row "
      "raw | allocs/row iceaxe | peak MB raw | peak MB iceaxe |\n");
  fmt::print(out, "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  for (const auto& [key, sides] : pairs_) {
    const auto raw = sides.find("raw"), iceaxe = sides.find("iceaxe");
    if (raw == sides.end() || iceaxe == sides.end()) continue;
    const double raw_s = raw->second.median_seconds(), iceaxe_s = iceaxe->second.median_seconds();
    fmt::print(out, "| {} | {:.3f} ms | {:.3f} ms | **{:.2f}** | {:.2f} | {} | {} | {} | {} |\n",
               key, raw_s * 1e3, iceaxe_s * 1e3, iceaxe_s / raw_s,
               iceaxe->second.fastest_seconds() / raw->second.fastest_seconds(),
               counter(raw->second.counters, "allocs/row", "{:.2f}"),
               counter(iceaxe->second.counters, "allocs/row", "{:.2f}"),
               counter(raw->second.counters, "peak_MB", "{:.1f}"),
               counter(iceaxe->second.counters, "peak_MB", "{:.1f}"));
  }
  std::fflush(out);
}

}  // namespace bench
