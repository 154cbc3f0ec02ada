// The indicator formulas on a fixture worked out by hand (docs/INDICATORS.md).
#include "domain/indicators.hpp"
#include "domain/statistics.hpp"

#include <vector>

#include <gtest/gtest.h>

namespace riaya::domain {
namespace {

// Institution 1 (capacity 100) reports September and October 2018, not November; institution 2
// (capacity unknown) reports September only.
std::vector<MonthReport> fixture() {
  return {
      {.institution_id = 1,
       .month = "2018-10",
       .present_f = 42,
       .present_m = 28,
       .admissions_f = 3,
       .dropout_m = 2,
       .exits_f = 1,
       .exits_m = 2,
       .capacity = 100},
      {.institution_id = 1,
       .month = "2018-09",
       .present_f = 40,
       .present_m = 30,
       .admissions_f = 40,
       .admissions_m = 30,
       .capacity = 100},
      {.institution_id = 2, .month = "2018-09", .present_f = 10, .present_m = 10, .dropout_f = 1, .exits_f = 1},
  };
}

TEST(Indicators, OccupancyCountsOnlyReportedMonthsOfInstitutionsWithACapacity) {
  const auto reports = fixture();
  const auto result = compute_indicators(reports);
  EXPECT_EQ(result.institutions, 2);
  EXPECT_EQ(result.reports, 3);
  // (70 + 70) ÷ (100 + 100): November, unreported, counts neither way; institution 2 has no capacity.
  EXPECT_DOUBLE_EQ(result.occupancy.numerator, 140);
  EXPECT_DOUBLE_EQ(result.occupancy.denominator, 200);
  EXPECT_DOUBLE_EQ(*result.occupancy.value(), 0.7);
}

TEST(Indicators, AveragePresentIsEachInstitutionsMeanSummed) {
  const auto reports = fixture();
  const auto result = compute_indicators(reports);
  EXPECT_DOUBLE_EQ(result.average_present_f, 41 + 10);  // (40 + 42) ÷ 2, and 10
  EXPECT_DOUBLE_EQ(result.average_present_m, 29 + 10);  // (30 + 28) ÷ 2, and 10
  EXPECT_DOUBLE_EQ(result.average_present, 90);
}

TEST(Indicators, DropoutIsDropoutExitsOverBeneficiariesServed) {
  const auto reports = fixture();
  const auto result = compute_indicators(reports);
  // Girls served: institution 1, 40 present in September (no exit) + 3 admitted in October;
  // institution 2, 10 present + the 1 who left in September. One dropped out.
  EXPECT_DOUBLE_EQ(result.dropout_f.denominator, 43 + 11);
  EXPECT_DOUBLE_EQ(*result.dropout_f.value(), 1.0 / 54);
  // Boys: 30 + 10 served; the two who dropped out in October count once, in October.
  EXPECT_DOUBLE_EQ(*result.dropout_m.value(), 2.0 / 40);
  EXPECT_DOUBLE_EQ(*result.dropout.value(), 3.0 / 94);
}

// What the store sums in SQL per institution and school year, summed here from the fixture.
TEST(Indicators, MonthsSummedPerInstitution) {
  const auto reports = fixture();
  const auto sums = sum_months(reports);
  ASSERT_EQ(sums.size(), 2u);
  EXPECT_EQ(sums[0].institution_id, 1);
  EXPECT_EQ(sums[0].months, 2);
  EXPECT_EQ(sums[0].present_f, 82);
  EXPECT_EQ(sums[0].present_with_capacity, 140);
  EXPECT_EQ(sums[0].capacity, 200);
  EXPECT_EQ(sums[0].served_f, 43);  // September's 40 present, October's 3 admitted
  EXPECT_EQ(sums[0].served_m, 30);
  EXPECT_EQ(sums[0].dropout_m, 2);
  EXPECT_EQ(sums[1].present_with_capacity, 0) << "no capacity: outside the occupancy";
  EXPECT_EQ(sums[1].capacity, 0);
  EXPECT_EQ(sums[1].served_f, 11);  // 10 present and the one who left in September
  const auto result = compute_indicators(std::span<const InstitutionMonths>(sums));
  EXPECT_DOUBLE_EQ(*result.dropout.value(), 3.0 / 94);
  EXPECT_EQ(result.reports, 3);
}

// By school level and sex, each institution's mean summed, as the average present.
TEST(Indicators, AveragePresentByLevel) {
  auto reports = fixture();
  reports[0].present_by_level = {{"present_college_f", 42}, {"present_college_m", 28}};  // 2018-10
  reports[1].present_by_level = {{"present_college_f", 30}, {"present_primary_f", 10}, {"present_college_m", 30}};
  reports[2].present_by_level = {{"present_primary_f", 10}, {"present_primary_m", 10}};
  const auto result = compute_indicators(reports);
  EXPECT_DOUBLE_EQ(result.average_present_by_level.at("present_college_f"), 36);      // (42 + 30) ÷ 2
  EXPECT_DOUBLE_EQ(result.average_present_by_level.at("present_primary_f"), 5 + 10);  // (0 + 10) ÷ 2, and 10
  EXPECT_DOUBLE_EQ(result.average_present_by_level.at("present_primary_m"), 10);
  EXPECT_DOUBLE_EQ(result.average_present_by_level.at("present_lycee_f"), 0);
  EXPECT_EQ(result.average_present_by_level.size(), school_level_fields().size());
}

TEST(Indicators, NothingReportedGivesNoRate) {
  const auto result = compute_indicators(std::vector<MonthReport>{});
  EXPECT_EQ(result.reports, 0);
  EXPECT_FALSE(result.occupancy.value());
  EXPECT_FALSE(result.dropout.value());
  EXPECT_DOUBLE_EQ(result.average_present, 0);
}

TEST(Indicators, PerEducatorAndFundingPerBeneficiary) {
  EXPECT_DOUBLE_EQ(*per_educator(90, 4), 22.5);
  EXPECT_FALSE(per_educator(90, 0));
  EXPECT_EQ(*funding_per_beneficiary(4'500'000, 90), 50'000);  // 45,000 MAD for 90: 500 MAD each
  EXPECT_FALSE(funding_per_beneficiary(4'500'000, 0));
}

TEST(Indicators, EducationalFunctionsAreRecognisedInArabicAndFrench) {
  for (const char* function : {"مربي", "مربية", "مُرَبِّيَة", "مؤطرة تربوية", "أستاذ الدعم", "Éducatrice", "ANIMATEUR",
                               "enseignante de soutien", "Encadrant"})
    EXPECT_TRUE(is_educational_function(function)) << function;
  for (const char* function : {"مدير", "مديرة", "طباخة", "ممرضة", "مساعد اجتماعي", "Cuisinier", "Gardien"})
    EXPECT_FALSE(is_educational_function(function)) << function;
}

// Ten results of one school year, worked by hand (docs/INDICATORS.md, "School results"):
//   girls, collège: promoted, promoted, repeated, graduated (lycée entry), moved
//   boys, collège: promoted, dropped_out;  boys, primary: repeated, promoted;  boys, lycée: none yet
// Counted: 8 (the move and the missing result aside), 5 girls' minus the move = 4, boys' 4.
// Success (promoted or graduated): 2 + 1 girls, 1 + 1 boys = 5 of 8 = 62.5 %; repetition 2 of 8;
// dropout 1 of 8. Girls 3/4 success, 1/4 repetition, 0 dropout; boys 2/4, 1/4, 1/4.
// By level: collège 6 counted, success 4/6, repetition 1/6, dropout 1/6; primary 2, 1/2, 1/2, 0.
TEST(Indicators, SchoolResultRatesFromTheRegisterByHand) {
  const std::vector<SchoolResult> results = {{'f', "college", "promoted"},    {'f', "college", "promoted"},
                                             {'f', "college", "repeated"},    {'f', "college", "graduated"},
                                             {'f', "college", "moved"},       {'m', "college", "promoted"},
                                             {'m', "college", "dropped_out"}, {'m', "primary", "repeated"},
                                             {'m', "primary", "promoted"},    {'m', "lycee", ""}};
  const auto rates = compute_school_results(results);
  EXPECT_EQ(rates.all.counted, 8);
  EXPECT_DOUBLE_EQ(*rates.all.success.value(), 5.0 / 8);
  EXPECT_DOUBLE_EQ(*rates.all.repetition.value(), 2.0 / 8);
  EXPECT_DOUBLE_EQ(*rates.all.dropout.value(), 1.0 / 8);
  EXPECT_EQ(rates.f.counted, 4);
  EXPECT_DOUBLE_EQ(*rates.f.success.value(), 3.0 / 4);
  EXPECT_DOUBLE_EQ(*rates.f.repetition.value(), 1.0 / 4);
  EXPECT_DOUBLE_EQ(*rates.f.dropout.value(), 0.0);
  EXPECT_EQ(rates.m.counted, 4);
  EXPECT_DOUBLE_EQ(*rates.m.success.value(), 2.0 / 4);
  EXPECT_DOUBLE_EQ(*rates.m.dropout.value(), 1.0 / 4);
  ASSERT_EQ(rates.by_level.size(), 2u) << "the lycée has no counted result";
  EXPECT_EQ(rates.by_level.at("college").counted, 6);
  EXPECT_DOUBLE_EQ(*rates.by_level.at("college").success.value(), 4.0 / 6);
  EXPECT_DOUBLE_EQ(*rates.by_level.at("college").dropout.value(), 1.0 / 6);
  EXPECT_DOUBLE_EQ(*rates.by_level.at("primary").repetition.value(), 1.0 / 2);
  EXPECT_FALSE(compute_school_results({}).all.success.value()) << "no result, no rate";

  // The same results counted together by the database give the same rates.
  const std::vector<SchoolResult> counted = {
      {'f', "college", "promoted", 2}, {'f', "college", "graduated", 1}, {'f', "college", "repeated", 1},
      {'f', "college", "moved", 1},    {'m', "college", "promoted", 1},  {'m', "college", "dropped_out", 1},
      {'m', "primary", "repeated", 1}, {'m', "primary", "promoted", 1},  {'m', "lycee", "", 1}};
  const auto same = compute_school_results(counted);
  EXPECT_EQ(same.all.counted, 8);
  EXPECT_DOUBLE_EQ(*same.all.success.value(), 5.0 / 8);
  EXPECT_DOUBLE_EQ(*same.f.repetition.value(), 1.0 / 4);
  EXPECT_EQ(same.by_level.at("college").counted, 6);
  EXPECT_DOUBLE_EQ(*same.by_level.at("college").dropout.value(), 1.0 / 6);
}

TEST(Statistics, MonthsAndSchoolYears) {
  EXPECT_TRUE(is_month("2019-03"));
  EXPECT_FALSE(is_month("2019-13"));
  EXPECT_FALSE(is_month("2019-3"));
  EXPECT_FALSE(is_month("19-03-01"));
  EXPECT_EQ(previous_month("2019-01"), "2018-12");
  EXPECT_EQ(next_month("2019-12"), "2020-01");
  EXPECT_EQ(school_year_of("2019-03"), "2018-2019");
  EXPECT_EQ(school_year_of("2019-09"), "2019-2020");
  EXPECT_EQ(school_year_months("2018-2019")->first, "2018-09");
  EXPECT_EQ(school_year_months("2018-2019")->second, "2019-08");
  EXPECT_FALSE(school_year_months("2018-2020"));
  EXPECT_EQ(school_level_fields().size(), 12u);
  EXPECT_EQ(flow_fields().size(), 10u);
}

}  // namespace
}  // namespace riaya::domain
