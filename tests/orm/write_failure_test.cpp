// DBConnection's writes when they fail: constraint violations in the middle of a batch (one
// statement, or Employee's multi-row VALUES in several statements),
// rows gone, missing or changed primary keys, unknown tables, dropped connections. Each
// leaves the tables, the objects' keys and their change state as they were.

#include <gtest/gtest.h>

#include <numeric>

#include "orm/models.hpp"

namespace orm_test {
namespace {

using iceaxe::select;

using OrmWrites = OrmTest;

constexpr int batch = 10'000;

std::vector<Employee> employees(int n) {
  std::vector<Employee> out;
  out.reserve(n);
  for (int i = 0; i < n; ++i) out.push_back(employee("e" + std::to_string(i), i % 90));
  return out;
}

std::vector<Item> items(int n, std::int64_t first_id = 1) {
  std::vector<Item> out;
  out.reserve(n);
  for (int i = 0; i < n; ++i) out.push_back(item(first_id + i, "i" + std::to_string(i), i));
  return out;
}

template <class T>
std::vector<std::vector<std::string_view>> change_states(const std::vector<T>& objects) {
  std::vector<std::vector<std::string_view>> out;
  for (const T& object : objects) out.push_back(iceaxe::modified_fields(object));
  return out;
}

bool no_ids(const std::vector<Employee>& people) {
  return std::ranges::none_of(people, [](const Employee& e) { return e.id.has_value(); });
}

// ---- insert

TEST_F(OrmWrites, UniqueViolationInTheLastChunkOfAValuesBatchInsertsNothing) {
  std::vector<Employee> people = employees(batch);
  people[batch - 2].name = "e5";
  const auto states = change_states(people);
  LogCapture log;
  try {
    db().insert(people);
    FAIL() << "no exception";
  } catch (const iceaxe::UniqueViolation& e) {
    const auto& query = dynamic_cast<const iceaxe::QueryError&>(e);
    EXPECT_NE(query.sql_text().find("INSERT INTO \"orm_employee\""), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("e5"), std::string::npos) << e.what();
  }
  EXPECT_GT(log.statements().size(), 2u) << "several statements, one transaction";
  EXPECT_EQ(count_rows("orm_employee"), 0);
  EXPECT_TRUE(no_ids(people));
  EXPECT_EQ(change_states(people), states);
  EXPECT_FALSE(db().in_transaction());
  EXPECT_EQ(db().conn().transaction_status(), iceaxe::pg::TransactionStatus::idle);
}

TEST_F(OrmWrites, CheckViolationInTheLastRowOfABatchInsertsNothing) {
  std::vector<Item> rows = items(batch);
  rows.back().price = -1;
  EXPECT_THROW(db().insert(rows), iceaxe::CheckViolation);
  EXPECT_EQ(count_rows("orm_item"), 0);
}

TEST_F(OrmWrites, ForeignKeyViolationMidBatchInsertsNothing) {
  Office hq;
  hq.name = "HQ";
  db().insert(hq);
  std::vector<Employee> people = employees(batch);
  for (Employee& e : people) e.office_id = hq.id;
  people[batch / 2].office_id = *hq.id + 1000;
  EXPECT_THROW(db().insert(people), iceaxe::ForeignKeyViolation);
  EXPECT_EQ(count_rows("orm_employee"), 0);
  EXPECT_TRUE(no_ids(people));
}

TEST_F(OrmWrites, NotNullViolationMidBatchInsertsNothing) {
  other_connection().execute("ALTER TABLE orm_item ALTER COLUMN level SET NOT NULL");
  std::vector<Item> rows = items(batch);
  rows[batch / 2].level.reset();
  try {
    db().insert(rows);
    FAIL() << "no exception";
  } catch (const iceaxe::NotNullViolation& e) {
    EXPECT_EQ(e.sqlstate(), "23502");
    EXPECT_NE(std::string(e.what()).find("level"), std::string::npos) << e.what();
  }
  EXPECT_EQ(count_rows("orm_item"), 0);
}

TEST_F(OrmWrites, SeveralModelsInOneCallAreOneTransaction) {
  Office hq;
  hq.name = "HQ";
  Counter counter;
  Item bad = item(1, "bad", -5);
  EXPECT_THROW(db().insert({&hq, &counter, &bad}), iceaxe::CheckViolation);
  EXPECT_EQ(count_rows("orm_office"), 0);
  EXPECT_EQ(count_rows("orm_counter"), 0);
  EXPECT_FALSE(hq.id);
  EXPECT_FALSE(counter.id);
}

TEST_F(OrmWrites, AFailedBatchInsideATransactionFailsTheTransaction) {
  std::vector<Employee> people = employees(batch);  // several statements
  people.back().age = -1;
  EXPECT_THROW(db().transaction([&] {
    Office first;
    first.name = "first";
    db().insert(first);
    db().insert(people);
  }),
               iceaxe::CheckViolation);
  EXPECT_FALSE(db().in_transaction());
  EXPECT_EQ(count_rows("orm_office"), 0);
  EXPECT_EQ(count_rows("orm_employee"), 0);

  // Caught inside, it still fails the transaction: COMMIT is refused, nothing is committed.
  std::vector<Item> rows = items(batch);  // keys of the caller's: no savepoint
  rows.back().price = -1;
  EXPECT_THROW(db().transaction([&] {
    Office first;
    first.name = "first";
    db().insert(first);
    EXPECT_THROW(db().insert(rows), iceaxe::CheckViolation);
  }),
               iceaxe::PostgresError);
  EXPECT_EQ(count_rows("orm_office"), 0);

  // Objects whose keys the server generates are inserted under a savepoint (their returned
  // keys are checked afterwards): caught inside, the failure undoes only the insert.
  db().transaction([&] {
    Office first;
    first.name = "first";
    db().insert(first);
    EXPECT_THROW(db().insert(people), iceaxe::CheckViolation);
  });
  EXPECT_EQ(count_rows("orm_office"), 1);
  EXPECT_EQ(count_rows("orm_employee"), 0);
}

TEST_F(OrmWrites, AnUpdateOfRowsGoneInsideATransactionUndoesOnlyItself) {
  std::vector<Item> rows = items(3);
  db().insert(rows);
  other_connection().execute("DELETE FROM orm_item WHERE id = 3");
  db().transaction([&] {
    for (Item& row : rows) row.label = "changed";
    EXPECT_THROW(db().update(rows), iceaxe::NoObjectFound);
    rows[0].price = 42;
    db().update(rows[0]);  // the transaction is still usable
  });
  const auto back = db().get<Item>(1);
  EXPECT_EQ(back->price, 42);
  EXPECT_EQ(back->label, "changed");
  EXPECT_EQ(db().get<Item>(2)->label, "i1") << "the failed update was undone";
}

TEST_F(OrmWrites, DuplicateKeysInOneBatchFail) {
  std::vector<Item> rows = items(10);
  rows[9].id = 1;
  EXPECT_THROW(db().insert(rows), iceaxe::UniqueViolation);
  EXPECT_EQ(count_rows("orm_item"), 0);
}

TEST_F(OrmWrites, ATableMissingFromTheDatabaseIsAnUndefinedTableError) {
  other_connection().execute("DROP TABLE orm_log");
  LogLine line;
  line.message = "hello";
  try {
    db().insert(line);
    FAIL() << "no exception";
  } catch (const iceaxe::UndefinedTable& e) {
    EXPECT_NE(std::string(e.what()).find("orm_log"), std::string::npos) << e.what();
  }
  EXPECT_THROW(db().exec(select<LogLine>()), iceaxe::UndefinedTable);
}

TEST_F(OrmWrites, ValuesThatLookLikeSqlAreStoredAsTheyAre) {
  const std::string hostile = "x'); DROP TABLE orm_item; -- $1 \\ \" ;";
  std::vector<Item> rows = {item(1, hostile, 1), item(2, "'", 2)};
  rows[0].doc = {{"'; DROP TABLE orm_item; --", hostile}};
  db().insert(rows);
  const auto back = db().get<Item>(1);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->label, hostile);
  EXPECT_EQ(back->doc, rows[0].doc);
  EXPECT_EQ(db().exec(select<Item>().where(I.label == hostile)).size(), 1u);
  EXPECT_EQ(count_rows("orm_item"), 2);
}

// ---- update

TEST_F(OrmWrites, CheckViolationInTheLastUpdatedRowChangesNothing) {
  std::vector<Item> rows = items(batch);
  db().insert(rows);
  for (Item& row : rows) row.price += 1;
  rows.back().price = -1;
  const auto states = change_states(rows);
  EXPECT_THROW(db().update(rows), iceaxe::CheckViolation);
  const double sum = other_connection().fetch_value<double>("SELECT sum(price) FROM orm_item");
  EXPECT_EQ(sum, batch * (batch - 1) / 2.0);
  EXPECT_EQ(change_states(rows), states);
  EXPECT_TRUE(iceaxe::is_modified(rows.front()));
}

TEST_F(OrmWrites, UniqueViolationInAValuesUpdateChangesNothing) {
  std::vector<Employee> people = employees(2000);
  db().insert(people);
  for (Employee& e : people) e.name += "-renamed";
  people.back().name = people[1].name;  // two rows end with the same name
  EXPECT_THROW(db().update(people), iceaxe::UniqueViolation);
  EXPECT_EQ(other_connection().fetch_value<std::int64_t>(
                "SELECT count(*) FROM orm_employee WHERE name LIKE '%-renamed'"),
            0);
  EXPECT_TRUE(iceaxe::is_modified(people[0]));
}

TEST_F(OrmWrites, UpdatingRowsThatAreGoneNamesThemAndWritesNothing) {
  std::vector<Item> rows = items(5);
  db().insert(rows);
  other_connection().execute("DELETE FROM orm_item WHERE id IN (2, 4)");
  for (Item& row : rows) row.label = "changed";
  try {
    db().update(rows);
    FAIL() << "no exception";
  } catch (const iceaxe::NoObjectFound& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("id=2"), std::string::npos) << what;
    EXPECT_NE(what.find("id=4"), std::string::npos) << what;
    EXPECT_EQ(what.find("id=1"), std::string::npos) << what;
    EXPECT_EQ(e.object_type(), "Item");
  }
  EXPECT_EQ(other_connection().fetch_value<std::int64_t>(
                "SELECT count(*) FROM orm_item WHERE label = 'changed'"),
            0);
  EXPECT_TRUE(iceaxe::is_modified(rows[0]));
}

TEST_F(OrmWrites, AChangedPrimaryKeyIsRefusedBeforeAnySql) {
  std::vector<Item> rows = items(2);
  db().insert(rows);
  rows[1].id = 99;
  rows[1].label = "moved";
  LogCapture log;
  try {
    db().update(rows);
    FAIL() << "no exception";
  } catch (const iceaxe::UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("primary key changed"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(log.statements().empty());
}

// ---- missing primary keys

TEST_F(OrmWrites, AModelWithoutPrimaryKeyIsRefusedBeforeAnySql) {
  LogLine line;
  line.message = "hello";
  db().insert(line);
  line.message = "changed";
  LogCapture log;
  const std::string expected = "Model LogLine has no primary key, required to";
  for (const auto& call : std::vector<std::function<void()>>{
           [&] { db().update(line); }, [&] { db().delete_(line); }, [&] { db().refresh(line); },
           [&] { db().get<LogLine>(1); }}) {
    try {
      call();
      ADD_FAILURE() << "no exception";
    } catch (const iceaxe::UsageError& e) {
      EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
    }
  }
  EXPECT_TRUE(log.statements().empty());
  EXPECT_EQ(count_rows("orm_log"), 1);
}

TEST_F(OrmWrites, AnObjectNeverInsertedHasNoKeyToWriteBy) {
  Employee stranger = employee("stranger", 30);
  Office hq;
  hq.name = "HQ";
  db().insert(hq);
  hq.name = "renamed";
  LogCapture log;
  for (const auto& call : std::vector<std::function<void()>>{[&] {
                                                               db().update({&hq, &stranger});
                                                             },
                                                             [&] {
                                                               db().delete_({&hq, &stranger});
                                                             },
                                                             [&] { db().refresh(stranger); }}) {
    try {
      call();
      ADD_FAILURE() << "no exception";
    } catch (const iceaxe::UsageError& e) {
      EXPECT_NE(std::string(e.what()).find("primary key is empty"), std::string::npos) << e.what();
    }
  }
  EXPECT_TRUE(log.statements().empty());
  EXPECT_TRUE(iceaxe::is_modified(hq));
}

// ---- upsert, delete

TEST_F(OrmWrites, ACheckViolationMidUpsertChangesNothing) {
  std::vector<Item> rows = items(100);
  db().insert(rows);
  std::vector<Item> again = items(200);  // half conflict
  for (Item& row : again) row.label = "upserted";
  again[150].price = -1;
  EXPECT_THROW(db().upsert(again, {.conflict_fields = {I.id}, .update_fields = {I.label, I.price}}),
               iceaxe::CheckViolation);
  EXPECT_EQ(count_rows("orm_item"), 100);
  EXPECT_EQ(other_connection().fetch_value<std::int64_t>(
                "SELECT count(*) FROM orm_item WHERE label = 'upserted'"),
            0);
}

TEST_F(OrmWrites, UpsertOptionsNamingAnotherTableAreRefused) {
  std::vector<Item> rows = items(1);
  EXPECT_THROW(db().upsert(rows, {.conflict_fields = {O.id}}), iceaxe::UsageError);
  EXPECT_THROW(db().upsert(rows, {.conflict_fields = {I.id}, .update_fields = {E.name}}),
               iceaxe::UsageError);
  EXPECT_EQ(count_rows("orm_item"), 0);
}

TEST_F(OrmWrites, DeletingAReferencedRowDeletesNothing) {
  std::vector<Office> offices(3);
  for (int i = 0; i < 3; ++i) offices[i].name = "o" + std::to_string(i);
  db().insert(offices);
  Employee e = employee("Alice", 30);
  e.office_id = offices[1].id;
  db().insert(e);
  EXPECT_THROW(db().delete_(offices), iceaxe::ForeignKeyViolation);
  EXPECT_EQ(count_rows("orm_office"), 3);
}

// ---- the connection breaks

TEST_F(OrmWrites, AConnectionKilledBeforeABatchGivesAConnectionError) {
  other_connection().execute("SELECT pg_terminate_backend($1)", db().conn().backend_pid());
  std::vector<Item> rows = items(1000);
  EXPECT_THROW(db().insert(rows), iceaxe::ConnectionException);
  EXPECT_TRUE(db().conn().is_broken());
  EXPECT_FALSE(db().in_transaction());
  EXPECT_EQ(count_rows("orm_item"), 0);
  iceaxe::DBConnection fresh = connect();
  fresh.insert(rows);
  EXPECT_EQ(count_rows("orm_item"), 1000);
}

TEST_F(OrmWrites, AConnectionKilledInsideATransactionLosesItsWork) {
  EXPECT_THROW(db().transaction([&] {
    Office hq;
    hq.name = "HQ";
    db().insert(hq);
    other_connection().execute("SELECT pg_terminate_backend($1)", db().conn().backend_pid());
    std::vector<Item> rows = items(10);
    db().insert(rows);
  }),
               iceaxe::ConnectionException);
  EXPECT_FALSE(db().in_transaction());
  EXPECT_EQ(count_rows("orm_office"), 0);
  EXPECT_EQ(count_rows("orm_item"), 0);
}

}  // namespace
}  // namespace orm_test
