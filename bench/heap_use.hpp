#pragma once

// Heap allocations and peak heap growth of one call, counted by interposing malloc for the
// whole process (so libpq's result buffers count too). Sanitizer builds, which interpose
// malloc themselves, count nothing: measure_heap then returns nullopt.

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

// Runs `call` once more with counting on and reports per-row allocations and the peak as
// the benchmark's counters `allocs/row` and `peak_MB`.
template <class F>
void report_heap(benchmark::State& state, std::int64_t rows, F&& call) {
  if (const std::optional<HeapUse> use = measure_heap(call)) {
    state.counters["allocs/row"] =
        static_cast<double>(use->allocations) / static_cast<double>(rows);
    state.counters["peak_MB"] = static_cast<double>(use->peak_bytes) / 1e6;
  }
}

}  // namespace bench
