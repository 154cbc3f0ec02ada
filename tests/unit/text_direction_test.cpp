// The reading direction of a paragraph of user text, as dir="auto" decides it.
#include "reports/text_direction.hpp"

#include <gtest/gtest.h>

namespace riaya::reports {
namespace {

TEST(TextDirection, TheFirstStrongLetterDecides) {
  EXPECT_EQ(text_direction("رئيس قسم العمل الاجتماعي"), TextDirection::RightToLeft);
  EXPECT_EQ(text_direction("Jean Dupont"), TextDirection::LeftToRight);
  EXPECT_EQ(text_direction("Jean Dupont, رئيس الجمعية"), TextDirection::LeftToRight);
  EXPECT_EQ(text_direction("رئيس الجمعية Jean Dupont"), TextDirection::RightToLeft);
}

TEST(TextDirection, DigitsAndSignsDoNotDecide) {
  EXPECT_EQ(text_direction("26 أبريل 2019"), TextDirection::RightToLeft);
  EXPECT_EQ(text_direction("2019 - INDH"), TextDirection::LeftToRight);
  EXPECT_EQ(text_direction("« مقر العمالة »"), TextDirection::RightToLeft);
  EXPECT_EQ(text_direction("2019-04-26"), TextDirection::Neutral);
  EXPECT_EQ(text_direction(""), TextDirection::Neutral);
}

}  // namespace
}  // namespace riaya::reports
