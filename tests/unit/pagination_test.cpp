// How blocks of rows (a table's rows, a paragraph's lines) spread over pages.
#include "reports/pagination.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace riaya::reports {
namespace {

std::vector<std::pair<std::size_t, std::size_t>> ranges(const Pagination& pagination) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (const auto& slice : pagination.slices) out.emplace_back(slice.first, slice.end);
  return out;
}

TEST(Pagination, RowsThatFitStayOnTheCurrentPage) {
  const std::vector<double> rows = {10, 10, 10};
  const auto result = paginate(rows, 100, 700);
  ASSERT_EQ(result.slices.size(), 1u);
  EXPECT_EQ(result.slices[0].first, 0u);
  EXPECT_EQ(result.slices[0].end, 3u);
  EXPECT_FALSE(result.slices[0].new_page);
  EXPECT_DOUBLE_EQ(result.space_after, 70);
}

TEST(Pagination, ATableBreaksBetweenRowsAndRepeatsItsHeaderOnEachPage) {
  // 60 participants of 10 points, a 12-point header, 55 points left, pages of 100.
  const std::vector<double> rows(60, 10);
  const auto result = paginate(rows, 55, 100, 12);
  // 12 + 4 × 10 = 52 on the first page; then 12 + 8 × 10 = 92 on each new page.
  const std::vector<std::pair<std::size_t, std::size_t>> expected = {{0, 4},   {4, 12},  {12, 20}, {20, 28},
                                                                     {28, 36}, {36, 44}, {44, 52}, {52, 60}};
  EXPECT_EQ(ranges(result), expected);
  EXPECT_FALSE(result.slices[0].new_page);
  for (std::size_t i = 1; i < result.slices.size(); ++i) EXPECT_TRUE(result.slices[i].new_page);
  EXPECT_DOUBLE_EQ(result.space_after, 100 - 12 - 80);
}

TEST(Pagination, ARowThatExactlyFillsThePageStaysOnIt) {
  const std::vector<double> rows = {0.1, 0.2, 99.7};
  EXPECT_EQ(paginate(rows, 100, 100).slices.size(), 1u);
}

TEST(Pagination, ABlockThatCannotStartOnThePageStartsOnTheNext) {
  // The header and one row need 22 points; 15 are left.
  const std::vector<double> rows = {10, 10};
  const auto result = paginate(rows, 15, 100, 12);
  ASSERT_EQ(result.slices.size(), 1u);
  EXPECT_TRUE(result.slices[0].new_page);
  EXPECT_EQ(result.slices[0].end, 2u);
  EXPECT_DOUBLE_EQ(result.space_after, 100 - 32);
}

TEST(Pagination, AHeadingGoesToTheNextPageWithTheStartOfWhatItIntroduces) {
  const std::vector<double> lines = {10, 10, 10};
  // The heading (25) and the first line (10) do not fit in 30: all of it moves.
  auto moved = paginate(lines, 30, 100, 0, 25);
  ASSERT_EQ(moved.slices.size(), 1u);
  EXPECT_TRUE(moved.slices[0].new_page);
  EXPECT_DOUBLE_EQ(moved.space_after, 100 - 55);
  // With 40 left, the heading and the first line stay; the lead is counted once only.
  auto kept = paginate(lines, 40, 100, 0, 25);
  EXPECT_EQ(ranges(kept), (std::vector<std::pair<std::size_t, std::size_t>>{{0, 1}, {1, 3}}));
  EXPECT_DOUBLE_EQ(kept.space_after, 80);
}

TEST(Pagination, ARowTallerThanAPageGetsAPageOfItsOwn) {
  const std::vector<double> rows = {10, 150, 10};
  const auto result = paginate(rows, 100, 100);
  EXPECT_EQ(ranges(result), (std::vector<std::pair<std::size_t, std::size_t>>{{0, 1}, {1, 2}, {2, 3}}));
  EXPECT_TRUE(result.slices[1].new_page);
  EXPECT_TRUE(result.slices[2].new_page);
  EXPECT_DOUBLE_EQ(result.space_after, 90);
}

TEST(Pagination, AnEmptyPageTakesAnOverflowingRowRatherThanLoopForever) {
  const std::vector<double> rows = {150};
  const auto result = paginate(rows, 100, 100);
  ASSERT_EQ(result.slices.size(), 1u);
  EXPECT_FALSE(result.slices[0].new_page);
  EXPECT_DOUBLE_EQ(result.space_after, -50);
}

TEST(Pagination, NoRowsNoSlice) {
  const auto result = paginate({}, 42, 100, 12, 20);
  EXPECT_TRUE(result.slices.empty());
  EXPECT_DOUBLE_EQ(result.space_after, 42);
}

}  // namespace
}  // namespace riaya::reports
