// The ORM quickstart, end to end: declare a model, then insert, query, update, upsert,
// delete and refresh objects through iceaxe::DBConnection, and run a transaction that rolls
// back.
//
// Connects to DATABASE_URL when it is set, else to the server the PG* environment variables
// name (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE; pg_virtualenv sets them).
// Drops and recreates the table "employee".

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>
#include <string>
#include <vector>

#include <fmt/chrono.h>
#include <fmt/core.h>
#include <fmt/ranges.h>
#include <iceaxe/iceaxe.hpp>

using namespace iceaxe;
using Timestamp = std::chrono::sys_time<std::chrono::microseconds>;  // timestamptz

struct Employee : TableBase {
  std::optional<std::int64_t> id;  // empty until inserted: the server assigns it
  std::string name;
  std::int32_t age = 0;
  std::optional<std::string> nickname;  // nullable
  Timestamp created_at =
      std::chrono::floor<std::chrono::microseconds>(std::chrono::system_clock::now());
};
ICEAXE_TABLE(Employee, (id, {.primary_key = true}), (name, {.unique = true}),
             (age, {.check_expression = "age >= 0"}), nickname,
             (created_at, {.postgres_config = PostgresDateTime{.timezone = true}}))

constexpr auto& E = columns<Employee>;  // typed columns: E.id, E.name, E.age...

void print(const Employee& e) {
  fmt::print("  #{} {:<6} {:>2}  {:<16} {:%Y-%m-%d %H:%M:%S}\n", e.id.value_or(0), e.name, e.age,
             e.nickname.value_or("-"), std::chrono::floor<std::chrono::seconds>(e.created_at));
}

int main() {
  try {
    const char* url = std::getenv("DATABASE_URL");
    DBConnection db(pg::connect(url ? url : ""));

    // A fresh table, as the model describes it (migrations: docs/migrations.md).
    db.conn().execute("DROP TABLE IF EXISTS employee");
    const std::vector<ModelRef> models = {model<Employee>};
    migrations::create_all(db, models);

    // One statement for the whole vector; the generated ids are written back.
    std::vector<Employee> staff = {{.name = "Alice", .age = 30},
                                   {.name = "Bob", .age = 41, .nickname = "Bobby"},
                                   {.name = "Carol", .age = 27},
                                   {.name = "Dave", .age = 35}};
    db.insert(staff);
    fmt::print("inserted:");
    for (const Employee& e : staff) fmt::print(" {} (id {})", e.name, *e.id);
    fmt::print("\n");

    // Typed queries: whole objects, or tuples of columns.
    fmt::print("older than 28, oldest first:\n");
    for (const Employee& e :
         db.exec(select<Employee>().where(E.age > 28).order_by(E.age, Order::desc))) {
      print(e);
    }
    for (const auto& [name, age] :
         db.exec(select(E.name, E.age).where(E.nickname == std::nullopt))) {
      fmt::print("no nickname: {} ({})\n", name, age);
    }

    // Only the changed field of the changed object is sent.
    Employee& alice = staff[0];
    alice.age += 1;
    fmt::print("Alice's changed fields: {}\n", modified_fields(alice));
    db.update(staff);  // UPDATE "employee" SET "age" = ... for Alice alone
    std::optional<Employee> found = db.get<Employee>(*alice.id);
    fmt::print("get<Employee>({}): {} is {}; get<Employee>(999): {}\n", *alice.id, found->name,
               found->age, db.get<Employee>(999).has_value() ? "found" : "nullopt");

    // INSERT ... ON CONFLICT ("name") DO UPDATE SET "age": Bob exists, Erin is new.
    std::vector<Employee> incoming = {{.name = "Bob", .age = 42}, {.name = "Erin", .age = 52}};
    const auto upserted =
        db.upsert(incoming, {.conflict_fields = {E.name}, .update_fields = {E.age}},
                  returning(E.id, E.name, E.age));
    for (const auto& [id, name, age] : upserted) {
      fmt::print("upserted: #{} {} ({})\n", id.value_or(0), name, age);
    }

    db.delete_(staff[2]);  // Carol
    fmt::print("deleted Carol\n");

    // A transaction: committed when the function returns, rolled back when it throws.
    try {
      db.transaction([&] {
        Employee frank{.name = "Frank", .age = 29};
        db.insert(frank);
        Employee second_alice{.name = "Alice", .age = 50};
        db.insert(second_alice);  // violates UNIQUE (name)
      });
    } catch (const UniqueViolation& e) {
      fmt::print("transaction rolled back: {} (SQLSTATE {})\n", e.message(), e.sqlstate());
    }
    try {
      db.exec(select<Employee>().where(E.name == "Frank").one());
    } catch (const NoObjectFound&) {
      fmt::print("no Frank: the insert was rolled back too\n");
    }

    // A bulk UPDATE (exec returns the rows it touched) leaves our copy of Bob stale;
    // refresh() reloads it.
    const std::uint64_t changed =
        db.exec(update<Employee>().set(E.nickname, "Bob the Builder").where(E.name == "Bob"));
    Employee& bob = staff[1];
    fmt::print("updated {} row; our Bob is stale: age {}, nickname {}\n", changed, bob.age,
               *bob.nickname);
    db.refresh(bob);
    fmt::print("refreshed: age {}, nickname {}\n", bob.age, *bob.nickname);

    fmt::print("everyone:\n");
    for (const Employee& e : db.exec(select<Employee>().order_by(E.id))) print(e);
    db.close();
    return 0;
  } catch (const std::exception& e) {
    fmt::print(stderr, "demo failed: {}\n", e.what());
    return 1;
  }
}
