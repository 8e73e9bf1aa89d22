#pragma once

// Heap allocations and peak heap growth of one call, counted by interposing malloc for the
// whole process (so libpq's result buffers count too). Sanitizer builds, which interpose
// malloc themselves, count nothing: measure_heap then returns nullopt.

#include <sys/resource.h>

#include <cstdint>
#include <optional>

#include "support.hpp"

namespace bench {

struct HeapUse {
  std::int64_t allocations = 0;
  std::int64_t peak_bytes = 0;  // above the heap in use when the call began
};

bool heap_counting_available() noexcept;
void start_heap_counting() noexcept;
HeapUse stop_heap_counting() noexcept;

template <class F>
std::optional<HeapUse> measure_heap(F&& call) {
  if (!heap_counting_available()) return std::nullopt;
  start_heap_counting();
  call();
  return stop_heap_counting();
}

// The process's minor page faults so far.
inline std::int64_t page_faults() noexcept {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_minflt;
}

// Runs `call` once more with counting on and reports per-row allocations, the peak and the
// page faults of that run as the benchmark's counters `allocs/row`, `peak_MB` and `faults`
// (how many depends on what the process freed before: malloc's thresholds move with it).
template <class F>
void report_heap(benchmark::State& state, std::int64_t rows, F&& call) {
  const std::int64_t faults_before = page_faults();
  const std::optional<HeapUse> use = measure_heap(call);
  state.counters["faults"] = static_cast<double>(page_faults() - faults_before);
  if (use) {
    state.counters["allocs/row"] =
        static_cast<double>(use->allocations) / static_cast<double>(rows);
    state.counters["peak_MB"] = static_cast<double>(use->peak_bytes) / 1e6;
  }
}

}  // namespace bench
