#include "support/database.hpp"

#include <charconv>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

namespace iceaxe::test {

std::string dsn() {
  const char* url = std::getenv("DATABASE_URL");
  return url ? url : "";
}

pg::Connection connect(const pg::ConnectOptions& options) {
  const char* cache = std::getenv("ICEAXE_TEST_STATEMENT_CACHE");
  if (cache == nullptr || *cache == '\0') return pg::connect(dsn(), options);
  pg::ConnectOptions changed = options;
  const std::string_view text(cache);
  const auto [end, error] =
      std::from_chars(text.data(), text.data() + text.size(), changed.statement_cache_size);
  if (error != std::errc() || end != text.data() + text.size()) {
    throw std::invalid_argument("ICEAXE_TEST_STATEMENT_CACHE=" + std::string(text) +
                                " is not a number of statements");
  }
  return pg::connect(dsn(), changed);
}

std::string schema(std::string per_test) {
  const char* shared = std::getenv("ICEAXE_TEST_SCHEMA");
  return shared && *shared ? shared : per_test;
}

}  // namespace iceaxe::test
