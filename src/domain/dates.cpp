#include "domain/dates.hpp"

#include <array>
#include <chrono>
#include <cstddef>
#include <stdexcept>

namespace riaya::domain {

namespace {

constexpr std::array<std::string_view, 12> kArabicMonths = {
    "يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر",
};
constexpr std::array<std::string_view, 12> kFrenchMonths = {
    "janvier", "février", "mars",      "avril",   "mai",      "juin",
    "juillet", "août",    "septembre", "octobre", "novembre", "décembre",
};
constexpr std::array<std::string_view, 12> kEnglishMonths = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December",
};

std::string_view month_name(int month, Language language) {
  if (month < 1 || month > 12) {
    throw std::out_of_range("month must be within 1-12, got " + std::to_string(month));
  }
  const auto index = static_cast<std::size_t>(month - 1);
  switch (language) {
    case Language::Arabic: return kArabicMonths[index];
    case Language::French: return kFrenchMonths[index];
    case Language::English: return kEnglishMonths[index];
  }
  return kArabicMonths[index];
}

std::chrono::sys_days to_sys_days(Date date) {
  // For a day past the month's end, sys_days counts on from the 1st
  // (days-from-civil arithmetic) rather than failing.
  return std::chrono::sys_days{std::chrono::year{date.year} / std::chrono::month{static_cast<unsigned>(date.month)} /
                               std::chrono::day{static_cast<unsigned>(date.day)}};
}

Date from_sys_days(std::chrono::sys_days days) {
  const std::chrono::year_month_day ymd{days};
  return Date{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
              static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

std::optional<int> parse_digits(std::string_view text) {
  int value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::string pad(int value, std::size_t width) {
  std::string digits = std::to_string(value);
  if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
  return digits;
}

}  // namespace

std::optional<Date> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const std::optional<int> parsed_year = parse_digits(text.substr(0, 4));
  const std::optional<int> parsed_month = parse_digits(text.substr(5, 2));
  const std::optional<int> parsed_day = parse_digits(text.substr(8, 2));
  if (!parsed_year || !parsed_month || !parsed_day) return std::nullopt;
  const int year = *parsed_year;
  const int month = *parsed_month;
  const int day = *parsed_day;
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                        std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return std::nullopt;
  return Date{year, month, day};
}

std::string to_iso(Date date) { return pad(date.year, 4) + '-' + pad(date.month, 2) + '-' + pad(date.day, 2); }

std::string format_date(Date date, Language language) {
  const std::string_view month = month_name(date.month, language);
  std::string day = std::to_string(date.day);
  if (language == Language::French && date.day == 1) day += "er";
  std::string out;
  out.reserve(day.size() + month.size() + 8);
  out.append(day).append(" ").append(month).append(" ").append(std::to_string(date.year));
  return out;
}

Date add_days(Date date, int days) { return from_sys_days(to_sys_days(date) + std::chrono::days{days}); }

Date add_months(Date date, int months) {
  const std::chrono::year_month shifted =
      std::chrono::year{date.year} / std::chrono::month{static_cast<unsigned>(date.month)} +
      std::chrono::months{months};
  const auto last = static_cast<int>(static_cast<unsigned>((shifted / std::chrono::last).day()));
  return Date{static_cast<int>(shifted.year()), static_cast<int>(static_cast<unsigned>(shifted.month())),
              date.day < last ? date.day : last};
}

Date today_utc() { return from_sys_days(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())); }

std::string today_iso() { return to_iso(today_utc()); }

}  // namespace riaya::domain
