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

TEST(TextDirection, NumberRangesAreIsolatedWhicheverDash) {
  EXPECT_EQ(isolate_number_ranges("برنامج العمل 2019–2020"), "برنامج العمل \u20662019–2020\u2069");
  EXPECT_EQ(isolate_number_ranges("برنامج العمل 2019-2020"), "برنامج العمل \u20662019-2020\u2069");
  EXPECT_EQ(isolate_number_ranges("من 2019 — 2020 إلى 10,5−12."),
            "من \u20662019 — 2020\u2069 إلى \u206610,5−12\u2069.");
  // Lone numbers, dates, codes and a dash not followed by a number stay as they are.
  for (const std::string_view same : {"26 أبريل 2019", "12/04/2020", "D8–D9", "2019 - INDH", "250 000,00 درهم", ""})
    EXPECT_EQ(isolate_number_ranges(same), same);
}

}  // namespace
}  // namespace riaya::reports
