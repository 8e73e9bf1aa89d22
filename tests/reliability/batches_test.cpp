// 100,000-object writes failing in their last row: insert (one statement over column arrays,
// generated keys, and 30 statements of multi-row VALUES), update (two statements, the second
// failing), upsert, delete, and an insert, update and upsert whose last row a trigger skips.
// Each leaves the table exactly as it was (row count and checksum, read from another session)
// and the objects' keys and change state as they were. (tests/orm/write_failure_test.cpp has the
// 10,000-row cases of the same calls.)

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>

#include "reliability/support.hpp"

namespace reliability_test {
namespace {

using iceaxe::select;
using orm_test::E;
using orm_test::Employee;
using orm_test::I;
using orm_test::Item;
using orm_test::O;
using orm_test::Office;

std::vector<Office> offices(int n, std::string_view prefix = "o") {
  std::vector<Office> out(n);
  for (int i = 0; i < n; ++i) out[i].name = fmt::format("{}{}", prefix, i);
  return out;
}

using ReliabilityBatches = ReliabilityTest;

TEST_F(ReliabilityBatches, InsertFailingInTheLastRowWritesNothing) {
  std::vector<Item> existing = items(1000, 200'001);
  db().insert(existing);
  const TableState before = state("orm_item");
  std::vector<Item> rows = items(big);
  rows.back().price = -1;
  const auto objects = object_states(rows);
  orm_test::LogCapture log;
  EXPECT_THROW(db().insert(rows), iceaxe::CheckViolation);
  EXPECT_EQ(std::ranges::count_if(log.statements(),
                                  [](const std::string& sql) {
                                    return sql.find("INSERT INTO \"orm_item\"") !=
                                           std::string::npos;
                                  }),
            1)
      << "one statement: every column, the enum one included, as one array";
  EXPECT_EQ(state("orm_item"), before);
  EXPECT_EQ(object_states(rows), objects);
}

TEST_F(ReliabilityBatches, InsertWithGeneratedKeysFailingInTheLastRowWritesNothing) {
  std::vector<Office> existing = offices(10, "x");
  db().insert(existing);
  const TableState before = state("orm_office");
  std::vector<Office> rows = offices(big);
  rows.back().name = "x3";
  const auto objects = object_states(rows);
  try {
    db().insert(rows);
    FAIL() << "no exception";
  } catch (const iceaxe::UniqueViolation& e) {
    EXPECT_EQ(e.detail(), "Key (name)=(x3) already exists.");
  }
  EXPECT_EQ(state("orm_office"), before);
  EXPECT_EQ(object_states(rows), objects) << "no key written back";
  // The sequence moved on (sequences are not transactional); nothing else did.
}

TEST_F(ReliabilityBatches, InsertOfManyStatementsFailingInTheLastRowWritesNothing) {
  // Employee has an array column: its rows travel as multi-row VALUES, 1,000 a statement,
  // all in the call's own transaction. (30,000 of them: Employee is the costliest model to
  // encode, and the statements past the first change nothing in what is shown.)
  constexpr int n = 30'000;
  std::vector<Employee> existing = {orm_test::employee("existing", 30)};
  db().insert(existing);
  const TableState before = state("orm_employee");
  std::vector<Employee> people;
  people.reserve(n);
  for (int i = 0; i < n; ++i) people.push_back(orm_test::employee("e" + std::to_string(i), 1));
  people.back().age = -1;
  const auto objects = object_states(people);
  orm_test::LogCapture log;
  EXPECT_THROW(db().insert(people), iceaxe::CheckViolation);
  const std::vector<std::string> sent = log.statements();
  EXPECT_EQ(std::ranges::count_if(sent,
                                  [](const std::string& sql) {
                                    return sql.find("INSERT INTO") != std::string::npos;
                                  }),
            30);
  EXPECT_EQ(state("orm_employee"), before);
  EXPECT_EQ(object_states(people), objects);
  EXPECT_FALSE(db().in_transaction());
  EXPECT_EQ(db().conn().transaction_status(), iceaxe::pg::TransactionStatus::idle);
}

TEST_F(ReliabilityBatches, UpdateFailingInTheLastRowChangesNothing) {
  std::vector<Item> rows = items(big);
  db().insert(rows);
  const TableState before = state("orm_item");
  std::vector<Item> loaded = db().exec(select<Item>().order_by(I.id));
  for (Item& row : loaded) row.label += "!";
  loaded.back().price = -1;  // changes two fields: a statement of its own, sent second
  const auto objects = object_states(loaded);
  orm_test::LogCapture log;
  EXPECT_THROW(db().update(loaded), iceaxe::CheckViolation);
  EXPECT_EQ(std::ranges::count_if(log.statements(),
                                  [](const std::string& sql) {
                                    return sql.find("UPDATE \"orm_item\"") != std::string::npos;
                                  }),
            2)
      << "the first statement succeeded before the second failed";
  EXPECT_EQ(state("orm_item"), before);
  EXPECT_EQ(object_states(loaded), objects);
  EXPECT_EQ(object_states(loaded).front().second, std::vector<std::string_view>{"label"});
}

TEST_F(ReliabilityBatches, UpdateFailingInsideATransactionUndoesOnlyItself) {
  std::vector<Item> rows = items(big);
  db().insert(rows);
  const TableState before = state("orm_item");
  for (Item& row : rows) row.label += "!";
  rows.back().price = -1;
  db().transaction([&] {
    Office first;
    first.name = "first";
    db().insert(first);
    EXPECT_THROW(db().update(rows), iceaxe::CheckViolation);  // rolled back to its savepoint
    Office second;
    second.name = "second";
    db().insert(second);
  });
  EXPECT_EQ(state("orm_item"), before);
  EXPECT_EQ(count_rows("orm_office"), 2);
  EXPECT_TRUE(iceaxe::is_modified(rows.front()));
}

TEST_F(ReliabilityBatches, UpsertFailingInTheLastRowChangesNothing) {
  std::vector<Item> existing = items(big / 2);
  db().insert(existing);
  const TableState before = state("orm_item");
  std::vector<Item> incoming = items(big);  // the first half conflicts
  for (Item& row : incoming) row.label = "upserted";
  incoming.back().price = -1;
  const auto objects = object_states(incoming);
  EXPECT_THROW(
      db().upsert(incoming, {.conflict_fields = {I.id}, .update_fields = {I.label, I.price}}),
      iceaxe::CheckViolation);
  EXPECT_EQ(state("orm_item"), before);
  EXPECT_EQ(object_states(incoming), objects);

  // Generated keys: none is written back, for the updated rows nor the inserted ones.
  std::vector<Office> stored = offices(big / 2);
  db().insert(stored);
  other_connection().execute(
      "CREATE FUNCTION refuse_last() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
      "  IF NEW.name = 'o99999' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$;"
      "CREATE TRIGGER refuse_last BEFORE INSERT ON orm_office FOR EACH ROW "
      "  EXECUTE FUNCTION refuse_last()");
  const TableState offices_before = state("orm_office");
  std::vector<Office> more = offices(big);  // the first half conflicts
  const auto more_objects = object_states(more);
  EXPECT_THROW(db().upsert(more, {.conflict_fields = {O.name}, .update_fields = {O.name}},
                           iceaxe::returning(O.id)),
               iceaxe::RaiseException);
  EXPECT_EQ(state("orm_office"), offices_before);
  EXPECT_EQ(object_states(more), more_objects);
}

TEST_F(ReliabilityBatches, DeleteFailingOnTheLastRowDeletesNothing) {
  std::vector<Office> rows = offices(big);
  db().insert(rows);
  Employee holder = orm_test::employee("holder", 40);
  holder.office_id = rows.back().id;
  db().insert(holder);
  const TableState before = state("orm_office");
  EXPECT_THROW(db().delete_(rows), iceaxe::ForeignKeyViolation);
  EXPECT_EQ(state("orm_office"), before);
}

TEST_F(ReliabilityBatches, AnInsertWhoseRowsATriggerSkipsWritesNothing) {
  // The server skips the last row: the returned rows are counted before the statement
  // commits, and one missing undoes it.
  other_connection().execute(
      "CREATE FUNCTION skip_last() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
      "  IF NEW.name = 'o99999' THEN RETURN NULL; END IF; RETURN NEW; END $$;"
      "CREATE TRIGGER skip_last BEFORE INSERT ON orm_office FOR EACH ROW "
      "  EXECUTE FUNCTION skip_last()");
  std::vector<Office> rows = offices(big);
  const auto objects = object_states(rows);
  try {
    db().insert(rows);
    FAIL() << "no exception";
  } catch (const iceaxe::UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("inserting 100000 objects of Office wrote 99999 rows"),
              std::string::npos)
        << e.what();
  }
  EXPECT_EQ(count_rows("orm_office"), 0);
  EXPECT_EQ(object_states(rows), objects);
  EXPECT_EQ(db().conn().transaction_status(), iceaxe::pg::TransactionStatus::idle);

  // Every row skipped: nothing was written, and the call says so.
  std::vector<Office> last(rows.end() - 1, rows.end());
  EXPECT_THROW(db().insert(last), iceaxe::UsageError);
  EXPECT_EQ(count_rows("orm_office"), 0);
  EXPECT_FALSE(last.front().id);

  // Inside the caller's transaction the failed statement fails that transaction.
  EXPECT_THROW(db().transaction([&] {
    Office first;
    first.name = "first";
    db().insert(first);
    EXPECT_THROW(db().insert(rows), iceaxe::UsageError);
  }),
               iceaxe::PostgresError);
  EXPECT_EQ(count_rows("orm_office"), 0);
}

TEST_F(ReliabilityBatches, AnUpdateOrUpsertWhoseRowATriggerSkipsWritesNothing) {
  std::vector<Office> rows = offices(big);
  db().insert(rows);
  other_connection().execute(
      "CREATE FUNCTION skip_last() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
      "  IF NEW.name LIKE 'o99999%' THEN RETURN NULL; END IF; RETURN NEW; END $$;"
      "CREATE TRIGGER skip_last BEFORE UPDATE ON orm_office FOR EACH ROW "
      "  EXECUTE FUNCTION skip_last()");
  const TableState before = state("orm_office");
  const auto expect_nothing_written = [&](const auto& write, std::string_view message) {
    try {
      write();
      FAIL() << "no exception";
    } catch (const iceaxe::UsageError& e) {
      EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << e.what();
    }
    EXPECT_EQ(state("orm_office"), before);
    EXPECT_EQ(db().conn().transaction_status(), iceaxe::pg::TransactionStatus::idle);
  };

  for (Office& office : rows) office.name += "-renamed";
  const auto objects = object_states(rows);
  expect_nothing_written([&] { db().update(rows); },
                         "updating 100000 objects of Office wrote 99999 rows");
  EXPECT_EQ(object_states(rows), objects);

  // Every row conflicts, and the trigger skips the last one's update.
  std::vector<Office> incoming = offices(big);
  const auto incoming_objects = object_states(incoming);
  expect_nothing_written(
      [&] { db().upsert(incoming, {.conflict_fields = {O.name}, .update_fields = {O.name}}); },
      "upserting 100000 objects of Office wrote 99999 rows");
  EXPECT_EQ(object_states(incoming), incoming_objects);
}

}  // namespace
}  // namespace reliability_test
