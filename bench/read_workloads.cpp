// W1-W4 and W8: reading rows, iceaxe beside hand-written libpq with prepared statements and
// binary results (the faster of libpq's two result formats for these column types).

#include "heap_use.hpp"
#include "support.hpp"

namespace bench {
namespace {

using namespace iceaxe;
constexpr auto& E = columns<Employee>;
constexpr auto& O = columns<Office>;

constexpr const char* employee_columns = "id, name, age, salary, created_at, office_id";

RawEmployee raw_employee(const PGresult* r, int row, int first_column = 0) {
  const auto at = [&](int col) { return PQgetvalue(r, row, first_column + col); };
  return {be64(at(0)),    std::string(at(1), PQgetlength(r, row, first_column + 1)),
          be32(at(2)),    be_double(at(3)),
          be_time(at(4)), be64(at(5))};
}

std::vector<RawEmployee> raw_employees(const PGresult* r) {
  std::vector<RawEmployee> out;
  out.reserve(static_cast<std::size_t>(PQntuples(r)));
  for (int i = 0, n = PQntuples(r); i < n; ++i) out.push_back(raw_employee(r, i));
  return out;
}

std::string be64_param(std::int64_t v) {
  std::string out;
  put64(out, static_cast<std::uint64_t>(v));
  return out;
}

// A spread of primary keys: the i-th lookup.
std::int64_t lookup_id(std::int64_t i) {
  return 1 + (i * 7919) % employee_rows;
}

// W1: get<T>(pk), one round trip each; the argument is the number of lookups.
void get_raw(benchmark::State& state) {
  create_schema();
  RawConnection conn;
  conn.prepare("get",
               fmt::format("SELECT {} FROM bench_employee WHERE id = $1", employee_columns).c_str(),
               {20});
  for (auto _ : state) {
    for (std::int64_t i = 0; i < state.range(0); ++i) {
      PGresult* r = conn.exec("get", {be64_param(lookup_id(i))}, PGRES_TUPLES_OK);
      if (PQntuples(r) != 1) throw std::runtime_error("no row");
      benchmark::DoNotOptimize(raw_employee(r, 0));
      PQclear(r);
    }
  }
}

void get_iceaxe(benchmark::State& state) {
  create_schema();
  DBConnection& db = shared_connection();
  for (auto _ : state) {
    for (std::int64_t i = 0; i < state.range(0); ++i) {
      std::optional<Employee> e = db.get<Employee>(lookup_id(i));
      if (!e) throw std::runtime_error("no row");
      benchmark::DoNotOptimize(e);
    }
  }
}

// W2: N rows into std::vector.
void select_raw(benchmark::State& state) {
  create_schema();
  RawConnection conn;
  conn.prepare("select",
               fmt::format("SELECT {} FROM bench_employee LIMIT $1", employee_columns).c_str(),
               {20});
  const std::string limit = be64_param(state.range(0));
  const auto once = [&] {
    PGresult* r = conn.exec("select", {limit}, PGRES_TUPLES_OK);
    std::vector<RawEmployee> rows = raw_employees(r);
    PQclear(r);
    benchmark::DoNotOptimize(rows.data());
  };
  for (auto _ : state) once();
  report_heap(state, state.range(0), once);
}

void select_iceaxe(benchmark::State& state) {
  create_schema();
  DBConnection& db = shared_connection();
  const auto query = select<Employee>().limit(state.range(0));
  const auto once = [&] {
    std::vector<Employee> rows = db.exec(query);
    benchmark::DoNotOptimize(rows.data());
  };
  for (auto _ : state) once();
  report_heap(state, state.range(0), once);
}

// W3: a few columns into tuples.
void columns_raw(benchmark::State& state) {
  create_schema();
  RawConnection conn;
  conn.prepare("columns", "SELECT id, name, salary FROM bench_employee LIMIT $1", {20});
  const std::string limit = be64_param(state.range(0));
  const auto once = [&] {
    PGresult* r = conn.exec("columns", {limit}, PGRES_TUPLES_OK);
    std::vector<std::tuple<std::int64_t, std::string, double>> rows;
    rows.reserve(static_cast<std::size_t>(PQntuples(r)));
    for (int i = 0, n = PQntuples(r); i < n; ++i) {
      rows.emplace_back(be64(PQgetvalue(r, i, 0)),
                        std::string(PQgetvalue(r, i, 1), PQgetlength(r, i, 1)),
                        be_double(PQgetvalue(r, i, 2)));
    }
    PQclear(r);
    benchmark::DoNotOptimize(rows.data());
  };
  for (auto _ : state) once();
  report_heap(state, state.range(0), once);
}

void columns_iceaxe(benchmark::State& state) {
  create_schema();
  DBConnection& db = shared_connection();
  const auto query = select(E.id, E.name, E.salary).limit(state.range(0));
  const auto once = [&] {
    auto rows = db.exec(query);
    benchmark::DoNotOptimize(rows.data());
  };
  for (auto _ : state) once();
  report_heap(state, state.range(0), once);
}

// W4: a join of two tables into pairs of objects.
void join_raw(benchmark::State& state) {
  create_schema();
  RawConnection conn;
  conn.prepare("join",
               "SELECT e.id, e.name, e.age, e.salary, e.created_at, e.office_id, o.id, o.name, "
               "o.city FROM bench_employee e JOIN bench_office o ON e.office_id = o.id "
               "WHERE e.id <= $1",
               {20});
  const std::string last = be64_param(state.range(0));
  const auto once = [&] {
    PGresult* r = conn.exec("join", {last}, PGRES_TUPLES_OK);
    std::vector<std::pair<RawEmployee, RawOffice>> rows;
    rows.reserve(static_cast<std::size_t>(PQntuples(r)));
    for (int i = 0, n = PQntuples(r); i < n; ++i) {
      rows.emplace_back(raw_employee(r, i),
                        RawOffice{be64(PQgetvalue(r, i, 6)),
                                  std::string(PQgetvalue(r, i, 7), PQgetlength(r, i, 7)),
                                  std::string(PQgetvalue(r, i, 8), PQgetlength(r, i, 8))});
    }
    PQclear(r);
    benchmark::DoNotOptimize(rows.data());
  };
  for (auto _ : state) once();
  report_heap(state, state.range(0), once);
}

void join_iceaxe(benchmark::State& state) {
  create_schema();
  DBConnection& db = shared_connection();
  const auto query = select<Employee, Office>()
                         .join(table<Office>, E.office_id == O.id)
                         .where(E.id <= state.range(0));
  const auto once = [&] {
    std::vector<std::tuple<Employee, Office>> rows = db.exec(query);
    benchmark::DoNotOptimize(rows.data());
  };
  for (auto _ : state) once();
  report_heap(state, state.range(0), once);
}

// W8: rows by a list of k primary keys.
std::vector<std::int64_t> spread_ids(std::int64_t k) {
  std::vector<std::int64_t> ids;
  for (std::int64_t i = 0; i < k; ++i) ids.push_back(1 + i * (employee_rows / k));
  return ids;
}

void any_raw(benchmark::State& state) {
  create_schema();
  RawConnection conn;
  conn.prepare(
      "any",
      fmt::format("SELECT {} FROM bench_employee WHERE id = ANY($1)", employee_columns).c_str(),
      {1016});
  const std::vector<std::int64_t> ids = spread_ids(state.range(0));
  for (auto _ : state) {
    const std::string array = binary_array(
        20, ids.size(), [&](std::string& out, std::size_t i) { element_int8(out, ids[i]); });
    PGresult* r = conn.exec("any", {array}, PGRES_TUPLES_OK);
    std::vector<RawEmployee> rows = raw_employees(r);
    PQclear(r);
    benchmark::DoNotOptimize(rows.data());
  }
}

void any_iceaxe(benchmark::State& state) {
  create_schema();
  DBConnection& db = shared_connection();
  const std::vector<std::int64_t> ids = spread_ids(state.range(0));
  for (auto _ : state) {
    std::vector<Employee> rows = db.exec(select<Employee>().where(E.id.in_(ids)));
    benchmark::DoNotOptimize(rows.data());
  }
}

}  // namespace

void register_reads(const Scale& scale) {
  register_pair(scale, "W1_get", get_raw, get_iceaxe, {{20000, 3}});
  register_pair(scale, "W2_select", select_raw, select_iceaxe,
                {{1000, 500}, {10000, 60}, {100000, 6}});
  register_pair(scale, "W3_columns", columns_raw, columns_iceaxe, {{100000, 10}});
  register_pair(scale, "W4_join", join_raw, join_iceaxe, {{10000, 60}});
  register_pair(scale, "W8_in", any_raw, any_iceaxe, {{10, 2000}, {1000, 300}, {10000, 40}});
}

}  // namespace bench
