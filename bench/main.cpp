// iceaxe_bench: every workload of bench/README.md, raw libpq and iceaxe in the same run
// against the same server, ending with a table of iceaxe/raw ratios.
//
//   pg_virtualenv -t build/release/bench/iceaxe_bench [--smoke] [benchmark flags]
//
// --smoke runs each workload once at a tiny size (CI: it works, not how fast it is).

#include <malloc.h>

#include <cstring>
#include <vector>

#include "ratio_reporter.hpp"
#include "support.hpp"

int main(int argc, char** argv) {
  // glibc raises its mmap and trim thresholds the first time a large block is freed; from
  // then on loads reuse the heap instead of faulting their memory in again. When that
  // happened depended on what ran before in the process, so in one run of interleaved
  // repetitions some of a side's loads took 0 page faults and others 7,500 (W2 at 100k
  // rows: 21 against 35 ms of CPU), and pinning the thresholds at their initial values
  // still left the heap's layout, and so the faults, to chance. Both sides are measured in
  // the state a long-running process reaches: thresholds at glibc's ceiling, memory kept.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  bench::Scale scale;
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    if (std::strcmp(argv[i], "--smoke") == 0) {
      scale.smoke = true;
    } else {
      args.push_back(argv[i]);
    }
  }
  int count = static_cast<int>(args.size());
  benchmark::Initialize(&count, args.data());
  if (benchmark::ReportUnrecognizedArguments(count, args.data())) return 1;
  bench::register_reads(scale);
  bench::register_writes(scale);
  bench::RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
