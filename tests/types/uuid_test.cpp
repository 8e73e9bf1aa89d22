#include "iceaxe/types/uuid.hpp"

#include <gtest/gtest.h>

#include <unordered_set>

#include "iceaxe/pg/errors.hpp"

namespace iceaxe {
namespace {

TEST(UuidTest, ParsesAnyCaseAndPrintsLowercase) {
  const Uuid u = Uuid::parse("A0EEBC99-9c0b-4EF8-bb6d-6BB9BD380A11");
  EXPECT_EQ(u.to_string(), "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  EXPECT_EQ(u.bytes()[0], 0xA0);
  EXPECT_EQ(u.bytes()[15], 0x11);
  EXPECT_EQ(Uuid::parse(u.to_string()), u);
}

TEST(UuidTest, NilIsTheDefault) {
  EXPECT_TRUE(Uuid().is_nil());
  EXPECT_EQ(Uuid().to_string(), "00000000-0000-0000-0000-000000000000");
  EXPECT_EQ(Uuid::parse("00000000-0000-0000-0000-000000000000"), Uuid());
}

TEST(UuidTest, RejectsAnythingButTheCanonicalForm) {
  for (const char* text :
       {"", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a111",
        "a0eebc999c0b4ef8bb6d6bb9bd380a11", "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}",
        "a0eebc99-9c0b-4ef8-bb6d_6bb9bd380a11", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1g",
        "a0eebc9-99c0b-4ef8-bb6d-6bb9bd380a11"}) {
    EXPECT_THROW(Uuid::parse(text), ValueError) << text;
  }
}

TEST(UuidTest, OrdersBytewiseAsPostgres) {
  EXPECT_LT(Uuid::parse("00000000-0000-0000-0000-000000000001"),
            Uuid::parse("00000000-0000-0000-0000-000000000100"));
  EXPECT_LT(Uuid::parse("7fffffff-ffff-ffff-ffff-ffffffffffff"),
            Uuid::parse("80000000-0000-0000-0000-000000000000"));
}

TEST(UuidTest, RandomIsVersion4AndDistinct) {
  std::unordered_set<Uuid> seen;
  for (int i = 0; i < 1000; ++i) {
    const Uuid u = Uuid::random();
    EXPECT_EQ(u.bytes()[6] >> 4, 4);
    EXPECT_EQ(u.bytes()[8] >> 6, 2);
    EXPECT_TRUE(seen.insert(u).second);
  }
}

TEST(UuidTest, HashFollowsEquality) {
  const Uuid a = Uuid::parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  EXPECT_EQ(std::hash<Uuid>{}(a), std::hash<Uuid>{}(Uuid(a.bytes())));
}

}  // namespace
}  // namespace iceaxe
