#include "domain/scoring.hpp"
#include "store/embedded_files.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace riaya::domain {
namespace {

using nlohmann::json;
constexpr std::optional<int> NA = std::nullopt;

// A grid made for working the figures out by hand:
//   A (weight 1): A.1 w1, A.2 w1, A.3 w2
//   B (weight 2): B.1 w1 legal critical, B.2 w1 legal, B.3 w1 legal-to-confirm critical
//   C (weight 1): C.1 w1 critical, C.2 w1
Grid test_grid() {
  const auto grid = parse_grid(json::parse(R"({
    "code": "t", "version": 1, "name_ar": "اختبار",
    "scale": [{"value": 0, "ar": "غير متوفر"}, {"value": 1, "ar": "جزئي"}, {"value": 2, "ar": "مرض"}],
    "not_applicable": {"ar": "لا ينطبق"},
    "domains": [
      {"code": "A", "name_ar": "أ", "criteria": [
        {"code": "A.1", "text_ar": "م"}, {"code": "A.2", "text_ar": "م"},
        {"code": "A.3", "text_ar": "م", "weight": 2}]},
      {"code": "B", "name_ar": "ب", "weight": 2, "criteria": [
        {"code": "B.1", "text_ar": "م", "legal": "yes", "legal_reference": "Loi 65.15", "critical": true},
        {"code": "B.2", "text_ar": "م", "legal": "yes", "legal_reference": "Loi 65.15"},
        {"code": "B.3", "text_ar": "م", "legal": "probable", "critical": true}]},
      {"code": "C", "name_ar": "ج", "criteria": [
        {"code": "C.1", "text_ar": "م", "critical": true}, {"code": "C.2", "text_ar": "م"}]}
    ]})"));
  if (!grid) throw std::runtime_error("test grid: " + grid.error().field);
  return *grid;
}

Scores scored(const Grid& grid, const std::vector<Answer>& answers) {
  auto result = score(grid, answers);
  if (!result) throw std::runtime_error("score failed at " + result.error().field);
  return *result;
}

TEST(Scoring, WorkedExample) {
  const auto s = scored(
      test_grid(), {{"A.1", 2}, {"A.2", 1}, {"A.3", NA}, {"B.1", 0}, {"B.2", 2}, {"B.3", 0}, {"C.1", NA}, {"C.2", NA}});
  ASSERT_EQ(s.domains.size(), 3u);
  // A: weights 1,1,2, scores 2,1,N/A → (2*1 + 1*1) / (2*(1+1)) = 3/4 = 75 %.
  EXPECT_EQ(s.domains[0].code, "A");
  ASSERT_TRUE(s.domains[0].percent);
  EXPECT_DOUBLE_EQ(*s.domains[0].percent, 75.0);
  EXPECT_EQ(s.domains[0].scored, 2);
  EXPECT_EQ(s.domains[0].not_applicable, 1);
  // B: weights 1,1,1, scores 0,2,0 → (0 + 2 + 0) / (2*3) = 1/3 = 33.33 %.
  ASSERT_TRUE(s.domains[1].percent);
  EXPECT_DOUBLE_EQ(*s.domains[1].percent, 100.0 / 3);
  // C: everything N/A → no score, and left out of the overall.
  EXPECT_FALSE(s.domains[2].percent);
  EXPECT_EQ(s.domains[2].not_applicable, 2);
  // Overall by domain weight, over A (1) and B (2) only: (75*1 + 33.33*2) / 3 = 47.22 %.
  ASSERT_TRUE(s.overall);
  EXPECT_DOUBLE_EQ(*s.overall, (75.0 + 2 * (100.0 / 3)) / 3);
  EXPECT_EQ(rounded_percent(*s.overall), 47);
  // Legal compliance: B.1 (0) and B.2 (2) are legal and scored → 1 of 2 = 50 %.
  // B.3 is only "to confirm" and does not count.
  ASSERT_TRUE(s.legal_compliance);
  EXPECT_DOUBLE_EQ(*s.legal_compliance, 50.0);
  // Critical failures: critical criteria scored 0 → B.1 and B.3 (C.1 is N/A).
  EXPECT_EQ(s.critical_failures, (std::vector<std::string>{"B.1", "B.3"}));
  // Below satisfactory: A.2 (1, not critical: medium), B.1 and B.3 (0, critical).
  EXPECT_EQ(s.below_satisfactory, (std::vector<Shortfall>{{"A", "A.2", 1, false, "medium"},
                                                          {"B", "B.1", 0, true, "critical"},
                                                          {"B", "B.3", 0, true, "critical"}}));
}

TEST(Scoring, CriterionWeightsCount) {
  // A: weights 1,1,2, scores 0,2,2 → (0 + 2 + 2*2) / (2*4) = 6/8 = 75 %.
  auto s = scored(test_grid(), {{"A.1", 0}, {"A.2", 2}, {"A.3", 2}});
  EXPECT_DOUBLE_EQ(*s.domains[0].percent, 75.0);
  // A: scores 2,2,0 → (2 + 2 + 2*0) / 8 = 50 %, where the unweighted mean would be 4/6 = 66.7 %.
  s = scored(test_grid(), {{"A.1", 2}, {"A.2", 2}, {"A.3", 0}});
  EXPECT_DOUBLE_EQ(*s.domains[0].percent, 50.0);
}

TEST(Scoring, DomainWeightsCountInTheOverall) {
  // A: all 2 → 100 %; B: all 0 → 0 %; C: all 1 → 50 %.
  // Overall = (100*1 + 0*2 + 50*1) / (1+2+1) = 150/4 = 37.5 %  (unweighted it would be 50 %).
  const auto s = scored(
      test_grid(), {{"A.1", 2}, {"A.2", 2}, {"A.3", 2}, {"B.1", 0}, {"B.2", 0}, {"B.3", 0}, {"C.1", 1}, {"C.2", 1}});
  EXPECT_DOUBLE_EQ(*s.domains[0].percent, 100.0);
  EXPECT_DOUBLE_EQ(*s.domains[1].percent, 0.0);
  EXPECT_DOUBLE_EQ(*s.domains[2].percent, 50.0);
  EXPECT_DOUBLE_EQ(*s.overall, 37.5);
  EXPECT_EQ(rounded_percent(*s.overall), 38);
  EXPECT_DOUBLE_EQ(*s.legal_compliance, 0.0);  // B.1 and B.2 both 0
}

TEST(Scoring, UnansweredCriteriaAreLeftOutLikeNotApplicable) {
  // Only A.3 (weight 2) answered, 1 → (2*1) / (2*2) = 50 %. B and C have nothing.
  const auto s = scored(test_grid(), {{"A.3", 1}});
  EXPECT_DOUBLE_EQ(*s.domains[0].percent, 50.0);
  EXPECT_EQ(s.domains[0].scored, 1);
  EXPECT_EQ(s.domains[0].unanswered, 2);
  EXPECT_FALSE(s.domains[1].percent);
  EXPECT_EQ(s.domains[1].unanswered, 3);
  EXPECT_FALSE(s.domains[2].percent);
  EXPECT_DOUBLE_EQ(*s.overall, 50.0);  // A alone
  EXPECT_FALSE(s.legal_compliance);    // no legal criterion scored
}

TEST(Scoring, NothingScoredHasNoFigures) {
  for (const auto& answers :
       {std::vector<Answer>{}, std::vector<Answer>{{"A.1", NA}, {"B.1", NA}, {"B.2", NA}, {"C.2", NA}}}) {
    const auto s = scored(test_grid(), answers);
    ASSERT_EQ(s.domains.size(), 3u);
    for (const auto& domain : s.domains) EXPECT_FALSE(domain.percent) << domain.code;
    EXPECT_FALSE(s.overall);
    EXPECT_FALSE(s.legal_compliance);
    EXPECT_TRUE(s.critical_failures.empty());
    EXPECT_TRUE(s.below_satisfactory.empty());
  }
}

TEST(Scoring, LegalComplianceLeavesOutNotApplicable) {
  // B.1 N/A, B.2 scored 1 → 0 of 1 legal criteria at 2 = 0 %.
  auto s = scored(test_grid(), {{"B.1", NA}, {"B.2", 1}});
  ASSERT_TRUE(s.legal_compliance);
  EXPECT_DOUBLE_EQ(*s.legal_compliance, 0.0);
  // B.1 N/A, B.2 scored 2 → 1 of 1 = 100 %. A probable-legal criterion at 0 changes nothing.
  s = scored(test_grid(), {{"B.1", NA}, {"B.2", 2}, {"B.3", 0}});
  EXPECT_DOUBLE_EQ(*s.legal_compliance, 100.0);
}

TEST(Scoring, CriticalFailuresComeInGridOrderWhateverTheAnswerOrder) {
  // C.1, B.3 and B.1 critical at 0, answered in reverse; C.1 at 1 would be no failure.
  auto s = scored(test_grid(), {{"C.1", 0}, {"B.3", 0}, {"A.1", 0}, {"B.1", 0}});
  EXPECT_EQ(s.critical_failures, (std::vector<std::string>{"B.1", "B.3", "C.1"}));
  ASSERT_EQ(s.below_satisfactory.size(), 4u);
  EXPECT_EQ(s.below_satisfactory[0].criterion_code, "A.1");
  EXPECT_EQ(s.below_satisfactory[0].severity, "high");  // 0, not critical
  EXPECT_EQ(s.below_satisfactory[3].criterion_code, "C.1");
  s = scored(test_grid(), {{"C.1", 1}, {"B.1", 2}});
  EXPECT_TRUE(s.critical_failures.empty());
  EXPECT_EQ(s.below_satisfactory, (std::vector<Shortfall>{{"C", "C.1", 1, true, "high"}}));
}

TEST(Scoring, RejectsScoresOutsideTheScale) {
  for (const int bad : {3, -1, 100}) {
    const auto result = score(test_grid(), {{"A.1", 2}, {"A.2", bad}});
    ASSERT_FALSE(result) << bad;
    EXPECT_EQ(result.error().code, ErrorCode::OutOfRange);
    EXPECT_EQ(result.error().field, "A.2");
    EXPECT_EQ(result.error().detail, (json{{"min", 0}, {"max", 2}}));
  }
}

TEST(Scoring, RejectsCriteriaNotInTheGrid) {
  const auto result = score(test_grid(), {{"A.1", 2}, {"D1.1", 2}});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::InvalidReference);
  EXPECT_EQ(result.error().field, "D1.1");
}

TEST(Scoring, RejectsTwoAnswersToOneCriterion) {
  const auto result = score(test_grid(), {{"A.1", 2}, {"A.1", NA}});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::Duplicate);
  EXPECT_EQ(result.error().field, "A.1");
}

TEST(Scoring, DefaultGrid) {
  const auto grid = parse_grid(json::parse(store::embedded_file("data/grid.json")));
  ASSERT_TRUE(grid);
  std::vector<Answer> answers;
  for (const auto& domain : grid->domains)
    for (const auto& criterion : domain.criteria) answers.push_back({criterion.code, 2});
  // Everything satisfactory: 100 % everywhere, nothing to raise.
  auto s = scored(*grid, answers);
  EXPECT_DOUBLE_EQ(*s.overall, 100.0);
  EXPECT_DOUBLE_EQ(*s.legal_compliance, 100.0);
  EXPECT_TRUE(s.below_satisfactory.empty());

  // D1.1 (legal, critical) at 0: D1 = (0 + 5*2) / (2*6) = 83.33 %;
  // overall = (83.33 + 8*100) / 9 = 98.15 %; legal = 5 of 6 = 83.33 %.
  answers[0].score = 0;
  s = scored(*grid, answers);
  EXPECT_DOUBLE_EQ(*s.domains[0].percent, 1000.0 / 12);
  EXPECT_EQ(rounded_percent(*s.domains[0].percent), 83);
  EXPECT_DOUBLE_EQ(*s.overall, (1000.0 / 12 + 800) / 9);
  EXPECT_EQ(rounded_percent(*s.overall), 98);
  EXPECT_EQ(rounded_percent(*s.legal_compliance), 83);
  EXPECT_EQ(s.critical_failures, (std::vector<std::string>{"D1.1"}));

  // Everything absent: all 7 critical criteria fail, in grid order; 48 shortcomings.
  for (auto& answer : answers) answer.score = 0;
  s = scored(*grid, answers);
  EXPECT_DOUBLE_EQ(*s.overall, 0.0);
  EXPECT_EQ(s.critical_failures, (std::vector<std::string>{"D1.1", "D1.2", "D2.1", "D5.1", "D5.2", "D5.4", "D8.4"}));
  EXPECT_EQ(s.below_satisfactory.size(), 48u);
}

TEST(ScoringSeverity, FollowsScoreAndCriticality) {
  EXPECT_EQ(severity(0, true), "critical");
  EXPECT_EQ(severity(0, false), "high");
  EXPECT_EQ(severity(1, true), "high");
  EXPECT_EQ(severity(1, false), "medium");
  EXPECT_EQ(severity(2, true), "");
  EXPECT_EQ(severity(2, false), "");
}

TEST(ScoringRoundedPercent, HalvesGoAwayFromZero) {
  EXPECT_EQ(rounded_percent(62.5), 63);
  EXPECT_EQ(rounded_percent(62.49), 62);
  EXPECT_EQ(rounded_percent(0.5), 1);
  EXPECT_EQ(rounded_percent(-0.5), -1);
  EXPECT_EQ(rounded_percent(-2.5), -3);
  EXPECT_EQ(rounded_percent(100.0 / 3), 33);
  EXPECT_EQ(rounded_percent(200.0 / 3), 67);
  EXPECT_EQ(rounded_percent(100.0), 100);
  EXPECT_EQ(rounded_percent(0.0), 0);
  // 0.145 * 100 is 14.499999999999998 in binary floating point; it is meant as 14.5.
  EXPECT_EQ(rounded_percent(0.145 * 100), 15);
  EXPECT_EQ(rounded_percent(std::numeric_limits<double>::quiet_NaN()), 0);
  EXPECT_EQ(rounded_percent(std::numeric_limits<double>::infinity()), 0);
}

}  // namespace
}  // namespace riaya::domain
