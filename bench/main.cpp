// iceaxe_bench: every workload of bench/README.md, raw libpq and iceaxe in the same run
// against the same server, ending with a table of iceaxe/raw ratios.
//
//   pg_virtualenv -t build/release/bench/iceaxe_bench [--smoke] [benchmark flags]
//
// --smoke runs each workload once at a tiny size (CI: it works, not how fast it is).

#include <cstring>
#include <vector>

#include "ratio_reporter.hpp"
#include "support.hpp"

int main(int argc, char** argv) {
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
