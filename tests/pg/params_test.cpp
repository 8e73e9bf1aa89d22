#include <gtest/gtest.h>

#include <string>

#include "iceaxe/pg/connection.hpp"
#include "support/database.hpp"

namespace iceaxe::pg {
namespace {

TEST(Params, ValuesKeptWholeSitBesideCopiedOnes) {
  Params params;
  params.add(std::int32_t{7});
  params.add_encoded(oid::text, std::string("kept"), true);
  params.add_null(oid::int4);
  std::string long_value(1000, 'x');
  const char* const bytes = long_value.data();
  params.add_encoded(oid::bytea, std::move(long_value));
  for (int i = 0; i < 40; ++i) params.add_encoded(oid::text, std::to_string(i), true);

  ASSERT_EQ(params.size(), 44u);
  EXPECT_EQ(params.value(1), "kept");
  EXPECT_EQ(params.value(2), std::nullopt);
  EXPECT_EQ(params.value(3)->data(), bytes) << "kept without a copy";
  EXPECT_EQ(params.value(3)->size(), 1000u);
  EXPECT_EQ(params.value(43), "39");
  EXPECT_EQ(params.render(1), "'kept'");
  EXPECT_EQ(params.render(2), "NULL");

  Params copy;
  copy.add(std::int64_t{1}).add_encoded(oid::text, std::string("first kept"), true);
  copy.append(params);
  ASSERT_EQ(copy.size(), 46u);
  EXPECT_EQ(copy.value(1), "first kept");
  for (std::size_t i = 0; i < params.size(); ++i) {
    EXPECT_EQ(copy.value(i + 2), params.value(i)) << i;
    EXPECT_EQ(copy.type(i + 2), params.type(i)) << i;
    EXPECT_EQ(copy.is_text(i + 2), params.is_text(i)) << i;
  }
  copy.append(copy);
  ASSERT_EQ(copy.size(), 92u);
  EXPECT_EQ(copy.value(47), "first kept");
  EXPECT_EQ(copy.value(91), "39");
}

TEST(Params, AKeptArrayReachesTheServer) {
  Connection conn = test::connect();
  // int4[] {5, 6} in the binary format, added whole.
  std::string array;
  for (std::int32_t word : {1, 0, 23, 2, 1, 4, 5, 4, 6}) wire::put<std::int32_t>(array, word);
  Params params;
  params.add_encoded(oid::int4_array, std::move(array));
  params.add_encoded(oid::text, std::string("sum"), true);
  const Result r = conn.fetch("SELECT $2 || ' ' || sum(x) FROM unnest($1::int4[]) AS x", params);
  EXPECT_EQ(r[0].get<std::string>(0), "sum 11");
}

}  // namespace
}  // namespace iceaxe::pg
