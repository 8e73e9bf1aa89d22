// Driver-, model- and DBConnection-level workloads, each beside its hand-written raw-libpq
// baseline in the same run.
// Run against a throwaway cluster: pg_virtualenv -t build/bench/bench/iceaxe_bench
// The iceaxe/raw ratio of each pair is the figure that matters.

#include <benchmark/benchmark.h>
#include <libpq-fe.h>

#include <arpa/inet.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "iceaxe/iceaxe.hpp"

namespace {

using namespace iceaxe;

struct Employee {
  std::int64_t id;
  std::string name;
  std::int32_t age;
  double salary;
  std::chrono::sys_time<std::chrono::microseconds> created_at;
};

// The same row as a model: decoded with its types checked once per result, and
// fingerprinted for its change state.
struct EmployeeModel : TableBase {
  static constexpr std::string_view table_name = "bench_employee";
  std::optional<std::int64_t> id;
  std::string name;
  std::int32_t age = 0;
  double salary = 0;
  std::chrono::sys_time<std::chrono::microseconds> created_at;
};
ICEAXE_TABLE(EmployeeModel, (id, {.primary_key = true}), name, age, salary, created_at)

constexpr int table_rows = 100000;

std::string dsn() {
  const char* url = std::getenv("DATABASE_URL");
  return url ? url : "";
}

void setup_once() {
  static bool done = false;
  if (done) return;
  pg::Connection conn = pg::connect(dsn());
  conn.execute(
      "DROP TABLE IF EXISTS bench_employee;"
      "CREATE TABLE bench_employee (id bigserial PRIMARY KEY, name text NOT NULL,"
      " age int NOT NULL, salary float8 NOT NULL, created_at timestamptz NOT NULL);"
      "INSERT INTO bench_employee (name, age, salary, created_at)"
      " SELECT 'employee ' || g, 20 + g % 50, g * 1.5, now() - g * interval '1 minute'"
      " FROM generate_series(1, 100000) g;"
      "ANALYZE bench_employee");
  done = true;
}

PGconn* raw_connect() {
  PGconn* conn = PQconnectdb(dsn().c_str());
  if (PQstatus(conn) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(conn));
  return conn;
}

void raw_prepare(PGconn* conn, const char* name, const char* sql, int nparams, const Oid* types) {
  PGresult* r = PQprepare(conn, name, sql, nparams, types);
  if (PQresultStatus(r) != PGRES_COMMAND_OK) throw std::runtime_error(PQerrorMessage(conn));
  PQclear(r);
}

std::int64_t be64(const char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return static_cast<std::int64_t>(__builtin_bswap64(v));
}
std::int32_t be32(const char* p) {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return static_cast<std::int32_t>(__builtin_bswap32(v));
}

Employee raw_decode(const PGresult* r, int row) {
  Employee e;
  e.id = be64(PQgetvalue(r, row, 0));
  e.name.assign(PQgetvalue(r, row, 1), PQgetlength(r, row, 1));
  e.age = be32(PQgetvalue(r, row, 2));
  const std::uint64_t bits = static_cast<std::uint64_t>(be64(PQgetvalue(r, row, 3)));
  std::memcpy(&e.salary, &bits, 8);
  e.created_at = std::chrono::sys_time<std::chrono::microseconds>(
      std::chrono::microseconds(be64(PQgetvalue(r, row, 4)) + 946684800000000LL));
  return e;
}

Employee iceaxe_decode(const pg::Row& row) {
  return Employee{row.get<std::int64_t>(0), row.get<std::string>(1), row.get<std::int32_t>(2),
                  row.get<double>(3), row.get<std::chrono::sys_time<std::chrono::microseconds>>(4)};
}

constexpr const char* by_id_sql =
    "SELECT id, name, age, salary, created_at FROM bench_employee WHERE id = $1";
constexpr const char* limit_sql =
    "SELECT id, name, age, salary, created_at FROM bench_employee LIMIT $1";

// W1 (driver level): one row by primary key, one round trip each.
void BM_GetByPk_Raw(benchmark::State& state) {
  setup_once();
  PGconn* conn = raw_connect();
  const Oid types[] = {20};
  raw_prepare(conn, "by_id", by_id_sql, 1, types);
  std::int64_t id = 1;
  for (auto _ : state) {
    const std::uint64_t be = __builtin_bswap64(static_cast<std::uint64_t>(id));
    const char* values[] = {reinterpret_cast<const char*>(&be)};
    const int lengths[] = {8}, formats[] = {1};
    PGresult* r = PQexecPrepared(conn, "by_id", 1, values, lengths, formats, 1);
    if (PQntuples(r) != 1) throw std::runtime_error("no row");
    benchmark::DoNotOptimize(raw_decode(r, 0));
    PQclear(r);
    id = id % table_rows + 1;
  }
  PQfinish(conn);
}
BENCHMARK(BM_GetByPk_Raw)->Iterations(20000)->Unit(benchmark::kMicrosecond);

void BM_GetByPk_Iceaxe(benchmark::State& state) {
  setup_once();
  pg::Connection conn = pg::connect(dsn());
  std::int64_t id = 1;
  for (auto _ : state) {
    const pg::Result r = conn.fetch(by_id_sql, id);
    if (r.size() != 1) throw std::runtime_error("no row");
    benchmark::DoNotOptimize(iceaxe_decode(r.front()));
    id = id % table_rows + 1;
  }
}
BENCHMARK(BM_GetByPk_Iceaxe)->Iterations(20000)->Unit(benchmark::kMicrosecond);

// W2 (driver level): N rows into std::vector<Employee>.
void BM_SelectRows_Raw(benchmark::State& state) {
  setup_once();
  PGconn* conn = raw_connect();
  const Oid types[] = {20};
  raw_prepare(conn, "limit", limit_sql, 1, types);
  const std::uint64_t be = __builtin_bswap64(static_cast<std::uint64_t>(state.range(0)));
  for (auto _ : state) {
    const char* values[] = {reinterpret_cast<const char*>(&be)};
    const int lengths[] = {8}, formats[] = {1};
    PGresult* r = PQexecPrepared(conn, "limit", 1, values, lengths, formats, 1);
    std::vector<Employee> out;
    out.reserve(static_cast<std::size_t>(PQntuples(r)));
    for (int i = 0, n = PQntuples(r); i < n; ++i) out.push_back(raw_decode(r, i));
    PQclear(r);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  PQfinish(conn);
}
BENCHMARK(BM_SelectRows_Raw)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);

void BM_SelectRows_Iceaxe(benchmark::State& state) {
  setup_once();
  pg::Connection conn = pg::connect(dsn());
  for (auto _ : state) {
    const pg::Result r = conn.fetch(limit_sql, static_cast<std::int64_t>(state.range(0)));
    std::vector<Employee> out;
    out.reserve(static_cast<std::size_t>(r.size()));
    for (const pg::Row row : r) out.push_back(iceaxe_decode(row));
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_SelectRows_Iceaxe)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);

// W2 at model level: N rows into std::vector<EmployeeModel> (snapshots included).
void BM_SelectModels_Iceaxe(benchmark::State& state) {
  setup_once();
  pg::Connection conn = pg::connect(dsn());
  for (auto _ : state) {
    const pg::Result r = conn.fetch(limit_sql, static_cast<std::int64_t>(state.range(0)));
    std::vector<EmployeeModel> out = iceaxe::detail::read_models<EmployeeModel>(r);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_SelectModels_Iceaxe)
    ->Arg(1000)
    ->Arg(10000)
    ->Arg(100000)
    ->Unit(benchmark::kMillisecond);

// Client-side cost alone: decoding one fetched 100k-row result, raw vs models.
pg::Result fetch_all_rows(pg::Connection& conn) {
  return conn.fetch(limit_sql, static_cast<std::int64_t>(table_rows));
}

void BM_DecodeRows_Raw(benchmark::State& state) {
  setup_once();
  pg::Connection conn = pg::connect(dsn());
  const pg::Result result = fetch_all_rows(conn);
  const PGresult* r = result.native_handle();
  for (auto _ : state) {
    std::vector<Employee> out;
    out.reserve(static_cast<std::size_t>(PQntuples(r)));
    for (int i = 0, n = PQntuples(r); i < n; ++i) out.push_back(raw_decode(r, i));
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * table_rows);
}
BENCHMARK(BM_DecodeRows_Raw)->Unit(benchmark::kMillisecond);

void BM_DecodeRows_Models(benchmark::State& state) {
  setup_once();
  pg::Connection conn = pg::connect(dsn());
  const pg::Result result = fetch_all_rows(conn);
  for (auto _ : state) {
    std::vector<EmployeeModel> out = iceaxe::detail::read_models<EmployeeModel>(result);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * table_rows);
}
BENCHMARK(BM_DecodeRows_Models)->Unit(benchmark::kMillisecond);

// ---- DBConnection writes (W5, W6): the rows travel as binary arrays through unnest, and the
// raw baseline builds the same arrays by hand.

void put32(std::string& out, std::uint32_t v) {
  v = __builtin_bswap32(v);
  out.append(reinterpret_cast<const char*>(&v), 4);
}
void put64(std::string& out, std::uint64_t v) {
  v = __builtin_bswap64(v);
  out.append(reinterpret_cast<const char*>(&v), 8);
}

// A one-dimensional binary array of n elements; `element(out, i)` appends element i's bytes
// after its length.
template <class F>
std::string raw_array(Oid element_type, std::size_t n, F&& element) {
  std::string out;
  put32(out, 1);  // dimensions
  put32(out, 0);  // no NULLs
  put32(out, element_type);
  put32(out, static_cast<std::uint32_t>(n));
  put32(out, 1);  // lower bound
  for (std::size_t i = 0; i < n; ++i) element(out, i);
  return out;
}

constexpr std::int64_t pg_epoch_us = 946684800000000LL;

void setup_write_table() {
  pg::Connection conn = pg::connect(dsn());
  conn.execute(
      "DROP TABLE IF EXISTS bench_write;"
      "CREATE TABLE bench_write (id bigserial PRIMARY KEY, name text NOT NULL,"
      " age int NOT NULL, salary float8 NOT NULL, created_at timestamptz NOT NULL)");
}

struct WriteModel : TableBase {
  static constexpr std::string_view table_name = "bench_write";
  std::optional<std::int64_t> id;
  std::string name;
  std::int32_t age = 0;
  double salary = 0;
  std::chrono::sys_time<std::chrono::microseconds> created_at;
};
ICEAXE_TABLE(WriteModel, (id, {.primary_key = true}), name, age, salary, created_at)

std::vector<Employee> plain_rows(std::int64_t n) {
  std::vector<Employee> out;
  const auto now =
      std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
  for (std::int64_t i = 0; i < n; ++i) {
    out.push_back({0, "employee " + std::to_string(i), static_cast<std::int32_t>(20 + i % 50),
                   i * 1.5, now - std::chrono::minutes(i)});
  }
  return out;
}

std::vector<WriteModel> model_rows(std::int64_t n) {
  std::vector<WriteModel> out;
  for (const Employee& e : plain_rows(n)) {
    WriteModel m;
    m.name = e.name;
    m.age = e.age;
    m.salary = e.salary;
    m.created_at = e.created_at;
    out.push_back(std::move(m));
  }
  return out;
}

void raw_check(PGconn* conn, PGresult* r, ExecStatusType expected) {
  if (PQresultStatus(r) != expected) {
    const std::string message = PQerrorMessage(conn);
    PQclear(r);
    throw std::runtime_error(message);
  }
}

// Raw W5: INSERT ... SELECT * FROM unnest(binary arrays) RETURNING id, ids read back.
void raw_insert(PGconn* conn, std::vector<Employee>& rows) {
  const std::size_t n = rows.size();
  const std::string names = raw_array(25, n, [&](std::string& out, std::size_t i) {
    put32(out, static_cast<std::uint32_t>(rows[i].name.size()));
    out += rows[i].name;
  });
  const std::string ages = raw_array(23, n, [&](std::string& out, std::size_t i) {
    put32(out, 4);
    put32(out, static_cast<std::uint32_t>(rows[i].age));
  });
  const std::string salaries = raw_array(701, n, [&](std::string& out, std::size_t i) {
    std::uint64_t bits;
    std::memcpy(&bits, &rows[i].salary, 8);
    put32(out, 8);
    put64(out, bits);
  });
  const std::string times = raw_array(1184, n, [&](std::string& out, std::size_t i) {
    put32(out, 8);
    put64(out,
          static_cast<std::uint64_t>(rows[i].created_at.time_since_epoch().count() - pg_epoch_us));
  });
  const char* values[] = {names.data(), ages.data(), salaries.data(), times.data()};
  const int lengths[] = {static_cast<int>(names.size()), static_cast<int>(ages.size()),
                         static_cast<int>(salaries.size()), static_cast<int>(times.size())};
  const int formats[] = {1, 1, 1, 1};
  PGresult* r = PQexecPrepared(conn, "insert", 4, values, lengths, formats, 1);
  raw_check(conn, r, PGRES_TUPLES_OK);
  for (int i = 0, count = PQntuples(r); i < count; ++i) rows[i].id = be64(PQgetvalue(r, i, 0));
  PQclear(r);
}

void raw_prepare_writes(PGconn* conn) {
  const Oid insert_types[] = {1009, 1007, 1022, 1185};
  raw_prepare(conn, "insert",
              "INSERT INTO bench_write (name, age, salary, created_at) SELECT * FROM "
              "unnest($1::text[], $2::int4[], $3::float8[], $4::timestamptz[]) RETURNING id",
              4, insert_types);
  const Oid update_types[] = {1016, 1007};
  raw_prepare(conn, "update",
              "UPDATE bench_write SET age = u.age FROM unnest($1::int8[], $2::int4[]) AS "
              "u(id, age) WHERE bench_write.id = u.id",
              2, update_types);
}

void truncate_write_table(benchmark::State& state) {
  state.PauseTiming();
  pg::connect(dsn()).execute("TRUNCATE bench_write");
  state.ResumeTiming();
}

// W5: insert N objects, ids returned.
void BM_Insert_Raw(benchmark::State& state) {
  setup_write_table();
  PGconn* conn = raw_connect();
  raw_prepare_writes(conn);
  const std::vector<Employee> source = plain_rows(state.range(0));
  for (auto _ : state) {
    truncate_write_table(state);
    std::vector<Employee> rows = source;
    raw_insert(conn, rows);
    benchmark::DoNotOptimize(rows.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  PQfinish(conn);
}
BENCHMARK(BM_Insert_Raw)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);

void BM_Insert_Iceaxe(benchmark::State& state) {
  setup_write_table();
  DBConnection db(pg::connect(dsn()));
  const std::vector<WriteModel> source = model_rows(state.range(0));
  for (auto _ : state) {
    truncate_write_table(state);
    std::vector<WriteModel> rows = source;
    db.insert(rows);
    benchmark::DoNotOptimize(rows.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Insert_Iceaxe)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);

// W6: update N objects, one changed field each, in one statement.
void BM_Update_Raw(benchmark::State& state) {
  setup_write_table();
  PGconn* conn = raw_connect();
  raw_prepare_writes(conn);
  std::vector<Employee> rows = plain_rows(state.range(0));
  raw_insert(conn, rows);
  for (auto _ : state) {
    for (Employee& e : rows) ++e.age;
    const std::string ids = raw_array(20, rows.size(), [&](std::string& out, std::size_t i) {
      put32(out, 8);
      put64(out, static_cast<std::uint64_t>(rows[i].id));
    });
    const std::string ages = raw_array(23, rows.size(), [&](std::string& out, std::size_t i) {
      put32(out, 4);
      put32(out, static_cast<std::uint32_t>(rows[i].age));
    });
    const char* values[] = {ids.data(), ages.data()};
    const int lengths[] = {static_cast<int>(ids.size()), static_cast<int>(ages.size())};
    const int formats[] = {1, 1};
    PGresult* r = PQexecPrepared(conn, "update", 2, values, lengths, formats, 1);
    raw_check(conn, r, PGRES_COMMAND_OK);
    PQclear(r);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  PQfinish(conn);
}
BENCHMARK(BM_Update_Raw)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

void BM_Update_Iceaxe(benchmark::State& state) {
  setup_write_table();
  DBConnection db(pg::connect(dsn()));
  std::vector<WriteModel> rows = model_rows(state.range(0));
  db.insert(rows);
  for (auto _ : state) {
    for (WriteModel& e : rows) ++e.age;
    db.update(rows);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Update_Iceaxe)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

// W1 through DBConnection: get<T>(pk), one round trip each.
void BM_Get_Iceaxe(benchmark::State& state) {
  setup_once();
  DBConnection db(pg::connect(dsn()));
  std::int64_t id = 1;
  for (auto _ : state) {
    benchmark::DoNotOptimize(db.get<EmployeeModel>(id));
    id = id % table_rows + 1;
  }
}
BENCHMARK(BM_Get_Iceaxe)->Iterations(20000)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
