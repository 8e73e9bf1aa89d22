#pragma once

// The stress test's two databases: the test server's own (DATABASE_URL or the PG*
// variables), where the schema iceaxe_concurrency holds the tables of models.hpp, and a
// second one created beside it, so that the process-wide type cache is used with two DSNs
// at once. Creating them drops what an earlier run left; the destructor drops both.

#include <string>

#include "iceaxe/iceaxe.hpp"

namespace concurrency_test {

inline constexpr std::string_view schema = "iceaxe_concurrency";

class Databases {
 public:
  Databases();
  ~Databases();
  Databases(const Databases&) = delete;
  Databases& operator=(const Databases&) = delete;

  // A connection to the test server, search_path set to the schema.
  iceaxe::DBConnection connect(iceaxe::DBConnectionOptions options = {}) const;
  // A connection to the second database.
  iceaxe::DBConnection connect_other() const;

 private:
  iceaxe::pg::ConnectParams other_;  // the test server's parameters, with the other database
};

}  // namespace concurrency_test
