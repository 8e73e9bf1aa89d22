#include "iceaxe/pg/cells.hpp"

#include <gtest/gtest.h>

#include "iceaxe/pg/connection.hpp"
#include "support/database.hpp"

namespace iceaxe::pg {
namespace {

void expect_same_as_public_calls(const Cells& cells, const Result& result) {
  for (int row = 0; row < result.size(); ++row) {
    for (int col = 0; col < result.columns(); ++col) {
      SCOPED_TRACE(testing::Message() << "row " << row << ", column " << col);
      const Cell cell = cells(row, col);
      EXPECT_EQ(cell.is_null(), result[row].is_null(col));
      if (!cell.is_null()) {
        EXPECT_EQ(cell.bytes(), result[row].raw(col));
      }
    }
  }
}

// NULLs (in the first and last rows too), empty values, binary and text.
constexpr const char* mixed_rows =
    "SELECT i::int8, CASE WHEN i % 2 = 0 THEN NULL ELSE repeat('x', i) END, "
    "CASE WHEN i = 3 THEN '' END, ''::bytea, i::float8 / 3 FROM generate_series(0, 4) i";

TEST(Cells, ReadLibpqRowsDirectlyAndMatchThePublicCalls) {
  Connection conn = test::connect();
  const Result binary = conn.fetch(mixed_rows);
  const Cells cells(binary.native_handle());
  EXPECT_TRUE(cells.direct());
  expect_same_as_public_calls(cells, binary);
  EXPECT_EQ(cells(0, 1).length, -1);
  EXPECT_EQ(cells(3, 2).length, 0);  // an empty text, not NULL

  const Result text = conn.execute(mixed_rows);
  const Cells text_cells(text.native_handle());
  EXPECT_TRUE(text_cells.direct());
  expect_same_as_public_calls(text_cells, text);
}

TEST(Cells, PublicCallsReadTheSameValues) {
  Connection conn = test::connect();
  const Result result = conn.fetch(mixed_rows);
  const Cells cells(result.native_handle(), Cells::Access::public_calls);
  EXPECT_FALSE(cells.direct());
  expect_same_as_public_calls(cells, result);
}

TEST(Cells, ResultsWithoutRowsOrColumnsUseThePublicCalls) {
  Connection conn = test::connect();
  EXPECT_FALSE(Cells(conn.fetch("SELECT 1 WHERE false").native_handle()).direct());
  EXPECT_FALSE(Cells(conn.execute("SET application_name = 'cells'").native_handle()).direct());
  EXPECT_FALSE(Cells(nullptr).direct());
}

}  // namespace
}  // namespace iceaxe::pg
