// The performance record's monthly statistics (issue 16): typed by an institution's association
// or the division, checked (counts, month, one breakdown, over-capacity confirmation), scoped,
// audited, and the institutions that have not reported a month; on both backends.
#include "domain/statistics.hpp"
#include "domain/dates.hpp"
#include "store/indicator_sums.hpp"
#include "suite.hpp"

#include <string>

namespace riaya::test {
namespace {

class Statistics : public ApiTest {
 protected:
  static long long institution_id(const std::string& code) {
    return server().db().read([&](soci::session& s) {
      return store::Query("SELECT id FROM institutions WHERE code = :c").bind("c", code).scalar(s);
    });
  }

  // A month of a boarding house: `primary_f` girls and 30 boys in primary school, 2 admissions.
  static json month(long long institution, const std::string& month, long long primary_f = 40) {
    return {{"institution_id", institution}, {"month", month},          {"present_primary_f", primary_f},
            {"present_primary_m", 30},       {"present_college_f", 10}, {"admissions_f", 2},
            {"exits_dropout_m", 1}};
  }

  static long long audit_entries(const std::string& action) {
    return server().db().read([&](soci::session& s) {
      return store::Query("SELECT COUNT(*) FROM audit_log WHERE entity = 'monthly_statistics' AND action = :a")
          .bind("a", action)
          .scalar(s);
    });
  }

  // Refuses `body` on POST: status, code, field, and nothing written (records or audit).
  static Reply expect_refused(Client& client, const json& body, int status, const std::string& code,
                              const std::string& field) {
    return ApiTest::expect_refused(client, "monthly_statistics", body, status, code, field);
  }
};

TEST_F(Statistics, AnAssociationTypesAMonthAndReadsItBackWithItsTotals) {
  auto association = as("association");
  const auto house = institution_id("DEMO-BOD-001");
  const auto audited = audit_entries("create");
  auto created = association.post("/api/monthly_statistics", month(house, "2019-01"));
  ASSERT_EQ(created.status, 201) << created.body;
  const auto record = created.data();
  EXPECT_EQ(record["present_total"], 80);
  EXPECT_EQ(record["present_f"], 50);
  EXPECT_EQ(record["present_m"], 30);
  EXPECT_EQ(record["institution_capacity"], 120);
  EXPECT_EQ(record["institution_category"], "dar_talib");
  // The breakdown used is filled with zeros; the other one stays empty.
  EXPECT_EQ(record["present_lycee_m"], 0);
  EXPECT_TRUE(record["present_age_0_5_f"].is_null());
  EXPECT_EQ(record["exits_moved_f"], 0);
  EXPECT_EQ(audit_entries("create"), audited + 1);

  const auto id = std::to_string(record["id"].get<long long>());
  EXPECT_EQ(association.get("/api/monthly_statistics/" + id).data()["present_total"], 80);
  const auto list = association.get("/api/monthly_statistics?institution_id=" + std::to_string(house)).data();
  ASSERT_EQ(list["total"], 1) << list.dump();
  EXPECT_EQ(list["items"][0]["month"], "2019-01");
  EXPECT_EQ(as("division").get("/api/monthly_statistics?school_year=2018-2019&month=2019-01").data()["total"], 1);
  EXPECT_EQ(as("viewer").get("/api/monthly_statistics?school_year=2019-2020").data()["total"], 0);

  // The division corrects it, with the version it read: audited before → after.
  auto changed = record;
  changed["present_primary_f"] = 45;
  auto updated = as("division").put("/api/monthly_statistics/" + id, changed);
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(updated.data()["present_total"], 85);
  EXPECT_EQ(association.put("/api/monthly_statistics/" + id, changed).status, 409);  // stale version
  const auto entry = server().db().read([&](soci::session& s) {
    return *store::Query(
                "SELECT before_json, after_json FROM audit_log WHERE entity = 'monthly_statistics'"
                " AND action = 'update' AND entity_id = :id")
                .bind("id", record["id"])
                .first(s);
  });
  EXPECT_EQ(json::parse(entry["before_json"].get<std::string>())["present_primary_f"], 40);
  EXPECT_EQ(json::parse(entry["after_json"].get<std::string>())["present_primary_f"], 45);
}

TEST_F(Statistics, AHomeCountsByAgeBand) {
  const auto home = institution_id("DEMO-BOD-004");  // elderly, capacity 30
  auto created = as("division")
                     .post("/api/monthly_statistics", {{"institution_id", home},
                                                       {"month", "2019-02"},
                                                       {"present_age_60_74_f", 8},
                                                       {"present_age_60_74_m", 6},
                                                       {"present_age_75_plus_f", 9},
                                                       {"present_age_75_plus_m", 4},
                                                       {"exits_other_f", 1}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.data()["present_total"], 27);
  EXPECT_EQ(created.data()["present_age_0_5_m"], 0);
  EXPECT_TRUE(created.data()["present_primary_f"].is_null());
}

TEST_F(Statistics, BadFiguresAreRefusedNamingTheFieldAndWriteNothing) {
  auto association = as("association");
  const auto house = institution_id("DEMO-BOD-002");  // capacity 100
  expect_refused(association, with(month(house, "2019-03"), {{"present_primary_f", -1}}), 422, "out_of_range",
                 "present_primary_f");
  expect_refused(association, with(month(house, "2019-03"), {{"admissions_m", 2.5}}), 422, "wrong_type",
                 "admissions_m");
  expect_refused(association, with(month(house, "2019-03"), {{"exits_dropout_f", "3"}}), 422, "wrong_type",
                 "exits_dropout_f");
  expect_refused(association, with(month(house, "2019-03"), {{"month", "2019-13"}}), 422, "invalid_value", "month");
  expect_refused(association, with(month(house, "2019-03"), {{"month", "2019-3"}}), 422, "invalid_value", "month");
  const auto next = domain::next_month(domain::month_of(domain::today_iso()));
  expect_refused(association, month(house, next), 422, "out_of_range", "month");
  expect_refused(association, with(month(house, "2019-03"), {{"present_age_6_11_m", 3}}), 422, "invalid_value",
                 "present_age_6_11_m");
  expect_refused(association, with(month(house, "2019-03"), {{"present_total", 3}, {"beds", 1}}), 422, "unknown_field",
                 "beds");
  expect_refused(association, json{{"institution_id", house}}, 422, "required", "month");

  // The current month is accepted; a second record of the same month is a duplicate.
  const auto current = domain::month_of(domain::today_iso());
  ASSERT_EQ(association.post("/api/monthly_statistics", month(house, current)).status, 201);
  expect_refused(association, month(house, current), 409, "duplicate", "month");
}

TEST_F(Statistics, OverOneAndAHalfTimesTheCapacityMustBeConfirmed) {
  auto association = as("association");
  const auto house = institution_id("DEMO-BOD-002");  // capacity 100: up to 150 without confirming
  ASSERT_EQ(association.post("/api/monthly_statistics", month(house, "2018-10", 110)).status, 201);  // 150 in all
  const auto refused =
      expect_refused(association, month(house, "2018-11", 111), 422, "confirmation_required", "capacity_confirmed");
  EXPECT_EQ(refused.data()["error"]["present_total"], 151) << refused.body;
  EXPECT_EQ(refused.data()["error"]["limit"], 150) << refused.body;
  expect_refused(association, with(month(house, "2018-11", 111), {{"capacity_confirmed", 0}}), 422,
                 "confirmation_required", "capacity_confirmed");
  expect_refused(association, with(month(house, "2018-11", 111), {{"capacity_confirmed", 2}}), 422, "out_of_range",
                 "capacity_confirmed");

  // The message names the confirmation in the caller's language.
  ASSERT_EQ(association.post("/api/session/language", {{"language", "fr"}}).status, 200);
  const auto french = association.post("/api/monthly_statistics", month(house, "2018-11", 111)).data();
  EXPECT_NE(french["error"]["message"].get<std::string>().find("confirmation du dépassement de capacité"),
            std::string::npos)
      << french.dump();
  const auto field = association.post("/api/monthly_statistics", with(month(house, "2018-11"), {{"admissions_f", -2}}));
  EXPECT_NE(field.data()["error"]["message"].get<std::string>().find("admissions — féminin"), std::string::npos)
      << field.body;
  ASSERT_EQ(association.post("/api/session/language", {{"language", "en"}}).status, 200);

  auto confirmed =
      association.post("/api/monthly_statistics", with(month(house, "2018-11", 111), {{"capacity_confirmed", 1}}));
  ASSERT_EQ(confirmed.status, 201) << confirmed.body;
  EXPECT_EQ(confirmed.data()["capacity_confirmed"], 1);
}

TEST_F(Statistics, AnAssociationNeverReadsNorWritesAnotherAssociationsInstitution) {
  const auto own = institution_id("DEMO-BOD-001");
  const auto neighbour = institution_id("DEMO-BOD-003");  // another association, same province
  const auto elsewhere = institution_id("OTHER-001");
  auto division = as("division");
  auto theirs = division.post("/api/monthly_statistics", month(neighbour, "2019-04", 5));
  ASSERT_EQ(theirs.status, 201) << theirs.body;
  auto ours = as("association").post("/api/monthly_statistics", month(own, "2019-04"));
  ASSERT_EQ(ours.status, 201) << ours.body;

  auto association = as("association");
  const auto id = std::to_string(theirs.data()["id"].get<long long>());
  EXPECT_EQ(association.get("/api/monthly_statistics/" + id).status, 404);
  EXPECT_EQ(association.get("/api/monthly_statistics?month=2019-04").data()["total"], 1);
  EXPECT_EQ(association.get("/api/monthly_statistics?institution_id=" + std::to_string(neighbour)).data()["total"], 0);
  EXPECT_EQ(association.put("/api/monthly_statistics/" + id, theirs.data()).status, 404);
  EXPECT_EQ(association.post("/api/monthly_statistics/" + id + "/archive", {{"version", 1}}).status, 404);
  expect_refused(association, month(neighbour, "2019-05"), 422, "invalid_reference", "institution_id");
  expect_refused(association, month(elsewhere, "2019-05"), 422, "invalid_reference", "institution_id");
  // Moving its own month to another's institution is refused too.
  expect_refused(association, month(elsewhere, "2019-05"), 422, "invalid_reference", "institution_id");
  auto moved = ours.data();
  moved["institution_id"] = neighbour;
  const auto put =
      association.put("/api/monthly_statistics/" + std::to_string(ours.data()["id"].get<long long>()), moved);
  EXPECT_EQ(put.status, 422) << put.body;
  EXPECT_EQ(put.data()["error"]["field"], "institution_id");

  // Another province's division sees none of them, and cannot type for this one's institutions.
  auto other = as("division_other");
  EXPECT_EQ(other.get("/api/monthly_statistics?month=2019-04").data()["total"], 0);
  expect_refused(other, month(own, "2019-06"), 422, "invalid_reference", "institution_id");
}

TEST_F(Statistics, OnlyTheAssociationAndTheDivisionTypeThem) {
  const auto house = institution_id("DEMO-BOD-006");
  for (const char* role : {"admin", "delegation", "assessor", "viewer"}) {
    EXPECT_EQ(as(role).post("/api/monthly_statistics", month(house, "2019-07")).status, 403) << role;
    EXPECT_EQ(as(role).get("/api/monthly_statistics?month=2019-07").status, 200) << role;
  }
}

TEST_F(Statistics, TheDivisionSeesWhoHasNotReportedAMonth) {
  auto division = as("division");
  const auto before = division.get("/api/institutions?unreported_month=2018-12&page_size=200").data();
  const auto active = division.get("/api/institutions?status=active&page_size=1").data()["total"];
  EXPECT_EQ(before["total"], active);
  const auto house = institution_id("DEMO-BOD-007");
  ASSERT_EQ(division.post("/api/monthly_statistics", month(house, "2018-12", 5)).status, 201);
  const auto after = division.get("/api/institutions?unreported_month=2018-12&page_size=200").data();
  EXPECT_EQ(after["total"].get<long long>(), active.get<long long>() - 1);
  for (const auto& item : after["items"]) EXPECT_NE(item["code"], "DEMO-BOD-007");
  // Another month is untouched; the association sees only its own institutions.
  EXPECT_EQ(division.get("/api/institutions?unreported_month=2017-01&page_size=1").data()["total"], active);
  const auto own = as("association").get("/api/institutions?unreported_month=2018-12").data();
  for (const auto& item : own["items"]) EXPECT_EQ(item["association_id"], 1);
  EXPECT_EQ(division.get("/api/institutions?unreported_month=2018-13").status, 400);
  EXPECT_EQ(division.get("/api/monthly_statistics?school_year=2018-2020").status, 400);
  // The export of the list works like any list's.
  const auto file = division.get("/api/institutions/export?format=csv&unreported_month=2018-12");
  EXPECT_EQ(file.status, 200) << file.body;
}

TEST_F(Statistics, IndicatorsOfAnInstitutionAsWorkedOutByHand) {
  auto division = as("division");
  const auto house = institution_id("DEMO-BOD-001");  // capacity 120; its educator started 2019-10-01
  ASSERT_EQ(division
                .post("/api/monthly_statistics", {{"institution_id", house},
                                                  {"month", "2019-10"},
                                                  {"present_primary_f", 50},
                                                  {"present_primary_m", 40},
                                                  {"admissions_f", 50},
                                                  {"admissions_m", 40}})
                .status,
            201);
  ASSERT_EQ(division
                .post("/api/monthly_statistics", {{"institution_id", house},
                                                  {"month", "2019-11"},
                                                  {"present_primary_f", 52},
                                                  {"present_primary_m", 38},
                                                  {"admissions_f", 2},
                                                  {"exits_dropout_m", 2}})
                .status,
            201);
  const auto grant = division.post("/api/grants", {{"source", "indh"},
                                                   {"institution_id", house},
                                                   {"purpose", "operation"},
                                                   {"committed_centimes", 9'000'000},
                                                   {"disbursed_centimes", 9'000'000},
                                                   {"committed_on", "2019-11-15"},
                                                   {"disbursed_on", "2019-12-01"}});
  ASSERT_EQ(grant.status, 201) << grant.body;

  const auto target = "/api/indicators?school_year=2019-2020&institution_id=" + std::to_string(house);
  const auto answer = division.get(target).data();
  const auto& year = answer["current"];
  ASSERT_TRUE(year.is_object()) << answer.dump();
  EXPECT_EQ(year["reports"], 2);
  EXPECT_DOUBLE_EQ(year["occupancy_rate"].get<double>(), 180.0 / 240);
  EXPECT_DOUBLE_EQ(year["average_present"].get<double>(), 90);
  EXPECT_DOUBLE_EQ(year["average_present_f"].get<double>(), 51);
  // By school level and sex: all primary here, every level given.
  EXPECT_DOUBLE_EQ(year["average_present_by_level"]["primary"]["f"].get<double>(), 51);
  EXPECT_DOUBLE_EQ(year["average_present_by_level"]["primary"]["m"].get<double>(), 39);
  EXPECT_DOUBLE_EQ(year["average_present_by_level"]["college"]["f"].get<double>(), 0);
  EXPECT_EQ(year["average_present_by_level"].size(), domain::kSchoolLevels.size());
  EXPECT_DOUBLE_EQ(year["dropout_rate_m"].get<double>(), 2.0 / 40);
  EXPECT_DOUBLE_EQ(year["dropout_rate_f"].get<double>(), 0);
  EXPECT_DOUBLE_EQ(year["dropout_rate"].get<double>(), 2.0 / 92);
  EXPECT_EQ(year["educators"], 1);
  EXPECT_DOUBLE_EQ(year["beneficiaries_per_educator"].get<double>(), 90);
  EXPECT_EQ(year["disbursed_centimes"], 9'000'000);
  EXPECT_EQ(year["funding_per_beneficiary_centimes"], 100'000);
  ASSERT_EQ(answer["months"].size(), 2u);
  EXPECT_EQ(answer["months"][1]["month"], "2019-11");
  EXPECT_DOUBLE_EQ(answer["months"][1]["occupancy_rate"].get<double>(), 0.75);
  EXPECT_EQ(answer["trend"].back()["school_year"], "2019-2020");

  // The same figures for whoever reads the institution; nothing for those who do not.
  EXPECT_EQ(as("viewer").get(target).data()["current"]["reports"], 2);
  EXPECT_EQ(as("association").get(target).data()["current"]["reports"], 2);
  const auto neighbour = "/api/indicators?institution_id=" + std::to_string(institution_id("DEMO-BOD-003"));
  const auto none = as("association").get(neighbour).data();
  EXPECT_TRUE(none["current"].is_null()) << none.dump();
  EXPECT_TRUE(none["trend"].empty());
  EXPECT_TRUE(as("division_other").get(target).data()["current"]["reports"] == 0);
  EXPECT_EQ(division.get("/api/indicators?school_year=2019").status, 400);
  EXPECT_EQ(division.get("/api/indicators?colour=red").status, 400);

  // August closes the school year, September opens the next: the database sorts the months
  // into school years as domain::school_year_of does.
  for (const auto* month : {"2020-08", "2020-09"})
    ASSERT_EQ(
        division
            .post("/api/monthly_statistics", {{"institution_id", house}, {"month", month}, {"present_primary_f", 50}})
            .status,
        201)
        << month;
  const auto later = division.get("/api/indicators?institution_id=" + std::to_string(house)).data();
  ASSERT_GE(later["trend"].size(), 2u) << later.dump();
  const auto& last = later["trend"][later["trend"].size() - 1];
  const auto& before = later["trend"][later["trend"].size() - 2];
  EXPECT_EQ(last["school_year"], "2020-2021");
  EXPECT_EQ(last["reports"], 1);
  EXPECT_EQ(before["school_year"], "2019-2020");
  EXPECT_EQ(before["reports"], 3);
}

// The indicators are sums kept per institution and school year (store/indicator_sums.hpp): each
// write to the figures they come from changes them in its own transaction, and what is kept is
// what a recomputation from scratch gives (store::fill_indicator_sums on an emptied table).
TEST_F(Statistics, TheIndicatorsFollowEveryWriteToTheFiguresTheyAreSummedFrom) {
  auto division = as("division");
  auto created = division.post("/api/institutions", with(institution("SUMS-1"), {{"capacity", 100}}));
  ASSERT_EQ(created.status, 201) << created.body;
  auto house = created.data();
  const auto id = house["id"].get<long long>();
  const auto year = [&] {
    const auto answer =
        division.get("/api/indicators?school_year=2020-2021&institution_id=" + std::to_string(id)).data();
    return answer["current"];
  };

  auto october = division.post("/api/monthly_statistics", month(id, "2020-10"));  // 40 + 30 + 10 present
  ASSERT_EQ(october.status, 201) << october.body;
  EXPECT_EQ(year()["reports"], 1);
  EXPECT_DOUBLE_EQ(year()["average_present"].get<double>(), 80);
  EXPECT_DOUBLE_EQ(year()["occupancy_rate"].get<double>(), 0.8);

  auto changed = october.data();
  changed["present_primary_f"] = 60;
  const auto updated = division.put("/api/monthly_statistics/" + changed["id"].dump(), changed);
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_DOUBLE_EQ(year()["average_present"].get<double>(), 100);
  EXPECT_DOUBLE_EQ(year()["average_present_by_level"]["primary"]["f"].get<double>(), 60);

  house["capacity"] = 200;  // occupancy counts the institution's capacity as it now is
  ASSERT_EQ(division.put("/api/institutions/" + std::to_string(id), house).status, 200);
  EXPECT_DOUBLE_EQ(year()["occupancy_rate"].get<double>(), 0.5);

  auto november = division.post("/api/monthly_statistics", month(id, "2020-11", 20));  // 60 present
  ASSERT_EQ(november.status, 201) << november.body;
  EXPECT_EQ(year()["reports"], 2);
  EXPECT_DOUBLE_EQ(year()["average_present"].get<double>(), 80);
  const auto months =
      division.get("/api/indicators?school_year=2020-2021&institution_id=" + std::to_string(id)).data()["months"];
  ASSERT_EQ(months.size(), 2u) << months.dump();
  EXPECT_EQ(months[1]["month"], "2020-11");
  EXPECT_DOUBLE_EQ(months[1]["present_total"].get<double>(), 60);
  EXPECT_EQ(months[1]["capacity"], 200);

  const auto kept = division.get("/api/indicators?institution_id=" + std::to_string(id)).data();
  server().db().write([](soci::session& s) -> domain::Result<void> {
    store::Query("DELETE FROM indicator_sums").execute(s);
    return {};
  });
  store::fill_indicator_sums(server().db());
  EXPECT_EQ(division.get("/api/indicators?institution_id=" + std::to_string(id)).data(), kept);

  const auto archived = division.post("/api/monthly_statistics/" + november.data()["id"].dump() + "/archive",
                                      {{"version", november.data()["version"]}});
  ASSERT_EQ(archived.status, 200) << archived.body;
  EXPECT_EQ(year()["reports"], 1);
  EXPECT_DOUBLE_EQ(year()["average_present"].get<double>(), 100);
}

// A caller whose scope is a province or more reads the provinces' sums; what they hold is the
// sum of their institutions' rows, school year by school year, for months and school results
// alike (the demo's register gives results).
TEST_F(Statistics, TheProvincesSumsAreTheSumsOfTheirInstitutions) {
  auto division = as("division");
  const auto house = institution_id("DEMO-BOD-001");
  for (const auto* typed : {"2021-10", "2021-11", "2022-03"})
    ASSERT_EQ(division.post("/api/monthly_statistics", month(house, typed)).status, 201);
  // A register of two pupils with their results: its months are computed from 2018-09 on.
  const auto created = division.post("/api/institutions", institution("SUMS-REGISTER"));
  ASSERT_EQ(created.status, 201) << created.body;
  const auto registered = created.data()["id"];
  keep_register(registered.get<long long>());
  for (const auto* sex : {"f", "m"}) {
    const auto pupil = division.post("/api/beneficiaries", {{"institution_id", registered},
                                                            {"full_name_ar", std::string("تلميذ ") + sex},
                                                            {"sex", sex},
                                                            {"birth_date", "2008-03-14"},
                                                            {"origin_commune_id", created.data()["commune_id"]},
                                                            {"admission_date", "2018-09-10"}});
    ASSERT_EQ(pupil.status, 201) << pupil.body;
    for (const auto& [year, result] : {std::pair{"2018-2019", "promoted"}, {"2019-2020", "repeated"}})
      ASSERT_EQ(division
                    .post("/api/beneficiary_years", {{"beneficiary_id", pupil.data()["id"]},
                                                     {"school_year", year},
                                                     {"level", "primary"},
                                                     {"result", result}})
                    .status,
                201);
  }
  server().db().read([&](soci::session& s) {
    const auto path = store::Query("SELECT path FROM territories WHERE code = 'MA-BOD'").first(s).value()["path"];
    const store::Caller caller{.role = domain::Role::Division, .territory_path = path.get<std::string>()};
    const auto rows = store::indicator_rows(s, caller, {});
    EXPECT_EQ(rows.alias, "r");  // the provinces'
    const auto commune = store::Query("SELECT id FROM territories WHERE code = 'BOD-01'").scalar(s);
    EXPECT_EQ(store::indicator_rows(s, caller, {{"territory_id", commune}}).alias, "s");  // the institutions'
    EXPECT_EQ(store::indicator_rows(s, caller, {{"category", "dar_taliba"}}).alias, "s");

    const auto by_province = store::sum_school_years(s, rows);
    auto institutions = store::scoped_select("institutions", caller, store::ScopeUse::Read).lean();
    institutions.join("JOIN indicator_sums s ON s.institution_id = r.id");
    const auto by_institution = store::sum_school_years(s, {institutions, "s"});
    ASSERT_EQ(by_province.size(), by_institution.size());
    ASSERT_GE(by_province.size(), 2u);
    long long results = 0;
    for (const auto& [year, sums] : by_province) {
      ASSERT_TRUE(by_institution.contains(year)) << year;
      const auto& other = by_institution.at(year);
      EXPECT_EQ(sums.totals.institutions, other.totals.institutions) << year;
      EXPECT_EQ(sums.totals.reports, other.totals.reports) << year;
      EXPECT_EQ(sums.totals.served_f + sums.totals.served_m, other.totals.served_f + other.totals.served_m) << year;
      EXPECT_NEAR(sums.totals.average_present_f, other.totals.average_present_f, 1e-9) << year;
      EXPECT_NEAR(sums.totals.average_present_by_level.at("present_primary_m"),
                  other.totals.average_present_by_level.at("present_primary_m"), 1e-9)
          << year;
      ASSERT_EQ(sums.results.size(), other.results.size()) << year;
      for (std::size_t i = 0; i < sums.results.size(); ++i) {
        EXPECT_EQ(sums.results[i].count, other.results[i].count) << year;
        results += sums.results[i].count;
      }
      const auto months = store::sum_school_year_months(s, rows, year);
      const auto others = store::sum_school_year_months(s, {institutions, "s"}, year);
      ASSERT_EQ(months.size(), others.size()) << year;
      for (std::size_t i = 0; i < months.size(); ++i) {
        EXPECT_EQ(months[i].month, others[i].month);
        EXPECT_EQ(months[i].sums.present_f, others[i].sums.present_f);
        EXPECT_EQ(months[i].sums.capacity, others[i].sums.capacity);
      }
    }
    EXPECT_GT(results, 0);
  });
}

}  // namespace
}  // namespace riaya::test
