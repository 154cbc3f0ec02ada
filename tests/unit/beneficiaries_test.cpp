// The individual register's rules on dates (domain/beneficiaries.hpp) and the sealing of fields
// at rest (store/field_cipher.hpp).
#include "domain/beneficiaries.hpp"
#include "store/field_cipher.hpp"

#include <gtest/gtest.h>

namespace riaya::domain {
namespace {

nlohmann::json dates(const char* birth, const char* admission, nlohmann::json exit = nullptr,
                     nlohmann::json reason = nullptr) {
  return {{"birth_date", birth}, {"admission_date", admission}, {"exit_date", exit}, {"exit_reason", reason}};
}

TEST(Beneficiaries, AgeInWholeYears) {
  EXPECT_EQ(age_on("2006-03-14", "2018-03-13"), 11);
  EXPECT_EQ(age_on("2006-03-14", "2018-03-14"), 12);
  EXPECT_EQ(age_on("2008-02-29", "2012-02-28"), 3);
}

RegisterStay stay(char sex, const char* admission, std::optional<std::string> exit = {},
                  std::optional<std::string> reason = {}, std::map<std::string, std::string> levels = {}) {
  return {.sex = sex,
          .birth_date = "2006-03-14",
          .admission_date = admission,
          .exit_date = std::move(exit),
          .exit_reason = std::move(reason),
          .levels = std::move(levels)};
}

// Worked by hand: three pupils of a boarding house over a school year's start.
TEST(Beneficiaries, RegisterMonthsByLevel) {
  const std::vector<RegisterStay> stays = {
      // Admitted in September, in collège in 2018-2019, in lycée in 2019-2020.
      stay('f', "2018-09-10", {}, {}, {{"2018-2019", "college"}, {"2019-2020", "lycee"}}),
      // Admitted in September, dropped out on October 15th: an exit in October, not present at its end.
      stay('m', "2018-09-10", "2018-10-15", "dropout", {{"2018-2019", "primary"}}),
      // Admitted in November with no school year recorded: counted as not in school.
      stay('f', "2018-11-02"),
  };
  const auto months = register_months(stays, true, "2019-09");
  ASSERT_EQ(months.size(), 13u);  // 2018-09 … 2019-09
  EXPECT_EQ(months[0].month, "2018-09");
  EXPECT_EQ(months[0].counts.at("present_college_f"), 1);
  EXPECT_EQ(months[0].counts.at("present_primary_m"), 1);
  EXPECT_EQ(months[0].counts.at("admissions_f"), 1);
  EXPECT_EQ(months[0].counts.at("admissions_m"), 1);
  EXPECT_EQ(months[1].counts.at("present_primary_m"), 0);
  EXPECT_EQ(months[1].counts.at("exits_dropout_m"), 1);
  EXPECT_EQ(months[2].counts.at("admissions_f"), 1);
  EXPECT_EQ(months[2].counts.at("present_not_in_school_f"), 1);
  EXPECT_EQ(months[2].counts.at("exits_dropout_m"), 0);
  // September 2019 starts 2019-2020: the first pupil is in lycée.
  EXPECT_EQ(months[12].counts.at("present_college_f"), 0);
  EXPECT_EQ(months[12].counts.at("present_lycee_f"), 1);
  // Only the breakdown's fields: no age band.
  EXPECT_FALSE(months[0].counts.contains("present_age_6_11_f"));
}

// A year with no level recorded takes the nearest one, an earlier year first.
TEST(Beneficiaries, RegisterMonthsTakeTheNearestLevel) {
  const auto months = register_months(
      {stay('f', "2018-09-10", {}, {}, {{"2018-2019", "college"}, {"2020-2021", "higher"}})}, true, "2019-09");
  EXPECT_EQ(months.back().counts.at("present_college_f"), 1);
  const auto before = register_months({stay('f', "2018-09-10", {}, {}, {{"2020-2021", "higher"}})}, true, "2018-09");
  EXPECT_EQ(before.back().counts.at("present_higher_f"), 1);
}

// Other homes count by age band at the month's end; the year of birth alone counts from July.
TEST(Beneficiaries, RegisterMonthsByAgeBand) {
  auto child = stay('m', "2019-01-05");
  child.birth_date = "2013-03-20";                                                     // 5 until March 20th, 2019
  RegisterStay elder{.sex = 'f', .birth_year = 1944, .admission_date = "2019-01-05"};  // 74 until July 2019
  const auto months = register_months({child, elder}, false, "2019-07");
  ASSERT_EQ(months.size(), 7u);
  EXPECT_EQ(months[1].counts.at("present_age_0_5_m"), 1);      // February
  EXPECT_EQ(months[2].counts.at("present_age_6_11_m"), 1);     // March
  EXPECT_EQ(months[5].counts.at("present_age_60_74_f"), 1);    // June
  EXPECT_EQ(months[6].counts.at("present_age_75_plus_f"), 1);  // July
  EXPECT_FALSE(months[0].counts.contains("present_primary_f"));
}

// Once everyone has left, the months stop at the last exit; an empty register gives none.
TEST(Beneficiaries, RegisterMonthsStopAtTheLastExit) {
  const auto months = register_months(
      {stay('f', "2018-09-10", "2019-06-30", "graduated"), stay('m', "2018-09-10", "2019-02-01", "moved")}, true,
      "2026-12");
  ASSERT_EQ(months.size(), 10u);
  EXPECT_EQ(months.back().month, "2019-06");
  EXPECT_EQ(months.back().counts.at("exits_graduated_f"), 1);
  EXPECT_EQ(months[5].counts.at("exits_moved_m"), 1);
  EXPECT_TRUE(register_months({}, true, "2026-12").empty());
}

TEST(Beneficiaries, BirthDatesAndAgesInABoardingHouse) {
  EXPECT_TRUE(check_beneficiary_dates(dates("2006-03-14", "2018-09-10"), "dar_talib", "2020-01-01"));
  EXPECT_EQ(check_beneficiary_dates(dates("2021-01-01", "2018-09-10"), "elderly", "2020-01-01").error().field,
            "birth_date");
  // Three on the day of admission is young enough, a day less is not; thirty is the oldest.
  EXPECT_TRUE(check_beneficiary_dates(dates("2015-09-10", "2018-09-10"), "dar_taliba", "2020-01-01"));
  EXPECT_EQ(check_beneficiary_dates(dates("2015-09-11", "2018-09-10"), "dar_taliba", "2020-01-01").error().code,
            ErrorCode::OutOfRange);
  EXPECT_TRUE(check_beneficiary_dates(dates("1987-09-11", "2018-09-10"), "dar_talib", "2020-01-01"));
  EXPECT_FALSE(check_beneficiary_dates(dates("1987-09-10", "2018-09-10"), "dar_talib", "2020-01-01"));
  // Not a school category: an elderly person is not refused.
  EXPECT_TRUE(check_beneficiary_dates(dates("1940-01-01", "2018-09-10"), "elderly", "2020-01-01"));
  EXPECT_EQ(
      check_beneficiary_dates(dates("2006-03-14", "2018-09-10", "2019-06-30"), "dar_talib", "2020-01-01").error().field,
      "exit_reason");
  EXPECT_EQ(check_beneficiary_dates(dates("2006-03-14", "2018-09-10", nullptr, "moved"), "dar_talib", "2020-01-01")
                .error()
                .field,
            "exit_date");
}

TEST(Beneficiaries, PresenceInASchoolYear) {
  EXPECT_TRUE(present_in_school_year("2018-2019", "2018-09-10", std::nullopt));
  EXPECT_TRUE(present_in_school_year("2018-2019", "2019-08-31", std::nullopt));
  EXPECT_FALSE(present_in_school_year("2018-2019", "2019-09-01", std::nullopt));
  EXPECT_TRUE(present_in_school_year("2019-2020", "2018-09-10", std::string_view("2019-09-01")));
  EXPECT_FALSE(present_in_school_year("2019-2020", "2018-09-10", std::string_view("2019-08-31")));
}

TEST(FieldCipher, SealedFieldsOpenWithTheirKeyOnly) {
  store::set_field_key("0123456789abcdef0123456789abcdef");
  const auto sealed = store::seal_field("BK778899");
  EXPECT_TRUE(sealed.starts_with("s1:"));
  EXPECT_EQ(sealed.find("BK778899"), std::string::npos);
  EXPECT_NE(store::seal_field("BK778899"), sealed) << "a fresh nonce each time";
  EXPECT_EQ(store::open_field(sealed), "BK778899");
  auto tampered = sealed;
  tampered[10] = tampered[10] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(store::open_field(tampered));
  store::set_field_key("another key of thirty-two bytes!");
  EXPECT_FALSE(store::open_field(sealed));
}

}  // namespace
}  // namespace riaya::domain
