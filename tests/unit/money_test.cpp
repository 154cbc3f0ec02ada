#include "domain/money.hpp"

#include <gtest/gtest.h>

namespace riaya::domain {
namespace {

TEST(Funding, GapIsWhatTheCostStillLacks) {
  const auto partly = funding(2'500'000, 2'000'000);  // 25,000.00 MAD, 20,000.00 funded
  EXPECT_EQ(partly.gap, 500'000);
  EXPECT_EQ(partly.surplus, 0);
  const auto over = funding(1'000'000, 1'250'050);
  EXPECT_EQ(over.gap, 0);
  EXPECT_EQ(over.surplus, 250'050);
  const auto unfunded = funding(kMaxCentimes, 0);
  EXPECT_EQ(unfunded.gap, kMaxCentimes);
  EXPECT_EQ(funding(0, 0).gap, 0);
  // One centime is never lost to rounding: the sums are integers.
  EXPECT_EQ(funding(10, 3).gap + 3, 10);
}

TEST(Overdue, OnlyOpenActionsDueBeforeToday) {
  EXPECT_TRUE(is_overdue("planned", "2019-04-25", "2019-04-26"));
  EXPECT_TRUE(is_overdue("ongoing", "2018-12-31", "2019-01-01"));
  EXPECT_FALSE(is_overdue("ongoing", "2019-04-26", "2019-04-26"));  // due today is not late yet
  EXPECT_FALSE(is_overdue("done", "2018-01-01", "2019-04-26"));
  EXPECT_FALSE(is_overdue("cancelled", "2018-01-01", "2019-04-26"));
  EXPECT_FALSE(is_overdue("planned", "", "2019-04-26"));  // no due date
}

}  // namespace
}  // namespace riaya::domain
