// DBConnection's queries and its smaller members: exec for every select shape, update and
// delete counts, `.one()`, errors carrying their SQL, get, refresh of rows that are gone,
// upsert's forms, empty and very large calls, statement logging, get_dsn.

#include <gtest/gtest.h>

#include "orm/models.hpp"

namespace orm_test {
namespace {

using iceaxe::alias;
using iceaxe::delete_;
using iceaxe::select;
using iceaxe::table;
using iceaxe::update;
namespace func = iceaxe::func;

using OrmExec = OrmTest;

TEST_F(OrmExec, EverySelectShapeReadsTypedRows) {
  Office hq;
  hq.name = "HQ";
  db().insert(hq);
  std::vector<Employee> people = {employee("Alice", 30), employee("Bob", 40)};
  people[0].office_id = hq.id;
  db().insert(people);

  const std::vector<std::string> names = db().exec(select(E.name).order_by(E.name));
  EXPECT_EQ(names, (std::vector<std::string>{"Alice", "Bob"}));

  const auto pairs = db().exec(select(E.name, E.age).where(E.age > 35));
  ASSERT_EQ(pairs.size(), 1u);
  EXPECT_EQ(pairs[0], std::tuple(std::string("Bob"), 40));

  const auto joined = db().exec(
      select(E.name, table<Office>).left_join(table<Office>, E.office_id == O.id).order_by(E.name));
  ASSERT_EQ(joined.size(), 2u);
  ASSERT_TRUE(std::get<1>(joined[0]));
  EXPECT_EQ(std::get<1>(joined[0])->name, "HQ");
  EXPECT_FALSE(std::get<1>(joined[1]));

  const auto counted = db().exec(select(func::count(E.id)));
  EXPECT_EQ(counted, std::vector<std::int64_t>{2});

  const auto raw = db().exec(
      select(table<Employee>, alias<std::int64_t>("total"))
          .text("SELECT " + iceaxe::sql::select<Employee>() + ", count(*) OVER () AS total FROM " +
                    iceaxe::sql::table<Employee>() + " WHERE " + iceaxe::sql::col(E.age) + " = $1",
                30));
  ASSERT_EQ(raw.size(), 1u);
  EXPECT_EQ(std::get<0>(raw[0]).name, "Alice");
  EXPECT_EQ(std::get<1>(raw[0]), 1);
  EXPECT_FALSE(iceaxe::is_modified(std::get<0>(raw[0])));
}

TEST_F(OrmExec, OneReturnsTheObjectOrThrowsNoObjectFound) {
  Employee alice = employee("Alice", 30);
  db().insert(alice);
  const Employee found = db().exec(select<Employee>().where(E.name == "Alice").one());
  EXPECT_EQ(found.id, alice.id);
  try {
    (void)db().exec(select<Employee>().where(E.name == "Nobody").one());
    FAIL() << "no exception";
  } catch (const iceaxe::NoObjectFound& e) {
    EXPECT_EQ(e.object_type(), "Employee");
    EXPECT_NE(e.sql_text().find("WHERE"), std::string::npos);
    EXPECT_EQ(e.variables(), std::vector<std::string>{"Nobody"});
    const std::string what = e.what();
    EXPECT_NE(what.find("No Employee object found"), std::string::npos) << what;
    EXPECT_NE(what.find("Nobody"), std::string::npos) << what;
  }
}

TEST_F(OrmExec, UpdateAndDeleteQueriesReturnTheRowsTheyTouched) {
  std::vector<Employee> people = {employee("Alice", 30), employee("Bob", 40),
                                  employee("Carol", 50)};
  db().insert(people);
  EXPECT_EQ(db().exec(update<Employee>().set(E.age, 18).where(E.age >= 40)), 2u);
  EXPECT_EQ(db().exec(update<Employee>().set(E.age, 1).where(E.name == "Nobody")), 0u);
  EXPECT_EQ(db().exec(delete_<Employee>().where(E.age == 18)), 2u);
  EXPECT_EQ(count_rows("orm_employee"), 1);
}

TEST_F(OrmExec, AFailedQueryKeepsItsTypeSqlAndVariables) {
  std::vector<Employee> people = {employee("Alice", 30)};
  db().insert(people);
  try {
    db().exec(update<Employee>().set(E.age, -5).where(E.name == "Alice"));
    FAIL() << "no exception";
  } catch (const iceaxe::CheckViolation& e) {
    const auto& query = dynamic_cast<const iceaxe::QueryError&>(e);
    EXPECT_EQ(query.sqlstate(), "23514");
    EXPECT_NE(query.sql_text().find("UPDATE \"orm_employee\""), std::string::npos);
    EXPECT_EQ(query.variables(), (std::vector<std::string>{"-5", "Alice"}));
    const std::string what = e.what();
    EXPECT_NE(what.find("UPDATE \"orm_employee\""), std::string::npos) << what;
    EXPECT_NE(what.find("Alice"), std::string::npos) << what;
  }
  try {
    Employee twin = employee("Alice", 1);
    db().insert(twin);
    FAIL() << "no exception";
  } catch (const iceaxe::QueryError& e) {
    EXPECT_EQ(e.sqlstate(), "23505");
    EXPECT_NE(std::string(e.what()).find("INSERT INTO"), std::string::npos);
  }
}

TEST_F(OrmExec, GetFindsByKeyOrReturnsNullopt) {
  Item widget = item(7, "widget", 1);
  db().insert(widget);
  EXPECT_EQ(db().get<Item>(7)->label, "widget");
  EXPECT_EQ(db().get<Item>(std::int64_t{8}), std::nullopt);
  EXPECT_FALSE(iceaxe::is_modified(*db().get<Item>(7)));
  EXPECT_FALSE(db().get<Membership>(std::tuple(1, 1)));
}

TEST_F(OrmExec, RefreshOfAGoneRowLogsAnErrorAndLeavesTheObject) {
  std::vector<Item> rows = {item(1, "one", 1), item(2, "two", 2)};
  db().insert(rows);
  other_connection().execute(
      "DELETE FROM orm_item WHERE id = 2; UPDATE orm_item SET label = 'new'");
  rows[1].label = "local";
  LogCapture log;
  db().refresh(rows);
  EXPECT_EQ(rows[0].label, "new");
  EXPECT_EQ(rows[1].label, "local");
  EXPECT_TRUE(iceaxe::is_modified(rows[1]));
  bool logged = false;
  for (const auto& record : log.records()) {
    if (record.level != iceaxe::LogLevel::error) continue;
    logged = true;
    EXPECT_EQ(record.message, "Object Item with primary key id=2 not found in database");
  }
  EXPECT_TRUE(logged);
}

TEST_F(OrmExec, UpsertDoNothingAndReturningOnlyAffectedRows) {
  std::vector<Item> rows = {item(1, "one", 1)};
  db().insert(rows);
  std::vector<Item> again = {item(1, "ONE", 1), item(2, "two", 2)};
  const auto inserted = db().upsert(again, {.conflict_fields = {I.id}}, iceaxe::returning(I.id));
  EXPECT_EQ(inserted, std::vector<std::int64_t>{2});
  EXPECT_EQ(db().get<Item>(1)->label, "one");
  EXPECT_TRUE(iceaxe::is_modified(again[0])) << "skipped: its values were not written";
  EXPECT_FALSE(iceaxe::is_modified(again[1]));

  // The same key twice in one call: applied in order, as if upserted one after the other.
  std::vector<Item> twice = {item(3, "first", 1), item(3, "second", 1)};
  db().upsert(twice, {.conflict_fields = {I.id}, .update_fields = {I.label}});
  EXPECT_EQ(db().get<Item>(3)->label, "second");
}

TEST_F(OrmExec, UpsertWritesGeneratedKeysBack) {
  Office existing;
  existing.name = "HQ";
  db().insert(existing);
  std::vector<Office> offices(2);
  offices[0].name = "HQ";
  offices[1].name = "Branch";
  db().upsert(offices, {.conflict_fields = {O.name}, .update_fields = {O.name}});
  EXPECT_EQ(offices[0].id, existing.id);
  ASSERT_TRUE(offices[1].id);
  EXPECT_NE(offices[1].id, existing.id);
  EXPECT_FALSE(iceaxe::is_modified(offices[0]));
  offices[1].name = "Branch 2";
  db().update(offices);  // the keys written back are not changes
  EXPECT_EQ(db().get<Office>(*offices[1].id)->name, "Branch 2");

  LogCapture log;
  std::vector<Office> plain(3);
  for (int i = 0; i < 3; ++i) plain[i].name = "plain " + std::to_string(i);
  db().upsert(plain, {});  // no conflict fields: a plain insert, one statement
  EXPECT_EQ(std::ranges::count_if(log.statements(),
                                  [](const std::string& sql) { return sql.starts_with("INSERT"); }),
            1);
  EXPECT_TRUE(plain[2].id);
}

TEST_F(OrmExec, NoObjectsSendNothing) {
  LogCapture log;
  std::vector<Employee> none;
  db().insert(none);
  db().update(none);
  db().delete_(none);
  db().refresh(none);
  db().upsert(none, {.conflict_fields = {E.name}});
  db().insert({});
  Employee unchanged = employee("Alice", 30);
  db().insert(unchanged);
  const std::size_t after_insert = log.statements().size();
  db().update(unchanged);  // nothing changed: nothing to send
  EXPECT_EQ(log.statements().size(), after_insert);
  EXPECT_EQ(after_insert, 3u);  // BEGIN, INSERT, COMMIT: the returned key is checked
}

TEST_F(OrmExec, AHundredThousandObjectsInOneCall) {
  constexpr int n = 100'000;
  std::vector<Item> rows;
  rows.reserve(n);
  for (int i = 0; i < n; ++i) rows.push_back(item(i + 1, "i" + std::to_string(i), i));
  db().insert(rows);
  EXPECT_EQ(count_rows("orm_item"), n);
  for (Item& row : rows) row.price += 1;
  db().update(rows);
  EXPECT_EQ(other_connection().fetch_value<double>("SELECT sum(price) FROM orm_item"),
            n * (n - 1.0) / 2 + n);
  db().delete_(rows);
  EXPECT_EQ(count_rows("orm_item"), 0);

  std::vector<Employee> people;
  people.reserve(n);
  for (int i = 0; i < n; ++i) people.push_back(employee("e" + std::to_string(i), i % 90));
  db().insert(people);
  EXPECT_EQ(count_rows("orm_employee"), n);
  for (int i = 1; i < n; ++i) ASSERT_LT(*people[i - 1].id, *people[i].id) << "in order";
  const std::vector<Employee> back = db().exec(select<Employee>().order_by(E.id));
  ASSERT_EQ(back.size(), std::size_t{n});
  EXPECT_EQ(back[n - 1].name, "e99999");
}

TEST_F(OrmExec, DebugLoggingWritesEachStatementWithItsVariables) {
  LogCapture log;
  std::vector<Employee> people = {employee("Alice", 30)};
  db().insert(people);
  (void)db().exec(select(E.name).where(E.age == 30));
  const auto records = log.records();
  ASSERT_GE(records.size(), 2u);
  const auto& last = records.back();
  EXPECT_EQ(last.level, iceaxe::LogLevel::debug);
  EXPECT_NE(last.fields["sql"].get<std::string>().find("SELECT"), std::string::npos);
  EXPECT_EQ(last.fields["variables"], nlohmann::json::array({"30"}));
  const nlohmann::json line = nlohmann::json::parse(iceaxe::logging::to_json_line(last));
  for (const char* key : {"level", "name", "timestamp", "message", "sql", "variables"}) {
    EXPECT_TRUE(line.contains(key)) << key;
  }
}

// obj_to_primary_key() is shown by docs/connection.md: this binary also registers a model
// with broken table_args (tests/model/table_test.cpp), which the map would report.
TEST_F(OrmExec, DsnNamesTheDatabase) {
  const std::string dsn = db().get_dsn();
  EXPECT_TRUE(dsn.starts_with("postgresql://")) << dsn;
  EXPECT_TRUE(
      dsn.ends_with("/" + db().conn().fetch_value<std::string>("SELECT current_database()")))
      << dsn;
}

}  // namespace
}  // namespace orm_test
