// A user's program against an installed iceaxe: the umbrella header compiles, the library
// links (functions defined in it, libpq behind it) and its exceptions cross into user code.
// Needs no server.

#include <iceaxe/iceaxe.hpp>

#include <chrono>
#include <cstdio>
#include <exception>
#include <string>

int main() {
  const std::string quoted = iceaxe::pg::quote_identifier("a\"b");
  if (quoted != "\"a\"\"b\"") {
    std::fprintf(stderr, "quote_identifier gave %s\n", quoted.c_str());
    return 1;
  }

  // Nothing listens on port 1: connecting must fail with ConnectionFailure.
  iceaxe::pg::ConnectOptions options;
  options.connect_timeout = std::chrono::seconds(5);
  try {
    iceaxe::pg::connect("postgresql://nobody@127.0.0.1:1/none", options);
    std::fprintf(stderr, "connecting to 127.0.0.1:1 succeeded\n");
    return 1;
  } catch (const iceaxe::ConnectionFailure& e) {
    std::printf("expected ConnectionFailure (SQLSTATE %s)\n", e.sqlstate().c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "expected ConnectionFailure, got: %s\n", e.what());
    return 1;
  }

  std::printf("iceaxe %d.%d.%d consumer: ok\n", ICEAXE_VERSION_MAJOR, ICEAXE_VERSION_MINOR,
              ICEAXE_VERSION_PATCH);
  return 0;
}
