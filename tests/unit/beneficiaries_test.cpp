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
