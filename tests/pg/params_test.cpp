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
  const char* const* values = params.values();
  EXPECT_EQ(std::string(values[1], static_cast<std::size_t>(params.lengths()[1])), "kept");
  EXPECT_EQ(values[2], nullptr);
  EXPECT_EQ(values[3], bytes) << "kept without a copy";
  EXPECT_EQ(params.lengths()[3], 1000);
  EXPECT_EQ(params.value(43), "39");
  EXPECT_EQ(params.render(1), "'kept'");
  EXPECT_EQ(params.render(2), "NULL");

  Params copy;
  copy.append(params);
  EXPECT_EQ(copy.value(3), params.value(3));
  EXPECT_EQ(copy.value(43), "39");
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
