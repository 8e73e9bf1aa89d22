// DBConnection::copy_in: bulk loads through binary COPY, all or nothing, objects untouched.

#include <gtest/gtest.h>

#include "orm/models.hpp"

namespace orm_test {
namespace {

using iceaxe::select;

using OrmCopyIn = OrmTest;

std::vector<Employee> numbered(int n) {
  std::vector<Employee> out;
  for (int i = 0; i < n; ++i) out.push_back(employee("c" + std::to_string(i), i % 90));
  return out;
}

TEST_F(OrmCopyIn, LoadsEveryFieldAndLeavesTheObjectsAsTheyWere) {
  std::vector<Employee> people = numbered(1000);
  people[3].nickname = "three";
  people[3].level = Level::lead;
  EXPECT_EQ(db().copy_in(people), 1000u);
  EXPECT_FALSE(people[0].id.has_value());  // keys are not read back
  EXPECT_EQ(count_rows("orm_employee"), 1000);
  const Employee row = db().exec(select<Employee>().where(E.name == "c3").one());
  EXPECT_EQ(row.nickname, "three");
  EXPECT_EQ(row.level, Level::lead);
  EXPECT_EQ(row.tags, people[3].tags);
  EXPECT_EQ(row.payload, people[3].payload);
  EXPECT_EQ(row.settings, people[3].settings);
  EXPECT_EQ(row.created_at, people[3].created_at);
}

TEST_F(OrmCopyIn, OneObjectAndGivenKeys) {
  Employee given = employee("given", 1);
  given.id = 1'000'000;
  EXPECT_EQ(db().copy_in(given), 1u);
  EXPECT_EQ(db().get<Employee>(std::int64_t{1'000'000})->name, "given");
}

TEST_F(OrmCopyIn, ViolationInTheLastRowLoadsNothing) {
  std::vector<Employee> people = numbered(10'000);
  people.back().name = "c17";
  EXPECT_THROW(db().copy_in(people), iceaxe::UniqueViolation);
  EXPECT_EQ(count_rows("orm_employee"), 0);
  EXPECT_EQ(db().copy_in(numbered(2)), 2u);  // the connection goes on
}

TEST_F(OrmCopyIn, GeneratedAndGivenKeysLoadTogetherOrNotAtAll) {
  std::vector<Employee> people = numbered(10);
  people[4].id = 500;
  people[6].id = 600;
  EXPECT_EQ(db().copy_in(people), 10u);
  EXPECT_EQ(count_rows("orm_employee"), 10);

  std::vector<Employee> again = numbered(10);  // the same names: the second COPY fails
  for (Employee& e : again) e.name += "x";
  again[5].id = 500;
  EXPECT_THROW(db().copy_in(again), iceaxe::UniqueViolation);
  EXPECT_EQ(count_rows("orm_employee"), 10);
  EXPECT_EQ(db().conn().transaction_status(), iceaxe::pg::TransactionStatus::idle);
}

TEST_F(OrmCopyIn, AValueThatCannotBeSentNamesItsFieldAndLoadsNothing) {
  std::vector<Employee> people = numbered(1000);
  people[500].name = std::string("bad\0name", 8);
  try {
    db().copy_in(people);
    FAIL() << "no exception";
  } catch (const iceaxe::ValueError& e) {
    EXPECT_NE(std::string(e.what()).find("name"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("500"), std::string::npos) << e.what();
  }
  EXPECT_EQ(count_rows("orm_employee"), 0);
  EXPECT_EQ(db().copy_in(numbered(3)), 3u);
}

TEST_F(OrmCopyIn, JsonColumnsAreRefusedBeforeAnythingIsSent) {
  const std::vector<Item> items = {item(1, "one", 1)};
  try {
    db().copy_in(items);
    FAIL() << "no exception";
  } catch (const iceaxe::UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("doc"), std::string::npos) << e.what();
  }
  EXPECT_EQ(count_rows("orm_item"), 0);
}

TEST_F(OrmCopyIn, JoinsTheCallersTransaction) {
  EXPECT_THROW(db().transaction([&] {
    db().copy_in(numbered(100));
    throw std::runtime_error("changed my mind");
  }),
               std::runtime_error);
  EXPECT_EQ(count_rows("orm_employee"), 0);
}

}  // namespace
}  // namespace orm_test
