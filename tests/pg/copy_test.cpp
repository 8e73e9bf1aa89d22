#include <gtest/gtest.h>

#include "iceaxe/pg/connection.hpp"
#include "support/database.hpp"

namespace iceaxe::pg {
namespace {

class Copy : public ::testing::Test {
 protected:
  void SetUp() override {
    conn_.execute("CREATE TEMP TABLE person (id bigint, name text, age int, score float8)");
  }
  std::int64_t count() { return conn_.fetch_value<std::int64_t>("SELECT count(*) FROM person"); }
  Connection conn_ = test::connect();
};

TEST_F(Copy, LoadsRowsInBinary) {
  CopyWriter copy = conn_.copy_in("person", {"id", "name", "age", "score"});
  for (std::int64_t i = 0; i < 100000; ++i) {
    copy.write_row(i, "person " + std::to_string(i), static_cast<std::int32_t>(i % 90),
                   i % 7 == 0 ? std::optional<double>() : std::optional<double>(i * 0.5));
  }
  EXPECT_EQ(copy.finish(), 100000u);
  EXPECT_EQ(count(), 100000);
  const Result r =
      conn_.fetch("SELECT name, age, score FROM person WHERE id = $1", std::int64_t{9});
  EXPECT_EQ(r[0].get<std::string>(0), "person 9");
  EXPECT_EQ(r[0].get<std::int32_t>(1), 9);
  EXPECT_EQ(r[0].get<std::optional<double>>(2), 4.5);
  EXPECT_EQ(conn_.fetch_value<std::int64_t>("SELECT count(*) FROM person WHERE score IS NULL"),
            14286);
}

TEST_F(Copy, DestroyedBeforeFinishLoadsNothing) {
  {
    CopyWriter copy = conn_.copy_in("person", {"id", "name"});
    copy.write_row(std::int64_t{1}, "a");
  }
  EXPECT_EQ(count(), 0);
  EXPECT_EQ(conn_.fetch_value<std::int32_t>("SELECT 1"), 1);
}

TEST_F(Copy, AbortLoadsNothing) {
  CopyWriter copy = conn_.copy_in("person", {"id"});
  copy.write_row(std::int64_t{1});
  copy.abort();
  EXPECT_EQ(count(), 0);
  EXPECT_THROW(copy.write_row(std::int64_t{2}), UsageError);
}

TEST_F(Copy, WrongBinaryTypeFailsTheWholeCopy) {
  CopyWriter copy = conn_.copy_in("person", {"id", "age"});
  copy.write_row(std::int64_t{1}, std::int32_t{1});
  copy.write_row(std::int64_t{2}, std::int64_t{2});  // bigint bytes for an int column
  EXPECT_THROW(copy.finish(), InvalidBinaryRepresentation);
  EXPECT_EQ(count(), 0);
}

TEST_F(Copy, BadValueLeavesNoPartialRow) {
  CopyWriter copy = conn_.copy_in("person", {"id", "name"});
  copy.write_row(std::int64_t{1}, "ok");
  EXPECT_THROW(copy.write_row(std::int64_t{2}, std::string("a\0b", 3)), ValueError);
  EXPECT_THROW(copy.write_row(std::int64_t{3}), UsageError);  // wrong number of values
  copy.write_row(std::int64_t{4}, "ok too");
  EXPECT_EQ(copy.finish(), 2u);
  EXPECT_EQ(count(), 2);
}

TEST_F(Copy, OtherStatementsWaitForTheCopy) {
  CopyWriter copy = conn_.copy_in("person", {"id"});
  EXPECT_THROW(conn_.execute("SELECT 1"), UsageError);
  copy.write_row(std::int64_t{1});
  EXPECT_EQ(copy.finish(), 1u);
  EXPECT_EQ(count(), 1);
}

TEST_F(Copy, UnknownTableOrColumnIsAClearError) {
  EXPECT_THROW(conn_.copy_in("no_such_table", {"id"}), UndefinedTable);
  EXPECT_THROW(conn_.copy_in("person", {"nope"}), UndefinedColumn);
  EXPECT_EQ(conn_.fetch_value<std::int32_t>("SELECT 1"), 1);
}

TEST_F(Copy, CopyThroughExecuteIsRefusedCleanly) {
  EXPECT_THROW(conn_.execute("COPY person (id) FROM STDIN"), QueryCanceled);
  EXPECT_EQ(conn_.execute("COPY (SELECT 1) TO STDOUT").command_status(), "COPY 1");
  EXPECT_EQ(conn_.fetch_value<std::int32_t>("SELECT 1"), 1);
}

}  // namespace
}  // namespace iceaxe::pg
