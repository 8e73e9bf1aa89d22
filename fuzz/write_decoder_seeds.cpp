// Writes decoders_fuzzer's seed corpus from decoder_cases.hpp: each seed as the case's index
// byte then the value, in a file named `<index>-<case>-<n>` ("07-float4-2"). Files of the same
// name are replaced, others left alone (empty the directory first after removing cases).
//   build/fuzz/fuzz/write_decoder_seeds fuzz/corpus/decoders

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "decoder_cases.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s <directory>\n", argv[0]);
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  std::filesystem::create_directories(dir);
  int written = 0;
  bool failed = false;
  iceaxe_fuzz::for_each_decoder_case([&](std::size_t index, const auto& c) {
    // "int8[] with NULLs" -> "int8-array-with-nulls"
    std::string slug;
    for (const char ch : c.name) {
      if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
        slug += ch;
      } else if (ch >= 'A' && ch <= 'Z') {
        slug += static_cast<char>(ch - 'A' + 'a');
      } else if (ch == '[') {
        slug += "-array";
      } else if (ch != ']' && !slug.empty() && slug.back() != '-') {
        slug += '-';
      }
    }
    for (std::size_t n = 0; n < c.seeds.size(); ++n) {
      std::ofstream out(dir / fmt::format("{:02}-{}-{}", index, slug, n), std::ios::binary);
      out.put(static_cast<char>(index));
      out << c.seeds[n];
      if (!out.flush()) {
        failed = true;
        return;
      }
      ++written;
    }
  });
  if (failed) {
    std::fprintf(stderr, "cannot write into %s\n", dir.c_str());
    return 1;
  }
  std::printf("%d seeds for %zu cases in %s\n", written, iceaxe_fuzz::decoder_case_count,
              dir.c_str());
  return 0;
}
