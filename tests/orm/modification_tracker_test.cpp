// uncommitted_verbosity: objects loaded or written through a connection and changed afterwards
// without being written are reported at close() and at destruction, with their key, their
// changed fields and the call that produced them; nothing is tracked when it is off.

#include <gtest/gtest.h>

#include "orm/models.hpp"

namespace orm_test {
namespace {

using iceaxe::select;

using OrmTracking = OrmTest;

std::vector<iceaxe::logging::Record> warnings(LogCapture& log) {
  std::vector<iceaxe::logging::Record> out;
  for (auto& record : log.records()) {
    if (record.level == iceaxe::LogLevel::warning) out.push_back(std::move(record));
  }
  return out;
}

TEST_F(OrmTracking, OffByDefault) {
  std::vector<Item> rows = {item(1, "one", 1)};
  db().insert(rows);
  rows[0].label = "changed";
  EXPECT_EQ(db().modification_tracker().size(), 0u);
  LogCapture log;
  db().close();
  EXPECT_TRUE(warnings(log).empty());
}

TEST_F(OrmTracking, ReportsUnwrittenChangesAtCloseWithWhereTheyCameFrom) {
  iceaxe::DBConnection db = connect({.uncommitted_verbosity = iceaxe::LogLevel::warning});
  std::vector<Item> rows = {item(1, "one", 1), item(2, "two", 2)};
  db.insert(rows);
  const int insert_line = __LINE__ - 1;
  std::vector<Item> loaded = db.exec(select<Item>().where(I.id == 2));
  const int exec_line = __LINE__ - 1;
  rows[0].label = "never written";
  loaded[0].price = 99;
  loaded[0].label = "also";
  rows[1].label = "written";
  db.update(rows[1]);

  const auto modified = db.modification_tracker().modified();
  ASSERT_EQ(modified.size(), 2u);
  EXPECT_EQ(modified[0].object_type, "Item");
  EXPECT_EQ(modified[0].primary_key, "id=1");
  EXPECT_EQ(modified[0].fields, std::vector<std::string_view>{"label"});
  EXPECT_EQ(modified[0].location.line(), static_cast<unsigned>(insert_line));
  EXPECT_EQ(modified[1].fields, (std::vector<std::string_view>{"label", "price"}));
  EXPECT_EQ(modified[1].location.line(), static_cast<unsigned>(exec_line));

  LogCapture log;
  db.close();
  const auto reported = warnings(log);
  ASSERT_EQ(reported.size(), 2u);
  EXPECT_NE(reported[0].message.find("Item id=1 (changed: label)"), std::string::npos)
      << reported[0].message;
  EXPECT_NE(
      reported[0].message.find("modification_tracker_test.cpp:" + std::to_string(insert_line)),
      std::string::npos)
      << reported[0].message;
  EXPECT_EQ(reported[1].fields["primary_key"], "id=2");
  EXPECT_EQ(db.modification_tracker().size(), 0u);
}

TEST_F(OrmTracking, ReportsAtDestructionAndFollowsCopiesMovesAndDestruction) {
  LogCapture log;
  std::optional<iceaxe::DBConnection> db =
      connect({.uncommitted_verbosity = iceaxe::LogLevel::warning});
  std::vector<Item> rows = {item(1, "one", 1), item(2, "two", 2)};
  db->insert(rows);
  {
    std::optional<Item> found = db->get<Item>(1);
    found->label = "dies unwritten";
  }  // destroyed: forgotten
  Item copy = rows[0];
  copy.label = "copied";  // the copy is tracked too
  Item moved = std::move(rows[1]);
  rows.clear();
  moved.price = 5;
  EXPECT_EQ(db->modification_tracker().modified().size(), 2u);
  db.reset();
  const auto reported = warnings(log);
  ASSERT_EQ(reported.size(), 2u);
  // In the order first tracked: `moved` took over rows[1]'s place, `copy` came after.
  EXPECT_NE(reported[0].message.find("Item id=2 (changed: price)"), std::string::npos);
  EXPECT_NE(reported[1].message.find("Item id=1 (changed: label)"), std::string::npos);
}

TEST_F(OrmTracking, AssignmentKeepsEachObjectsOwnTracking) {
  iceaxe::DBConnection db = connect({.uncommitted_verbosity = iceaxe::LogLevel::warning});
  std::vector<Item> rows = {item(1, "one", 1)};
  db.insert(rows);
  Item untracked = item(2, "two", 2);
  rows[0] = untracked;  // still tracked, now with every field pending
  Item assigned;
  assigned = rows[0];  // takes the state, not the tracking
  Item moved_to;
  moved_to = std::move(rows[0]);  // rows[0] stays tracked, as never loaded
  const auto modified = db.modification_tracker().modified();
  ASSERT_EQ(modified.size(), 1u);
  EXPECT_EQ(modified[0].primary_key, "id=2");
  EXPECT_EQ(modified[0].fields,
            (std::vector<std::string_view>{"id", "label", "price", "level", "doc"}));
  rows.clear();
  EXPECT_EQ(db.modification_tracker().size(), 0u);
}

TEST_F(OrmTracking, ObjectsOutlivingTheConnectionAreForgotten) {
  std::vector<Item> rows = {item(1, "one", 1)};
  {
    iceaxe::DBConnection db = connect({.uncommitted_verbosity = iceaxe::LogLevel::info});
    db.insert(rows);
    EXPECT_EQ(db.modification_tracker().size(), 1u);
  }
  rows[0].label = "after the connection";  // no tracker to notify: nothing happens
  std::vector<Item> copy = rows;
  EXPECT_EQ(copy[0].label, "after the connection");
}

}  // namespace
}  // namespace orm_test
