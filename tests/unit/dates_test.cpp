#include "domain/dates.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>

namespace riaya::domain {
namespace {

TEST(ParseIsoDate, AcceptsRealDays) {
  EXPECT_EQ(parse_iso_date("2019-04-26"), (Date{2019, 4, 26}));
  EXPECT_EQ(parse_iso_date("1900-01-01"), (Date{1900, 1, 1}));
  EXPECT_EQ(parse_iso_date("2200-12-31"), (Date{2200, 12, 31}));
  EXPECT_EQ(parse_iso_date("2024-02-29"), (Date{2024, 2, 29}));
  EXPECT_EQ(parse_iso_date("2000-02-29"), (Date{2000, 2, 29}));  // divisible by 400
}

TEST(ParseIsoDate, RejectsDaysThatDoNotExist) {
  EXPECT_FALSE(parse_iso_date("2023-02-29"));
  EXPECT_FALSE(parse_iso_date("1900-02-29"));  // divisible by 100, not 400
  EXPECT_FALSE(parse_iso_date("2100-02-29"));
  EXPECT_FALSE(parse_iso_date("2019-04-31"));
  EXPECT_FALSE(parse_iso_date("2019-13-01"));
  EXPECT_FALSE(parse_iso_date("2019-00-10"));
  EXPECT_FALSE(parse_iso_date("2019-01-00"));
  EXPECT_FALSE(parse_iso_date("2019-01-32"));
}

TEST(ParseIsoDate, RejectsYearsOutsideRange) {
  EXPECT_FALSE(parse_iso_date("1899-12-31"));
  EXPECT_FALSE(parse_iso_date("2201-01-01"));
  EXPECT_FALSE(parse_iso_date("0000-01-01"));
}

TEST(ParseIsoDate, RejectsOtherShapes) {
  EXPECT_FALSE(parse_iso_date(""));
  EXPECT_FALSE(parse_iso_date("2019-4-26"));
  EXPECT_FALSE(parse_iso_date("2019/04/26"));
  EXPECT_FALSE(parse_iso_date("26-04-2019"));
  EXPECT_FALSE(parse_iso_date("2019-04-26 "));
  EXPECT_FALSE(parse_iso_date(" 2019-04-26"));
  EXPECT_FALSE(parse_iso_date("2019-04-26T00:00:00Z"));
  EXPECT_FALSE(parse_iso_date("+019-04-26"));
  EXPECT_FALSE(parse_iso_date("2019-+4-26"));
  EXPECT_FALSE(parse_iso_date("2019-04-2a"));
  EXPECT_FALSE(parse_iso_date("٢٠١٩-٠٤-٢٦"));
}

TEST(ToIso, PadsAndRoundTrips) {
  EXPECT_EQ(to_iso(Date{2019, 4, 6}), "2019-04-06");
  EXPECT_EQ(to_iso(Date{1900, 12, 31}), "1900-12-31");
  for (const char* text : {"2019-04-26", "2024-02-29", "1900-01-01", "2200-12-31"}) {
    EXPECT_EQ(to_iso(*parse_iso_date(text)), text);
  }
}

TEST(FormatDate, ArabicUsesMoroccanMonthsAndWesternDigits) {
  EXPECT_EQ(format_date(Date{2019, 4, 26}, Language::Arabic), "26 أبريل 2019");
  EXPECT_EQ(format_date(Date{2018, 9, 3}, Language::Arabic), "3 شتنبر 2018");
  EXPECT_EQ(format_date(Date{2020, 5, 1}, Language::Arabic), "1 ماي 2020");
  EXPECT_EQ(format_date(Date{2020, 7, 14}, Language::Arabic), "14 يوليوز 2020");
  EXPECT_EQ(format_date(Date{2020, 8, 20}, Language::Arabic), "20 غشت 2020");
  EXPECT_EQ(format_date(Date{2020, 11, 6}, Language::Arabic), "6 نونبر 2020");
  EXPECT_EQ(format_date(Date{2020, 12, 31}, Language::Arabic), "31 دجنبر 2020");
}

TEST(FormatDate, French) {
  EXPECT_EQ(format_date(Date{2019, 4, 26}, Language::French), "26 avril 2019");
  EXPECT_EQ(format_date(Date{2019, 5, 1}, Language::French), "1er mai 2019");
  EXPECT_EQ(format_date(Date{2019, 2, 2}, Language::French), "2 février 2019");
  EXPECT_EQ(format_date(Date{2019, 8, 15}, Language::French), "15 août 2019");
  EXPECT_EQ(format_date(Date{2019, 12, 21}, Language::French), "21 décembre 2019");
}

TEST(FormatDate, English) {
  EXPECT_EQ(format_date(Date{2019, 4, 26}, Language::English), "26 April 2019");
  EXPECT_EQ(format_date(Date{2019, 5, 1}, Language::English), "1 May 2019");
}

TEST(FormatDate, ThrowsOnMonthOutOfRange) {
  EXPECT_THROW(format_date(Date{2019, 13, 1}, Language::French), std::out_of_range);
  EXPECT_THROW(format_date(Date{2019, 0, 1}, Language::Arabic), std::out_of_range);
}

TEST(AddDays, MovesByWholeDaysAcrossMonthsAndLeapYears) {
  EXPECT_EQ(add_days(Date{2024, 2, 28}, 1), (Date{2024, 2, 29}));
  EXPECT_EQ(add_days(Date{2023, 2, 28}, 1), (Date{2023, 3, 1}));
  EXPECT_EQ(add_days(Date{2019, 12, 31}, 1), (Date{2020, 1, 1}));
  EXPECT_EQ(add_days(Date{2020, 1, 1}, -1), (Date{2019, 12, 31}));
  EXPECT_EQ(add_days(Date{2019, 4, 26}, 0), (Date{2019, 4, 26}));
  // The days since 1970 by the standard library's civil calendar.
  const auto day_number = [](Date date) {
    return std::chrono::sys_days{std::chrono::year{date.year} / std::chrono::month{static_cast<unsigned>(date.month)} /
                                 std::chrono::day{static_cast<unsigned>(date.day)}}
        .time_since_epoch()
        .count();
  };
  const Date start{2000, 3, 1};
  for (int n = -1000; n <= 1000; n += 37) {
    EXPECT_EQ(day_number(add_days(start, n)) - day_number(start), n);
  }
}

TEST(AddMonths, KeepsTheDayOrTakesTheMonthsLastDay) {
  EXPECT_EQ(add_months(Date{2025, 6, 15}, -12), (Date{2024, 6, 15}));
  EXPECT_EQ(add_months(Date{2024, 2, 29}, -12), (Date{2023, 2, 28}));
  EXPECT_EQ(add_months(Date{2024, 2, 29}, 48), (Date{2028, 2, 29}));
  EXPECT_EQ(add_months(Date{2019, 3, 31}, 1), (Date{2019, 4, 30}));
  EXPECT_EQ(add_months(Date{2019, 1, 31}, -2), (Date{2018, 11, 30}));
  EXPECT_EQ(add_months(Date{2019, 12, 5}, 1), (Date{2020, 1, 5}));
  EXPECT_EQ(add_months(Date{2020, 1, 5}, -1), (Date{2019, 12, 5}));
  EXPECT_EQ(add_months(Date{2019, 4, 26}, 0), (Date{2019, 4, 26}));
}

TEST(TodayUtc, IsAParsableDayInRange) {
  const Date today = today_utc();
  EXPECT_EQ(parse_iso_date(to_iso(today)), today);
  EXPECT_GE(today.year, 2024);
}

TEST(DateOrdering, ComparesChronologically) {
  EXPECT_LT((Date{2019, 12, 31}), (Date{2020, 1, 1}));
  EXPECT_LT((Date{2020, 1, 31}), (Date{2020, 2, 1}));
}

}  // namespace
}  // namespace riaya::domain
