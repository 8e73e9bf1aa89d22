#pragma once

// What every workload shares: the server (DATABASE_URL or the PG* variables), the tables
// (bench/schema.sql), the models iceaxe reads them into, the plain structs the raw-libpq
// baselines fill, and the small helpers those baselines use to speak the binary format.

#include <benchmark/benchmark.h>
#include <libpq-fe.h>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "iceaxe/iceaxe.hpp"

namespace bench {

using Timestamp = std::chrono::sys_time<std::chrono::microseconds>;

struct Office : iceaxe::TableBase {
  static constexpr std::string_view table_name = "bench_office";
  std::optional<std::int64_t> id;
  std::string name;
  std::string city;
};

struct Employee : iceaxe::TableBase {
  static constexpr std::string_view table_name = "bench_employee";
  std::optional<std::int64_t> id;
  std::string name;
  std::int32_t age = 0;
  double salary = 0;
  Timestamp created_at;
  std::int64_t office_id = 0;
};

// bench_write and bench_upsert rows (bench_upsert's name is unique).
struct Written : iceaxe::TableBase {
  static constexpr std::string_view table_name = "bench_write";
  std::optional<std::int64_t> id;
  std::string name;
  std::int32_t age = 0;
  double salary = 0;
  Timestamp created_at;
};
struct Upserted : iceaxe::TableBase {
  static constexpr std::string_view table_name = "bench_upsert";
  std::optional<std::int64_t> id;
  std::string name;
  std::int32_t age = 0;
  double salary = 0;
  Timestamp created_at;
};
ICEAXE_TABLE(Office, (id, {.primary_key = true}), name, city)
ICEAXE_TABLE(Employee, (id, {.primary_key = true}), name, age, salary, created_at,
             (office_id, {.foreign_key = "bench_office.id"}))
ICEAXE_TABLE(Written, (id, {.primary_key = true}), name, age, salary, created_at)
ICEAXE_TABLE(Upserted, (id, {.primary_key = true}), (name, {.unique = true}), age, salary,
             created_at)

// The raw baselines' rows: plain structs, no change state.
struct RawOffice {
  std::int64_t id;
  std::string name;
  std::string city;
};
struct RawEmployee {
  std::int64_t id;
  std::string name;
  std::int32_t age;
  double salary;
  Timestamp created_at;
  std::int64_t office_id;
};

constexpr std::int64_t employee_rows = 100000;

// Sizes and iteration counts: the full run, or one tiny iteration each (--smoke, for CI).
struct Scale {
  bool smoke = false;
  std::int64_t size(std::int64_t full) const {
    return smoke ? std::min<std::int64_t>(full, 10) : full;
  }
  benchmark::IterationCount iterations(benchmark::IterationCount full) const {
    return smoke ? 1 : full;
  }
};

std::string dsn();
// The one connection both sides of every workload use, so that both talk to the same server
// process: two connections of one program ran the same statement up to 25% apart
// (bench/README.md), a difference a ratio over two connections would carry.
iceaxe::DBConnection& shared_connection();
// Creates the tables afresh (once per process).
void create_schema();

// The i-th generated row, as bench/schema.sql and asyncpg_bench.py make them.
std::string row_name(std::int64_t i);
Timestamp row_time(std::int64_t i);
std::vector<Written> written_rows(std::int64_t first, std::int64_t count);

// ---- raw libpq

// The shared connection's PGconn, in blocking mode (as a plain libpq program has it) while
// this object lives.
class RawConnection {
 public:
  RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;
  ~RawConnection() { PQsetnonblocking(conn_, 1); }
  PGconn* get() const noexcept { return conn_; }

  // Prepares the statement unless this process already did under that name.
  void prepare(const char* name, const char* sql, std::vector<Oid> types);
  // Runs a prepared statement with binary parameters and results; throws unless `expected`.
  PGresult* exec(const char* name, const std::vector<std::string_view>& params,
                 ExecStatusType expected);
  void run(const char* sql);  // a statement without parameters

 private:
  PGconn* conn_;
};

inline std::int64_t be64(const char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return static_cast<std::int64_t>(__builtin_bswap64(v));
}
inline std::int32_t be32(const char* p) {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return static_cast<std::int32_t>(__builtin_bswap32(v));
}
inline double be_double(const char* p) {
  const auto bits = static_cast<std::uint64_t>(be64(p));
  double d;
  std::memcpy(&d, &bits, 8);
  return d;
}
constexpr std::int64_t pg_epoch_us = 946684800000000LL;  // 2000-01-01 in Unix microseconds
inline Timestamp be_time(const char* p) {
  return Timestamp(std::chrono::microseconds(be64(p) + pg_epoch_us));
}

inline void put32(std::string& out, std::uint32_t v) {
  v = __builtin_bswap32(v);
  out.append(reinterpret_cast<const char*>(&v), 4);
}
inline void put64(std::string& out, std::uint64_t v) {
  v = __builtin_bswap64(v);
  out.append(reinterpret_cast<const char*>(&v), 8);
}
inline void put_double(std::string& out, double d) {
  std::uint64_t bits;
  std::memcpy(&bits, &d, 8);
  put64(out, bits);
}

// A one-dimensional binary array of n elements without NULLs; element(out, i) appends
// element i (its length, then its bytes).
template <class F>
std::string binary_array(Oid element_type, std::size_t n, F&& element) {
  std::string out;
  put32(out, 1);  // dimensions
  put32(out, 0);  // no NULLs
  put32(out, element_type);
  put32(out, static_cast<std::uint32_t>(n));
  put32(out, 1);  // lower bound
  for (std::size_t i = 0; i < n; ++i) element(out, i);
  return out;
}

// Element writers for binary_array.
inline void element_int8(std::string& out, std::int64_t v) {
  put32(out, 8);
  put64(out, static_cast<std::uint64_t>(v));
}
inline void element_int4(std::string& out, std::int32_t v) {
  put32(out, 4);
  put32(out, static_cast<std::uint32_t>(v));
}
inline void element_float8(std::string& out, double v) {
  put32(out, 8);
  put_double(out, v);
}
inline void element_text(std::string& out, const std::string& v) {
  put32(out, static_cast<std::uint32_t>(v.size()));
  out += v;
}
inline void element_time(std::string& out, Timestamp v) {
  put32(out, 8);
  put64(out, static_cast<std::uint64_t>(v.time_since_epoch().count() - pg_epoch_us));
}

// ---- registration

// Registers one workload's two sides, `<name>/raw/<rows>` and `<name>/iceaxe/<rows>`, at
// each size with its iteration count; timed in wall-clock time.
using Workload = void (*)(benchmark::State&);
struct Size {
  std::int64_t rows;
  benchmark::IterationCount iterations;
};
void register_pair(const Scale& scale, const char* name, Workload raw, Workload iceaxe,
                   std::vector<Size> sizes);

void register_reads(const Scale& scale);
void register_writes(const Scale& scale);

}  // namespace bench
