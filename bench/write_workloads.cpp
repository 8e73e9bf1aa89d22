// W5-W7 and W9: writing objects. The raw baselines send the same binary arrays (or COPY
// data) that iceaxe does, built by hand; the tables are reset outside the timed region.

#include "support.hpp"

namespace bench {
namespace {

using namespace iceaxe;
constexpr auto& U = columns<Upserted>;

// The four written columns as binary arrays, in bench_write's column order.
template <class Row>
std::vector<std::string> column_arrays(const std::vector<Row>& rows) {
  const std::size_t n = rows.size();
  return {
      binary_array(25, n,
                   [&](std::string& out, std::size_t i) { element_text(out, rows[i].name); }),
      binary_array(23, n, [&](std::string& out, std::size_t i) { element_int4(out, rows[i].age); }),
      binary_array(701, n,
                   [&](std::string& out, std::size_t i) { element_float8(out, rows[i].salary); }),
      binary_array(1184, n, [&](std::string& out, std::size_t i) {
        element_time(out, rows[i].created_at);
      })};
}

constexpr const char* unnest_source =
    "SELECT * FROM unnest($1::text[], $2::int4[], $3::float8[], $4::timestamptz[])";
const std::vector<Oid> column_array_types = {1009, 1007, 1022, 1185};

template <class Row>
void read_ids(const PGresult* r, std::vector<Row>& rows) {
  if (PQntuples(r) != static_cast<int>(rows.size())) throw std::runtime_error("ids missing");
  for (int i = 0, n = PQntuples(r); i < n; ++i)
    rows[static_cast<std::size_t>(i)].id = be64(PQgetvalue(r, i, 0));
}

template <class Row>
std::vector<std::string_view> views(const std::vector<Row>& strings) {
  return {strings.begin(), strings.end()};
}

// W5: insert N objects, their generated ids read back.
void insert_raw(benchmark::State& state) {
  create_schema();
  RawConnection conn;
  conn.prepare(
      "insert",
      fmt::format("INSERT INTO bench_write (name, age, salary, created_at) {} RETURNING id",
                  unnest_source)
          .c_str(),
      column_array_types);
  const std::vector<Written> source = written_rows(0, state.range(0));
  for (auto _ : state) {
    state.PauseTiming();
    conn.run("TRUNCATE bench_write");
    std::vector<Written> rows = source;
    state.ResumeTiming();
    const std::vector<std::string> arrays = column_arrays(rows);
    PGresult* r = conn.exec("insert", views(arrays), PGRES_TUPLES_OK);
    read_ids(r, rows);
    PQclear(r);
  }
}

void insert_iceaxe(benchmark::State& state) {
  create_schema();
  DBConnection& db = shared_connection();
  const std::vector<Written> source = written_rows(0, state.range(0));
  for (auto _ : state) {
    state.PauseTiming();
    db.conn().execute("TRUNCATE bench_write");
    std::vector<Written> rows = source;
    state.ResumeTiming();
    db.insert(rows);
  }
}

// W6: update N objects, one changed field each. Both sides start from the same N fresh rows.
std::vector<Written> fresh_write_table(DBConnection& db, std::int64_t n) {
  db.conn().execute("TRUNCATE bench_write");
  std::vector<Written> rows = written_rows(0, n);
  db.insert(rows);
  db.conn().execute("VACUUM ANALYZE bench_write");
  return rows;
}

void update_raw(benchmark::State& state) {
  create_schema();
  DBConnection& setup = shared_connection();
  std::vector<Written> rows = fresh_write_table(setup, state.range(0));
  RawConnection conn;
  conn.prepare("update",
               "UPDATE bench_write SET age = u.age FROM unnest($1::int8[], $2::int4[]) AS "
               "u(id, age) WHERE bench_write.id = u.id",
               {1016, 1007});
  for (auto _ : state) {
    for (Written& row : rows) ++row.age;
    const std::string ids = binary_array(
        20, rows.size(), [&](std::string& out, std::size_t i) { element_int8(out, *rows[i].id); });
    const std::string ages = binary_array(
        23, rows.size(), [&](std::string& out, std::size_t i) { element_int4(out, rows[i].age); });
    PQclear(conn.exec("update", {ids, ages}, PGRES_COMMAND_OK));
  }
}

void update_iceaxe(benchmark::State& state) {
  create_schema();
  DBConnection& db = shared_connection();
  std::vector<Written> rows = fresh_write_table(db, state.range(0));
  for (auto _ : state) {
    for (Written& row : rows) ++row.age;
    db.update(rows);
  }
}

// W7: upsert N objects of which half exist (same name), updating age and salary.
std::vector<Upserted> upsert_rows(std::int64_t n) {
  std::vector<Upserted> out;
  for (Written& row : written_rows(0, n)) {
    Upserted u;
    u.name = std::move(row.name);
    u.age = row.age + 1;
    u.salary = row.salary;
    u.created_at = row.created_at;
    out.push_back(std::move(u));
  }
  return out;
}

std::string half_upsert_table(std::int64_t n) {
  return fmt::format(
      "TRUNCATE bench_upsert; INSERT INTO bench_upsert (name, age, salary, created_at) "
      "SELECT 'employee number ' || g, 0, 0, now() FROM generate_series(0, {}) g",
      n / 2 - 1);
}

void upsert_raw(benchmark::State& state) {
  create_schema();
  RawConnection conn;
  conn.prepare(
      "upsert",
      fmt::format("INSERT INTO bench_upsert (name, age, salary, created_at) {} ON CONFLICT "
                  "(name) DO UPDATE SET age = EXCLUDED.age, salary = EXCLUDED.salary "
                  "RETURNING id",
                  unnest_source)
          .c_str(),
      column_array_types);
  const std::vector<Upserted> source = upsert_rows(state.range(0));
  const std::string reset = half_upsert_table(state.range(0));
  for (auto _ : state) {
    state.PauseTiming();
    conn.run(reset.c_str());
    std::vector<Upserted> rows = source;
    state.ResumeTiming();
    const std::vector<std::string> arrays = column_arrays(rows);
    PGresult* r = conn.exec("upsert", views(arrays), PGRES_TUPLES_OK);
    read_ids(r, rows);
    PQclear(r);
  }
}

void upsert_iceaxe(benchmark::State& state) {
  create_schema();
  DBConnection& db = shared_connection();
  const std::vector<Upserted> source = upsert_rows(state.range(0));
  const std::string reset = half_upsert_table(state.range(0));
  for (auto _ : state) {
    state.PauseTiming();
    db.conn().execute(reset);
    std::vector<Upserted> rows = source;
    state.ResumeTiming();
    db.upsert(rows, {.conflict_fields = {U.name}, .update_fields = {U.age, U.salary}});
  }
}

// W9: bulk load without ids through binary COPY.
void copy_raw(benchmark::State& state) {
  create_schema();
  RawConnection conn;
  const std::vector<Written> rows = written_rows(0, state.range(0));
  for (auto _ : state) {
    state.PauseTiming();
    conn.run("TRUNCATE bench_write");
    state.ResumeTiming();
    PGresult* r = PQexec(
        conn.get(), "COPY bench_write (name, age, salary, created_at) FROM STDIN (FORMAT binary)");
    if (PQresultStatus(r) != PGRES_COPY_IN) throw std::runtime_error(PQerrorMessage(conn.get()));
    PQclear(r);
    std::string data("PGCOPY\n\377\r\n\0", 11);
    put32(data, 0);
    put32(data, 0);
    const auto send = [&] {
      if (PQputCopyData(conn.get(), data.data(), static_cast<int>(data.size())) != 1)
        throw std::runtime_error(PQerrorMessage(conn.get()));
      data.clear();
    };
    for (const Written& row : rows) {
      data.append("\0\4", 2);  // four fields
      element_text(data, row.name);
      element_int4(data, row.age);
      element_float8(data, row.salary);
      element_time(data, row.created_at);
      if (data.size() >= (1 << 18)) send();
    }
    data.append("\377\377", 2);
    send();
    if (PQputCopyEnd(conn.get(), nullptr) != 1)
      throw std::runtime_error(PQerrorMessage(conn.get()));
    r = PQgetResult(conn.get());
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    PQclear(PQgetResult(conn.get()));
    if (!ok) throw std::runtime_error(PQerrorMessage(conn.get()));
  }
}

void copy_iceaxe(benchmark::State& state) {
  create_schema();
  DBConnection& db = shared_connection();
  const std::vector<Written> rows = written_rows(0, state.range(0));
  for (auto _ : state) {
    state.PauseTiming();
    db.conn().execute("TRUNCATE bench_write");
    state.ResumeTiming();
    db.copy_in(rows);
  }
}

}  // namespace

void register_writes(const Scale& scale) {
  register_pair(scale, "W5_insert", insert_raw, insert_iceaxe,
                {{1000, 200}, {10000, 30}, {100000, 4}});
  register_pair(scale, "W6_update", update_raw, update_iceaxe, {{1000, 300}, {10000, 30}});
  register_pair(scale, "W7_upsert", upsert_raw, upsert_iceaxe, {{10000, 20}});
  register_pair(scale, "W9_copy", copy_raw, copy_iceaxe, {{100000, 6}});
}

}  // namespace bench
