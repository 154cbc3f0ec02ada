#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/language.hpp"

namespace riaya::domain {

// A day of the proleptic Gregorian calendar, with no time zone. Values come
// from parse_iso_date, add_days or today_utc; a Date built by hand must be a
// real calendar day for the functions below to give meaningful results.
struct Date {
  int year;
  int month;  // 1-12
  int day;    // 1-31

  friend bool operator==(const Date&, const Date&) = default;
  friend auto operator<=>(const Date&, const Date&) = default;
};

// Parses exactly "YYYY-MM-DD": ten ASCII characters, no sign, no whitespace,
// no time part. Returns std::nullopt unless the day exists in the calendar
// (leap years included) and the year is within 1900-2200.
std::optional<Date> parse_iso_date(std::string_view text);

// "YYYY-MM-DD", zero-padded; the inverse of parse_iso_date for valid dates.
std::string to_iso(Date date);

// The date as a reader of that language writes it, with Western digits:
//   Arabic  "26 أبريل 2019" (Moroccan month names: ماي، يوليوز، غشت، شتنبر...)
//   French  "26 avril 2019", "1er mai 2019"
//   English "26 April 2019"
// Throws std::out_of_range if date.month is not within 1-12.
std::string format_date(Date date, Language language);

// The date `days` days after `date` (before it when negative). The result
// may fall outside the years parse_iso_date accepts.
Date add_days(Date date, int days);

// The same day `months` months after `date` (before it when negative), moved back to the
// month's last day when that month is shorter: 2024-02-29 minus 12 months is 2023-02-28,
// 2019-03-31 plus 1 month is 2019-04-30.
Date add_months(Date date, int months);

// Today's date in UTC, from the system clock.
Date today_utc();

// The same, as "YYYY-MM-DD".
std::string today_iso();

}  // namespace riaya::domain
