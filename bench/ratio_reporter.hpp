#pragma once

// The console output plus, at the end, one line per workload and size: raw libpq's time,
// iceaxe's, and their ratio (medians over repetitions), the ratio of the fastest repetitions
// (noise on a shared machine only adds time, so it shows the least disturbed pair), with
// heap counters where measured.
// Runs are paired by name: `<workload>/raw/<rows>` with `<workload>/iceaxe/<rows>`.

#include <benchmark/benchmark.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bench {

class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override;
  void Finalize() override;

 private:
  struct Side {
    std::vector<double> seconds;            // per iteration, one per repetition
    std::optional<double> median, fastest;  // when only aggregates are reported
    std::map<std::string, double> counters;
    double median_seconds() const;
    double fastest_seconds() const;
  };
  // workload/rows -> side ("raw", "iceaxe") -> measurements, in the order first seen
  std::vector<std::pair<std::string, std::map<std::string, Side>>> pairs_;
};

}  // namespace bench
