// The driver layer, iceaxe::pg, end to end: connect, create a table, insert, select, update,
// and transactions that commit or roll back.
//
// Connects to DATABASE_URL when it is set, else to the server the PG* environment variables
// name (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE; pg_virtualenv sets them).
// Drops and recreates the table "employee".

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <fmt/chrono.h>
#include <fmt/core.h>
#include <iceaxe/iceaxe.hpp>

namespace pg = iceaxe::pg;

namespace {

using Timestamp = std::chrono::sys_time<std::chrono::microseconds>;  // timestamptz

void print_employees(pg::Connection& conn, std::string_view title) {
  pg::Result rows = conn.fetch("SELECT id, name, age, created_at FROM employee ORDER BY id");
  fmt::print("\n{} ({} rows)\n", title, rows.size());
  fmt::print("  {:>3}  {:<8} {:>3}  {}\n", "id", "name", "age", "created_at (UTC)");
  for (pg::Row row : rows) {
    const auto created = std::chrono::floor<std::chrono::seconds>(row.get<Timestamp>("created_at"));
    fmt::print("  {:>3}  {:<8} {:>3}  {:%Y-%m-%d %H:%M:%S}\n", row.get<std::int64_t>("id"),
               row.get<std::string>("name"), row.get<std::int32_t>("age"), created);
  }
}

}  // namespace

int main() {
  try {
    const char* url = std::getenv("DATABASE_URL");
    pg::Connection conn = pg::connect(url ? url : "");
    fmt::print("connected to PostgreSQL {} (backend pid {})\n", conn.server_version(),
               conn.backend_pid());

    // Without parameters, execute() uses the simple protocol: several statements at once.
    conn.execute(
        "DROP TABLE IF EXISTS employee;"
        "CREATE TABLE employee ("
        "  id bigserial PRIMARY KEY,"
        "  name text NOT NULL,"
        "  age int NOT NULL,"
        "  created_at timestamptz NOT NULL DEFAULT now())");
    fmt::print("created table employee\n");

    // Many rows, one pipelined round trip; values are bound as parameters, never spliced.
    const std::vector<std::tuple<std::string, std::int32_t>> people = {
        {"Alice", 30}, {"Bob", 41}, {"Carol", 27}};
    const std::uint64_t inserted =
        conn.execute_many("INSERT INTO employee (name, age) VALUES ($1, $2)", people);
    fmt::print("inserted {} rows with execute_many\n", inserted);

    // One row, reading back the id the server assigned.
    const auto dave_id = conn.fetch_value<std::int64_t>(
        "INSERT INTO employee (name, age) VALUES ($1, $2) RETURNING id", "Dave", 35);
    fmt::print("inserted Dave with id {}\n", dave_id);

    print_employees(conn, "all employees");

    pg::Result updated = conn.execute("UPDATE employee SET age = age + 1 WHERE name = $1", "Alice");
    fmt::print("\nhappy birthday, Alice: {} row updated\n", updated.affected_rows());

    pg::Result older =
        conn.fetch("SELECT name, age FROM employee WHERE age > $1 ORDER BY age", std::int32_t{30});
    fmt::print("older than 30:");
    for (pg::Row row : older) {
      auto [name, age] = row.as<std::string, std::int32_t>();
      fmt::print(" {} ({})", name, age);
    }
    fmt::print("\n");

    // A transaction that commits.
    {
      pg::Transaction tx(conn);
      conn.execute("INSERT INTO employee (name, age) VALUES ($1, $2)", "Erin", 52);
      conn.execute("UPDATE employee SET age = $1 WHERE id = $2", std::int32_t{36}, dave_id);
      tx.commit();
    }
    fmt::print("committed: added Erin, Dave is 36\n");

    // A transaction that fails: the Transaction's destructor rolls everything back.
    try {
      pg::Transaction tx(conn);
      const pg::Result deleted = conn.execute("DELETE FROM employee WHERE age < $1", 40);
      fmt::print("in a transaction: deleted {} rows, then ", deleted.affected_rows());
      conn.execute("INSERT INTO employee (name, age) VALUES ($1, NULL)", "Nobody");
      tx.commit();
    } catch (const iceaxe::NotNullViolation& e) {
      fmt::print("failed with SQLSTATE {} ({}): rolled back\n", e.sqlstate(), e.message());
    }

    print_employees(conn, "after both transactions");

    const auto total = conn.fetch_value<std::int64_t>("SELECT count(*) FROM employee");
    fmt::print("\n{} employees; done\n", total);
    conn.close();
    return 0;
  } catch (const std::exception& e) {
    fmt::print(stderr, "demo failed: {}\n", e.what());
    return 1;
  }
}
