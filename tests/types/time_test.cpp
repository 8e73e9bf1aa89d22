#include "iceaxe/types/time.hpp"

#include <gtest/gtest.h>

namespace iceaxe {
namespace {

using namespace std::chrono_literals;

TEST(TimeOfDayTest, RangeIncludesMidnightAtBothEnds) {
  EXPECT_TRUE(TimeOfDay{}.ok());
  EXPECT_TRUE(TimeOfDay{24h}.ok());
  EXPECT_TRUE(TimeOfDay{.since_midnight = 23h + 59min + 59s + 999999us}.ok());
  EXPECT_FALSE(TimeOfDay{24h + 1us}.ok());
  EXPECT_FALSE(TimeOfDay{-1us}.ok());
}

TEST(TimeOfDayTest, Compares) {
  EXPECT_LT(TimeOfDay{1h}, TimeOfDay{2h});
  EXPECT_EQ(TimeOfDay{60min}, TimeOfDay{1h});
  EXPECT_NE(TimeOfDay{1h}, TimeOfDay{1h + 1us});
}

TEST(IntervalTest, IsAnAggregateComparedFieldByField) {
  constexpr Interval a{.months = 14, .days = -3, .microseconds = 14'706'789'000};
  static_assert(a == Interval{14, -3, 14'706'789'000});
  EXPECT_NE(a, (Interval{.months = 14, .days = -3}));
  // A month is not 30 days: the parts are kept apart, not normalised.
  EXPECT_NE((Interval{.months = 1}), (Interval{.days = 30}));
  EXPECT_EQ(Interval{}, (Interval{0, 0, 0}));
}

}  // namespace
}  // namespace iceaxe
