#include "domain/grid.hpp"
#include "store/embedded_files.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <string>

namespace riaya::domain {
namespace {

using nlohmann::json;

json shipped_json() { return json::parse(store::embedded_file("data/grid.json")); }

Grid shipped_grid() {
  auto grid = parse_grid(shipped_json());
  if (!grid) throw std::runtime_error("data/grid.json does not parse: " + grid.error().field);
  return std::move(*grid);
}

std::vector<std::string> codes_where(const Grid& grid, const std::function<bool(const GridCriterion&)>& keep) {
  std::vector<std::string> codes;
  for (const auto& domain : grid.domains) {
    for (const auto& criterion : domain.criteria) {
      if (keep(criterion)) codes.push_back(criterion.code);
    }
  }
  return codes;
}

TEST(GridDefault, ParsesWithTheNineDomainsOfGridMd) {
  const auto parsed = parse_grid(shipped_json());
  ASSERT_TRUE(parsed) << parsed.error().field;
  const Grid& grid = *parsed;
  EXPECT_EQ(grid.code, "default-2018");
  EXPECT_EQ(grid.version, 1);
  ASSERT_EQ(grid.domains.size(), 9u);
  // Criteria per domain as GRID.md numbers them: 6 6 5 6 6 5 5 5 4 = 48.
  const std::vector<std::size_t> sizes = {6, 6, 5, 6, 6, 5, 5, 5, 4};
  for (std::size_t d = 0; d < 9; ++d) {
    EXPECT_EQ(grid.domains[d].code, "D" + std::to_string(d + 1));
    EXPECT_EQ(grid.domains[d].criteria.size(), sizes[d]) << grid.domains[d].code;
    EXPECT_EQ(grid.domains[d].weight, 1.0);
    for (std::size_t c = 0; c < grid.domains[d].criteria.size(); ++c)
      EXPECT_EQ(grid.domains[d].criteria[c].code, grid.domains[d].code + "." + std::to_string(c + 1));
  }
  EXPECT_EQ(grid.criterion_count(), 48u);
  EXPECT_EQ(grid.domains[0].name_ar, "القانوني");
  EXPECT_EQ(grid.domains[0].name_fr, "Juridique");
  EXPECT_EQ(grid.domains[7].name_fr, "Services, santé et alimentation");
}

TEST(GridDefault, ScaleAndNotApplicableLabels) {
  const Grid grid = shipped_grid();
  ASSERT_EQ(grid.scale.size(), 3u);
  EXPECT_EQ(grid.scale[0], (ScaleLevel{0, "غير متوفر", "absent"}));
  EXPECT_EQ(grid.scale[1], (ScaleLevel{1, "جزئي", "partiel"}));
  EXPECT_EQ(grid.scale[2], (ScaleLevel{2, "مرض", "satisfaisant"}));
  EXPECT_EQ(grid.not_applicable_ar, "لا ينطبق");
  EXPECT_EQ(grid.not_applicable_fr, "sans objet");
}

// Counted by hand from GRID.md:
//   L  : D1.1 D1.3 D1.6 D2.1 D7.1 D7.2           = 6
//   L? : D1.2 D2.2 D2.5 D3.2 D5.4 D5.5           = 6
//   C  : D1.1 D1.2 D2.1 D5.1 D5.2 D5.4 D8.4      = 7
TEST(GridDefault, LegalAndCriticalTagsMatchGridMd) {
  const Grid grid = shipped_grid();
  EXPECT_EQ(codes_where(grid, [](const auto& c) { return c.legal == LegalStatus::Yes; }),
            (std::vector<std::string>{"D1.1", "D1.3", "D1.6", "D2.1", "D7.1", "D7.2"}));
  EXPECT_EQ(codes_where(grid, [](const auto& c) { return c.legal == LegalStatus::Probable; }),
            (std::vector<std::string>{"D1.2", "D2.2", "D2.5", "D3.2", "D5.4", "D5.5"}));
  EXPECT_EQ(codes_where(grid, [](const auto& c) { return c.critical; }),
            (std::vector<std::string>{"D1.1", "D1.2", "D2.1", "D5.1", "D5.2", "D5.4", "D8.4"}));
}

TEST(GridDefault, LegalReferencesOnlyOnConfirmedObligations) {
  const Grid grid = shipped_grid();
  for (const auto& domain : grid.domains) {
    for (const auto& criterion : domain.criteria) {
      if (criterion.legal != LegalStatus::Yes) {
        EXPECT_FALSE(criterion.legal_reference) << criterion.code;
      } else if (criterion.code == "D1.6") {
        EXPECT_EQ(criterion.legal_reference, "Loi 09-08");  // the CNDP criterion
      } else {
        EXPECT_EQ(criterion.legal_reference, "Loi 65.15") << criterion.code;
      }
    }
  }
}

TEST(GridDefault, EveryCriterionIsWrittenInBothLanguagesWithUniqueCodes) {
  const Grid grid = shipped_grid();
  std::set<std::string> codes;
  for (const auto& domain : grid.domains) {
    EXPECT_FALSE(domain.name_ar.empty()) << domain.code;
    EXPECT_FALSE(domain.name_fr.empty()) << domain.code;
    for (const auto& criterion : domain.criteria) {
      EXPECT_TRUE(codes.insert(criterion.code).second) << criterion.code;
      EXPECT_EQ(criterion.weight, 1.0) << criterion.code;
      for (const auto* text : {&criterion.text_ar, &criterion.text_fr, &criterion.guidance_ar, &criterion.guidance_fr,
                               &criterion.remedy_ar, &criterion.remedy_fr})
        EXPECT_FALSE(text->empty()) << criterion.code;
      // The Arabic texts are Arabic: they start with a letter of the Arabic block (U+0600-U+06FF,
      // lead byte 0xD8-0xDB in UTF-8), not with a Latin one that would flip the line's direction.
      for (const auto* text : {&criterion.text_ar, &criterion.guidance_ar, &criterion.remedy_ar}) {
        const auto lead = static_cast<unsigned char>(text->front());
        EXPECT_TRUE(lead >= 0xD8 && lead <= 0xDB) << criterion.code << ": " << *text;
      }
    }
  }
  EXPECT_EQ(codes.size(), 48u);
}

TEST(GridDefault, TextsAreThoseOfGridMd) {
  const Grid grid = shipped_grid();
  const auto* d1_1 = grid.find_criterion("D1.1");
  ASSERT_TRUE(d1_1);
  EXPECT_EQ(d1_1->text_ar, "ترخيص فتح ساري");
  EXPECT_EQ(d1_1->text_fr, "Autorisation d'ouverture valide");
  EXPECT_EQ(d1_1->remedy_ar, "إيداع ملف طلب الترخيص لدى السلطات المختصة");
  EXPECT_EQ(d1_1->remedy_fr, "Déposer la demande d'autorisation auprès des autorités compétentes");
  EXPECT_EQ(grid.find_criterion("D1.2")->text_fr, "Effectif ≤ capacité autorisée");
  EXPECT_EQ(grid.find_criterion("D9.4")->text_ar, "النقل المدرسي");
  EXPECT_EQ(grid.domain_of("D5.2")->code, "D5");
  EXPECT_EQ(grid.find_criterion("D9.5"), nullptr);
  EXPECT_EQ(grid.domain_of("D10.1"), nullptr);
}

TEST(GridDefault, RoundTripsThroughJson) {
  const Grid grid = shipped_grid();
  const auto again = parse_grid(grid_to_json(grid));
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, grid);
}

// A small valid grid; each broken-grid case below changes one thing in it.
json small() {
  return json::parse(R"({
    "code": "g", "version": 2, "name_ar": "شبكة",
    "scale": [{"value": 0, "ar": "غير متوفر"}, {"value": 1, "ar": "جزئي"}, {"value": 2, "ar": "مرض"}],
    "not_applicable": {"ar": "لا ينطبق"},
    "domains": [
      {"code": "A", "name_ar": "أ", "criteria": [{"code": "A.1", "text_ar": "معيار"}]},
      {"code": "B", "name_ar": "ب", "weight": 2.5,
       "criteria": [{"code": "B.1", "text_ar": "معيار", "legal": "yes", "legal_reference": " Loi 65.15 ",
                     "critical": true},
                    {"code": "B.2", "text_ar": "  معيار آخر ", "weight": 3, "legal": "probable"}]}
    ]})");
}

TEST(GridParse, OptionalKeysTakeTheirDefaults) {
  const auto grid = parse_grid(small());
  ASSERT_TRUE(grid) << grid.error().field;
  EXPECT_EQ(grid->version, 2);
  EXPECT_EQ(grid->name_fr, "");
  EXPECT_EQ(grid->scale[2].fr, "");
  const auto& a1 = grid->domains[0].criteria[0];
  EXPECT_EQ(grid->domains[0].weight, 1.0);
  EXPECT_EQ(a1.weight, 1.0);
  EXPECT_EQ(a1.legal, LegalStatus::No);
  EXPECT_FALSE(a1.legal_reference);
  EXPECT_FALSE(a1.critical);
  EXPECT_EQ(a1.remedy_ar, "");
  const auto& b1 = grid->domains[1].criteria[0];
  EXPECT_EQ(grid->domains[1].weight, 2.5);
  EXPECT_EQ(b1.legal, LegalStatus::Yes);
  EXPECT_EQ(b1.legal_reference, "Loi 65.15");  // trimmed
  EXPECT_TRUE(b1.critical);
  EXPECT_EQ(grid->domains[1].criteria[1].text_ar, "معيار آخر");
  EXPECT_EQ(grid->domains[1].criteria[1].weight, 3.0);
  EXPECT_EQ(grid->domains[1].criteria[1].legal, LegalStatus::Probable);
}

struct Broken {
  std::string name;
  std::function<void(json&)> change;
  ErrorCode code;
  std::string field;
};

class GridParseBroken : public testing::TestWithParam<Broken> {};

TEST_P(GridParseBroken, NamesTheErrorAndItsPlace) {
  json document = small();
  GetParam().change(document);
  const auto grid = parse_grid(document);
  ASSERT_FALSE(grid);
  EXPECT_EQ(grid.error().code, GetParam().code) << error_code_name(grid.error().code);
  EXPECT_EQ(grid.error().field, GetParam().field);
}

INSTANTIATE_TEST_SUITE_P(
    Grid, GridParseBroken,
    testing::Values(
        Broken{"NotAnObject", [](json& g) { g = json::array(); }, ErrorCode::WrongType, ""},
        Broken{"NoCode", [](json& g) { g.erase("code"); }, ErrorCode::Required, "code"},
        Broken{"NoVersion", [](json& g) { g.erase("version"); }, ErrorCode::Required, "version"},
        Broken{"VersionText", [](json& g) { g["version"] = "1"; }, ErrorCode::WrongType, "version"},
        Broken{"VersionZero", [](json& g) { g["version"] = 0; }, ErrorCode::InvalidValue, "version"},
        Broken{"BlankName", [](json& g) { g["name_ar"] = "  "; }, ErrorCode::Required, "name_ar"},
        Broken{"UnknownKey", [](json& g) { g["domain"] = 1; }, ErrorCode::UnknownField, "domain"},
        Broken{"NoScale", [](json& g) { g.erase("scale"); }, ErrorCode::Required, "scale"},
        Broken{"ScaleOf4",
               [](json& g) {
                 g["scale"].push_back({{"value", 3}, {"ar", "ممتاز"}});
               },
               ErrorCode::InvalidValue, "scale"},
        Broken{"ScaleOf2", [](json& g) { g["scale"].erase(2); }, ErrorCode::InvalidValue, "scale"},
        Broken{"ScaleOutOfOrder", [](json& g) { g["scale"][0]["value"] = 1; }, ErrorCode::InvalidValue, "scale"},
        Broken{"ScaleNoArabic", [](json& g) { g["scale"][1].erase("ar"); }, ErrorCode::Required, "scale[1].ar"},
        Broken{"NoNotApplicableArabic", [](json& g) { g["not_applicable"] = json::object(); }, ErrorCode::Required,
               "not_applicable.ar"},
        Broken{"NoDomains", [](json& g) { g.erase("domains"); }, ErrorCode::Required, "domains"},
        Broken{"EmptyDomains", [](json& g) { g["domains"] = json::array(); }, ErrorCode::Required, "domains"},
        Broken{"DomainsNotArray", [](json& g) { g["domains"] = json::object(); }, ErrorCode::WrongType, "domains"},
        Broken{"DomainNotObject", [](json& g) { g["domains"][1] = "B"; }, ErrorCode::WrongType, "domains[1]"},
        Broken{"DomainNoArabicName", [](json& g) { g["domains"][1].erase("name_ar"); }, ErrorCode::Required,
               "domains[1].name_ar"},
        Broken{"DomainNoCriteria", [](json& g) { g["domains"][1]["criteria"] = json::array(); }, ErrorCode::Required,
               "domains[1].criteria"},
        Broken{"DomainWeightZero", [](json& g) { g["domains"][1]["weight"] = 0; }, ErrorCode::InvalidValue,
               "domains[1].weight"},
        Broken{"DomainWeightText", [](json& g) { g["domains"][0]["weight"] = "1"; }, ErrorCode::WrongType,
               "domains[0].weight"},
        Broken{"DuplicateDomain", [](json& g) { g["domains"][1]["code"] = "A"; }, ErrorCode::Duplicate,
               "domains[1].code"},
        Broken{"CriterionNoArabic", [](json& g) { g["domains"][1]["criteria"][1].erase("text_ar"); },
               ErrorCode::Required, "domains[1].criteria[1].text_ar"},
        Broken{"CriterionArabicNumber", [](json& g) { g["domains"][1]["criteria"][0]["text_ar"] = 5; },
               ErrorCode::WrongType, "domains[1].criteria[0].text_ar"},
        Broken{"CriterionNoCode", [](json& g) { g["domains"][0]["criteria"][0]["code"] = ""; }, ErrorCode::Required,
               "domains[0].criteria[0].code"},
        Broken{"CriterionWeightNegative", [](json& g) { g["domains"][1]["criteria"][1]["weight"] = -1; },
               ErrorCode::InvalidValue, "domains[1].criteria[1].weight"},
        Broken{"CriterionLegalUnknown", [](json& g) { g["domains"][1]["criteria"][1]["legal"] = "maybe"; },
               ErrorCode::InvalidValue, "domains[1].criteria[1].legal"},
        Broken{"CriterionLegalWithoutReference",
               [](json& g) { g["domains"][1]["criteria"][0]["legal_reference"] = nullptr; }, ErrorCode::Required,
               "domains[1].criteria[0].legal_reference"},
        Broken{"CriterionCriticalText", [](json& g) { g["domains"][1]["criteria"][0]["critical"] = "yes"; },
               ErrorCode::WrongType, "domains[1].criteria[0].critical"},
        Broken{"CriterionMisspeltKey", [](json& g) { g["domains"][0]["criteria"][0]["remedy_arr"] = "x"; },
               ErrorCode::UnknownField, "domains[0].criteria[0].remedy_arr"},
        // Criterion codes are unique across the grid, not only within a domain.
        Broken{"DuplicateCriterionAcrossDomains", [](json& g) { g["domains"][1]["criteria"][1]["code"] = "A.1"; },
               ErrorCode::Duplicate, "domains[1].criteria[1].code"},
        Broken{"DuplicateCriterionInDomain", [](json& g) { g["domains"][1]["criteria"][1]["code"] = "B.1"; },
               ErrorCode::Duplicate, "domains[1].criteria[1].code"}),
    [](const testing::TestParamInfo<Broken>& param_info) { return param_info.param.name; });

TEST(GridParse, ShippedGridWithOneBreakageNamesIt) {
  json document = shipped_json();
  document["domains"][2]["criteria"][0].erase("text_ar");
  const auto grid = parse_grid(document);
  ASSERT_FALSE(grid);
  EXPECT_EQ(grid.error().code, ErrorCode::Required);
  EXPECT_EQ(grid.error().field, "domains[2].criteria[0].text_ar");
}

}  // namespace
}  // namespace riaya::domain
