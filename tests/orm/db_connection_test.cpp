// DBConnection's members on their normal paths: exec, get, insert, update, delete_, refresh,
// upsert, transactions, against a real server.

#include <gtest/gtest.h>

#include "orm/models.hpp"

namespace orm_test {
namespace {

using iceaxe::select;

using DBConnectionBasics = OrmTest;

TEST_F(DBConnectionBasics, InsertWritesGeneratedKeysBackAndLeavesObjectsClean) {
  std::vector<Employee> people = {employee("Alice", 30), employee("Bob", 40)};
  db().insert(people);
  ASSERT_TRUE(people[0].id && people[1].id);
  EXPECT_LT(*people[0].id, *people[1].id);
  EXPECT_FALSE(iceaxe::is_modified(people[0]));
  const std::vector<Employee> rows = db().exec(select<Employee>().order_by(E.id));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].name, "Bob");
  EXPECT_EQ(rows[1].tags, people[1].tags);
  EXPECT_EQ(rows[1].settings, people[1].settings);
}

TEST_F(DBConnectionBasics, InsertUnnestedItemsWithEnumAndJson) {
  std::vector<Item> items = {item(1, "one", 1.5), item(2, "two", 2.5)};
  items[1].level.reset();
  db().insert(items);
  const std::vector<Item> rows = db().exec(select<Item>().order_by(I.id));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].level, Level::lead);
  EXPECT_EQ(rows[1].level, std::nullopt);
  EXPECT_EQ(rows[1].doc, items[1].doc);
}

TEST_F(DBConnectionBasics, UpdateSendsOnlyChangedFields) {
  std::vector<Employee> people = {employee("Alice", 30), employee("Bob", 40)};
  db().insert(people);
  people[0].age = 31;
  people[1].tags.push_back("c");
  db().update(people);
  EXPECT_FALSE(iceaxe::is_modified(people[0]));
  const auto alice = db().get<Employee>(*people[0].id);
  ASSERT_TRUE(alice);
  EXPECT_EQ(alice->age, 31);
  const auto bob = db().get<Employee>(*people[1].id);
  EXPECT_EQ(bob->tags, (std::vector<std::string>{"a", "b", "c"}));
}

TEST_F(DBConnectionBasics, UpdateRenewsTheWrittenFieldsSnapshotsAndLeavesCopiesAlone) {
  using Names = std::vector<std::string_view>;
  std::vector<Employee> people = {employee("Alice", 30), employee("Bob", 40)};
  db().insert(people);
  const Employee before = people[0];  // shares Alice's snapshot
  people[0].age = 31;
  people[1].name = "Robert";
  db().update(people);
  EXPECT_FALSE(iceaxe::is_modified(people[0]));
  EXPECT_FALSE(iceaxe::is_modified(people[1]));
  EXPECT_FALSE(iceaxe::is_modified(before));
  people[0].name = "Alicia";
  people[1].age = 41;
  EXPECT_EQ(iceaxe::modified_fields(people[0]), Names{"name"});
  EXPECT_EQ(iceaxe::modified_fields(people[1]), Names{"age"});

  Employee stranger = employee("Carol", 50);  // never loaded: every field is written
  stranger.id = people[0].id;
  db().update(stranger);
  EXPECT_FALSE(iceaxe::is_modified(stranger));
  stranger.age = 51;
  EXPECT_EQ(iceaxe::modified_fields(stranger), Names{"age"});
  EXPECT_EQ(db().get<Employee>(*people[0].id)->name, "Carol");
}

TEST_F(DBConnectionBasics, UpdateWritesOneRowTwiceInOrder) {
  std::vector<Employee> people = {employee("Alice", 30), employee("Bob", 40)};
  db().insert(people);
  std::vector<Employee> twice = {people[0], people[1], people[0]};
  twice[0].age = 31;
  twice[1].age = 41;
  twice[2].age = 32;
  db().update(twice);
  EXPECT_EQ(db().get<Employee>(*people[0].id)->age, 32);
  EXPECT_EQ(db().get<Employee>(*people[1].id)->age, 41);
}

TEST_F(DBConnectionBasics, FixedWidthColumnsCarryNullsAnywhereInABatch) {
  Office hq;
  hq.name = "HQ";
  db().insert(hq);
  std::vector<Employee> people = {employee("A", 1), employee("B", 2), employee("C", 3)};
  people[1].office_id = hq.id;
  db().insert(people);
  people[0].office_id = hq.id;
  people[1].office_id.reset();
  people[2].office_id = hq.id;
  db().update(people);
  const std::vector<Employee> rows = db().exec(select<Employee>().order_by(E.id));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].office_id, hq.id);
  EXPECT_EQ(rows[1].office_id, std::nullopt);
  EXPECT_EQ(rows[2].office_id, hq.id);
}

TEST_F(DBConnectionBasics, UpsertDeleteRefreshGet) {
  std::vector<Item> items = {item(1, "one", 1.5), item(2, "two", 2.5)};
  db().insert(items);
  std::vector<Item> again = {item(2, "TWO", 9), item(3, "three", 3)};
  const auto returned = db().upsert(again, {.conflict_fields = {I.id}, .update_fields = {I.label}},
                                    iceaxe::returning(I.id, I.label));
  ASSERT_EQ(returned.size(), 2u);
  EXPECT_EQ(std::get<1>(returned[0]), "TWO");
  EXPECT_EQ(db().get<Item>(2)->price, 2.5);

  Item stale = items[0];
  other_connection().execute("UPDATE orm_item SET label = 'changed' WHERE id = 1");
  db().refresh(stale);
  EXPECT_EQ(stale.label, "changed");
  EXPECT_FALSE(iceaxe::is_modified(stale));

  db().delete_(items);
  EXPECT_FALSE(db().get<Item>(1));
  EXPECT_EQ(count_rows("orm_item"), 1);
}

TEST_F(DBConnectionBasics, MixedModelsAndCompositeKeys) {
  Office hq;
  hq.name = "HQ";
  Membership m;
  m.group_id = 1;
  m.user_id = 2;
  m.role = "owner";
  Counter c;
  db().insert({&hq, &m, &c});
  EXPECT_TRUE(hq.id);
  EXPECT_TRUE(c.id);
  m.role = "member";
  db().update(m);
  const auto found = db().get<Membership>(std::tuple(1, 2));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->role, "member");
  db().delete_(m);
  EXPECT_FALSE(db().get<Membership>(std::tuple(1, 2)));
}

TEST_F(DBConnectionBasics, TransactionRollsBackOnThrow) {
  EXPECT_THROW(db().transaction([&] {
    Office o;
    o.name = "x";
    db().insert(o);
    throw std::runtime_error("boom");
  }),
               std::runtime_error);
  EXPECT_FALSE(db().in_transaction());
  EXPECT_EQ(count_rows("orm_office"), 0);
}

}  // namespace
}  // namespace orm_test
