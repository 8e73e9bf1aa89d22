#include "support/database.hpp"

#include <cstdlib>

namespace iceaxe::test {

std::string dsn() {
  const char* url = std::getenv("DATABASE_URL");
  return url ? url : "";
}

pg::Connection connect(const pg::ConnectOptions& options) {
  return pg::connect(dsn(), options);
}

}  // namespace iceaxe::test
