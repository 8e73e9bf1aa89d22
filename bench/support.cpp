#include "support.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

namespace bench {

std::string dsn() {
  const char* url = std::getenv("DATABASE_URL");
  return url ? url : "";
}

void create_schema() {
  static bool done = false;
  if (done) return;
  std::ifstream file(ICEAXE_BENCH_SCHEMA);
  if (!file) throw std::runtime_error("cannot read " ICEAXE_BENCH_SCHEMA);
  std::stringstream sql;
  sql << file.rdbuf();
  // One statement at a time: VACUUM refuses to run inside a multi-statement string.
  for (const std::string& statement : iceaxe::migrations::split_sql(sql.str())) {
    shared_connection().conn().execute(statement);
  }
  done = true;
}

iceaxe::DBConnection& shared_connection() {
  static iceaxe::DBConnection conn(iceaxe::pg::connect(dsn()));
  return conn;
}

std::string row_name(std::int64_t i) {
  return fmt::format("employee number {}", i);
}

Timestamp row_time(std::int64_t i) {
  // 2024-01-01 00:00:00 UTC plus i seconds.
  return Timestamp(std::chrono::seconds(1704067200 + i));
}

std::vector<Written> written_rows(std::int64_t first, std::int64_t count) {
  std::vector<Written> out(static_cast<std::size_t>(count));
  for (std::int64_t i = 0; i < count; ++i) {
    Written& row = out[static_cast<std::size_t>(i)];
    row.name = row_name(first + i);
    row.age = static_cast<std::int32_t>(20 + (first + i) % 50);
    row.salary = static_cast<double>(first + i) * 1.5;
    row.created_at = row_time(first + i);
  }
  return out;
}

RawConnection::RawConnection() : conn_(shared_connection().conn().native_handle()) {
  if (PQsetnonblocking(conn_, 0) != 0) throw std::runtime_error(PQerrorMessage(conn_));
}

void RawConnection::prepare(const char* name, const char* sql, std::vector<Oid> types) {
  static std::set<std::string> prepared;
  if (!prepared.insert(name).second) return;
  PGresult* r = PQprepare(conn_, name, sql, static_cast<int>(types.size()), types.data());
  const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  PQclear(r);
  if (!ok) throw std::runtime_error(PQerrorMessage(conn_));
}

PGresult* RawConnection::exec(const char* name, const std::vector<std::string_view>& params,
                              ExecStatusType expected) {
  std::vector<const char*> values;
  std::vector<int> lengths, formats(params.size(), 1);
  for (std::string_view p : params) {
    values.push_back(p.data());
    lengths.push_back(static_cast<int>(p.size()));
  }
  PGresult* r = PQexecPrepared(conn_, name, static_cast<int>(params.size()), values.data(),
                               lengths.data(), formats.data(), 1);
  if (PQresultStatus(r) != expected) {
    PQclear(r);
    throw std::runtime_error(PQerrorMessage(conn_));
  }
  return r;
}

void RawConnection::run(const char* sql) {
  PGresult* r = PQexec(conn_, sql);
  const ExecStatusType status = PQresultStatus(r);
  PQclear(r);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    throw std::runtime_error(PQerrorMessage(conn_));
  }
}

void register_pair(const Scale& scale, const char* name, Workload raw, Workload iceaxe,
                   std::vector<Size> sizes) {
  for (const Size& size : sizes) {
    if (scale.smoke && &size != &sizes.front()) break;  // the smallest size only
    const std::int64_t rows = scale.size(size.rows);
    for (const auto& [side, fn] : {std::pair{"raw", raw}, std::pair{"iceaxe", iceaxe}}) {
      benchmark::RegisterBenchmark(fmt::format("{}/{}", name, side).c_str(), fn)
          ->Arg(rows)
          ->Iterations(scale.iterations(size.iterations))
          ->UseRealTime()
          ->Unit(benchmark::kMillisecond)
          ->ComputeStatistics("min", [](const std::vector<double>& times) {
            return *std::min_element(times.begin(), times.end());
          });
    }
  }
}

}  // namespace bench
