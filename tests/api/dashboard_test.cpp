// The live dashboard of issue 11: each tile's figure against the list that answers the same
// question for the same caller and filters, hand-worked figures, scope, and bad input.
#include "store/dashboard.hpp"
#include "store/accounts.hpp"
#include "store/database.hpp"
#include "suite.hpp"

#include <cmath>
#include <map>
#include <set>

namespace riaya::test {
namespace {

class Dashboard : public ApiTest {
 protected:
  // Two validated official assessments (institution 1 with D6.1 at 0, institution 6 with D3.1 at 1),
  // an action from institution 1's shortcoming, overdue; two grants; and in the other province a
  // shortcoming and a grant that no caller of this province may see.
  static void SetUpTestSuite() {
    ApiTest::SetUpTestSuite();
    auto division = as("division");
    auto assessor = as("assessor");
    const auto record = campaign(division, "دراسة تشخيصية - شتنبر 2018");
    campaign_id_ = record["id"].get<long long>();
    first_ = run_assessment(division, assessor, record, {{"D6.1", 0}}, 1)["id"].get<long long>();
    second_ = run_assessment(division, assessor, record, {{"D3.1", 1}}, 6)["id"].get<long long>();
    auto plan = division.post("/api/programmes", {{"name_ar", "برنامج العمل 2019-2020"},
                                                  {"territory_id", 3},
                                                  {"starts_on", "2019-05-01"},
                                                  {"ends_on", "2020-12-31"},
                                                  {"status", "active"}});
    EXPECT_EQ(plan.status, 201) << plan.body;
    const auto shortcomings = division.get("/api/shortcomings?institution_id=1&status=open").data()["items"];
    ASSERT_EQ(shortcomings.size(), 1u);
    auto made = division.post(
        "/api/programmes/" + std::to_string(plan.data()["id"].get<long long>()) + "/actions-from-shortcomings",
        {{"shortcoming_ids", {shortcomings[0]["id"]}}, {"due_on", "2019-12-31"}});
    EXPECT_EQ(made.status, 201) << made.body;
    for (const auto& grant : {json{{"source", "indh"},
                                   {"institution_id", 1},
                                   {"purpose", "equipment"},
                                   {"committed_centimes", 3'000'000},
                                   {"disbursed_centimes", 1'000'000},
                                   {"committed_on", "2019-06-01"}},
                              json{{"source", "entraide_nationale"},
                                   {"association_id", 4},
                                   {"purpose", "operation"},
                                   {"committed_centimes", 500'000},
                                   {"disbursed_centimes", 500'000},
                                   {"committed_on", "2020-02-01"}}}) {
      auto created = division.post("/api/grants", grant);
      EXPECT_EQ(created.status, 201) << created.body;
    }
    auto other = as("division_other");
    const auto foreign = other.get("/api/institutions").data()["items"][0]["id"];
    auto raised = other.post("/api/shortcomings", {{"institution_id", foreign},
                                                   {"domain_code", "D6"},
                                                   {"source", "inspection"},
                                                   {"severity", "high"},
                                                   {"status", "open"},
                                                   {"raised_on", "2019-01-10"}});
    EXPECT_EQ(raised.status, 201) << raised.body;
    auto granted = other.post("/api/grants", {{"source", "indh"},
                                              {"institution_id", foreign},
                                              {"purpose", "equipment"},
                                              {"committed_centimes", 900'000},
                                              {"committed_on", "2019-03-01"}});
    EXPECT_EQ(granted.status, 201) << granted.body;
    // Monthly statistics: institution 1 in October and November 2019 (60 then 58 present, two
    // girls dropped out), institution 6 in October 2018; the other province in October 2019.
    for (const auto& month :
         {json{{"institution_id", 1}, {"month", "2019-10"}, {"present_primary_f", 40}, {"present_primary_m", 20}},
          json{{"institution_id", 1},
               {"month", "2019-11"},
               {"present_primary_f", 38},
               {"present_primary_m", 20},
               {"exits_dropout_f", 2}},
          json{{"institution_id", 6}, {"month", "2018-10"}, {"present_primary_f", 10}, {"present_primary_m", 10}}}) {
      auto typed = division.post("/api/monthly_statistics", month);
      EXPECT_EQ(typed.status, 201) << typed.body;
    }
    // A division officer of the whole country, whose heat map is by province.
    const store::Caller setup{.username = "dashboard setup", .role = domain::Role::Admin, .territory_path = "/"};
    ASSERT_TRUE(store::create_user(server().db(), setup,
                                   {{"username", "division_country"},
                                    {"display_name", "division_country"},
                                    {"role", "division"},
                                    {"scope_territory_id", territory("MA")},
                                    {"language", "en"}},
                                   std::string(kPassword))
                    .has_value());
    auto theirs = other.post("/api/monthly_statistics",
                             {{"institution_id", foreign}, {"month", "2019-10"}, {"present_primary_m", 7}});
    EXPECT_EQ(theirs.status, 201) << theirs.body;
  }

  static long long territory(const std::string& code) {
    return server().db().read([&](soci::session& s) {
      return store::Query("SELECT id FROM territories WHERE code = :c").bind("c", code).scalar(s);
    });
  }
  static long long total(Client& client, const std::string& path) {
    auto reply = client.get(path);
    EXPECT_EQ(reply.status, 200) << path << " " << reply.body;
    return reply.data()["total"].get<long long>();
  }
  // The items of a list (one page of 200, enough for these fixtures).
  static json items(Client& client, const std::string& path) {
    auto reply = client.get(path + "&page_size=200");
    EXPECT_EQ(reply.status, 200) << path << " " << reply.body;
    EXPECT_LE(reply.data()["total"].get<long long>(), 200);
    return reply.data()["items"];
  }

  static inline long long campaign_id_ = 0, first_ = 0, second_ = 0;
};

// One filter set: the dashboard's query, the institutions list's, and the other lists'.
struct Filter {
  std::string dashboard, institutions, records;
};

TEST_F(Dashboard, EachTileEqualsItsListForTheSameCallerAndFilters) {
  const auto province = std::to_string(territory("MA-BOD"));
  const auto commune = std::to_string(territory("BOD-01"));
  const auto other_commune = std::to_string(territory("BOD-02"));
  const std::vector<Filter> filters = {
      {"", "", ""},
      {"territory_id=" + commune, "territory_id=" + commune, "territory_id=" + commune},
      {"territory_id=" + other_commune, "territory_id=" + other_commune, "territory_id=" + other_commune},
      {"category=dar_talib", "category=dar_talib", "institution_category=dar_talib"},
      {"association_id=1", "association_id=1", "association_id=1"},
      {"territory_id=" + province + "&category=dar_talib", "territory_id=" + province + "&category=dar_talib",
       "territory_id=" + province + "&institution_category=dar_talib"},
      {"category=elderly&territory_id=" + other_commune, "category=elderly&territory_id=" + other_commune,
       "institution_category=elderly&territory_id=" + other_commune},
  };
  // division_country's scope is the country: its heat map is by province (but by assessment under
  // a commune's, a province's or an association's filter).
  for (const std::string username : {"division", "delegation", "association", "division_country"}) {
    auto client = as(username);
    for (const auto& f : filters) {
      SCOPED_TRACE(username + " ?" + f.dashboard);
      auto reply = client.get("/api/dashboard?" + f.dashboard);
      ASSERT_EQ(reply.status, 200) << reply.body;
      const auto d = reply.data();

      long long institutions = 0;
      for (const auto& row : d["institutions_by_category"]) {
        const auto listed =
            items(client, "/api/institutions?" + f.institutions + "&category=" + row["category"].get<std::string>());
        long long capacity = 0;
        for (const auto& item : listed)
          capacity += item.value("capacity", json(0)).is_number() ? item["capacity"].get<long long>() : 0;
        EXPECT_EQ(row["count"], listed.size()) << row["category"];
        EXPECT_EQ(row["capacity"], capacity) << row["category"];
        institutions += row["count"].get<long long>();
      }
      EXPECT_EQ(d["totals"]["institutions"], institutions);
      EXPECT_EQ(institutions, total(client, "/api/institutions?" + f.institutions));

      // Scores: the heat map's rows are the campaign's validated official assessments, one a row
      // or (a region or the country) grouped by province, each cell their mean.
      EXPECT_EQ(d["scores"]["heat_map_by"], username == "division_country" &&
                                                    f.dashboard.find("territory_id") == std::string::npos &&
                                                    f.dashboard.find("association_id") == std::string::npos
                                                ? "province"
                                                : "assessment");
      if (d["scores"]["campaign"].is_object()) {
        const auto validated = "/api/assessments?kind=official&status=validated&campaign_id=" +
                               std::to_string(d["scores"]["campaign"]["id"].get<long long>()) + "&" + f.records;
        const auto listed = items(client, validated);
        EXPECT_EQ(d["scores"]["assessments"], listed.size());
        // The mean of a score over assessment records, one decimal, as the dashboard gives it.
        const auto mean = [](const std::vector<json>& scores) {
          double sum = 0;
          int count = 0;
          for (const auto& score : scores)
            if (score.is_number()) {
              sum += score.get<double>();
              ++count;
            }
          return count > 0 ? json(std::round(sum / count * 10.0) / 10.0) : json(nullptr);
        };
        const auto scores_of = [&](const json& assessments) {
          std::vector<json> records;
          for (const auto& item : assessments)
            records.push_back(
                client.get("/api/assessments/" + std::to_string(item["id"].get<long long>())).data()["scores"]);
          return records;
        };
        const auto near = [](const json& dashboard, const json& expected) {
          if (expected.is_null()) return dashboard.is_null();
          return dashboard.is_number() && std::abs(dashboard.get<double>() - expected.get<double>()) < 1e-9;
        };
        std::vector<json> overall;
        for (const auto& scores : scores_of(listed)) overall.push_back(scores["overall"]);
        EXPECT_TRUE(near(d["scores"]["overall"], mean(overall))) << d["scores"]["overall"];
        if (d["scores"]["heat_map_by"] == "province") {
          long long assessments = 0;
          for (const auto& row : d["scores"]["heat_map"]) {
            const auto row_province = std::to_string(row["territory_id"].get<long long>());
            SCOPED_TRACE("province " + row_province);
            const auto records = scores_of(items(client, validated + "&territory_id=" + row_province));
            EXPECT_EQ(row["assessments"], records.size());
            assessments += row["assessments"].get<long long>();
            std::vector<json> overalls;
            std::map<std::string, std::vector<json>> percents;
            for (const auto& scores : records) {
              overalls.push_back(scores["overall"]);
              for (const auto& domain : scores["domains"]) percents[domain["code"]].push_back(domain["percent"]);
            }
            EXPECT_TRUE(near(row["overall"], mean(overalls)));
            for (const auto& [code, values] : percents)
              EXPECT_TRUE(near(row["domains"][code], mean(values))) << code << " " << row["domains"][code];
          }
          EXPECT_EQ(assessments, listed.size());
        } else {
          std::set<long long> listed_ids, mapped_ids;
          for (const auto& item : listed) listed_ids.insert(item["id"].get<long long>());
          for (const auto& row : d["scores"]["heat_map"]) mapped_ids.insert(row["assessment_id"].get<long long>());
          EXPECT_EQ(mapped_ids, listed_ids);
          // Each cell is the assessment's own score, as its record answers it.
          for (const auto& row : d["scores"]["heat_map"]) {
            const auto assessment =
                client.get("/api/assessments/" + std::to_string(row["assessment_id"].get<long long>())).data();
            EXPECT_EQ(row["overall"], assessment["scores"]["overall"]);
            for (const auto& domain : assessment["scores"]["domains"])
              EXPECT_EQ(row["domains"][domain["code"].get<std::string>()], domain["percent"]) << domain["code"];
          }
        }
      } else {
        EXPECT_EQ(total(client, "/api/assessments?kind=official&status=validated&" + f.records), 0);
      }

      long long open = 0, in_progress = 0;
      for (const auto& row : d["shortcomings"]["items"]) {
        ASSERT_TRUE(row["domain_code"].is_string());
        const auto path = "/api/shortcomings?" + f.records + "&domain_code=" + row["domain_code"].get<std::string>() +
                          "&severity=" + row["severity"].get<std::string>();
        EXPECT_EQ(row["open"], total(client, path + "&status=open"));
        EXPECT_EQ(row["in_progress"], total(client, path + "&status=in_progress"));
        open += row["open"].get<long long>();
        in_progress += row["in_progress"].get<long long>();
      }
      EXPECT_EQ(d["shortcomings"]["open"], open);
      EXPECT_EQ(open, total(client, "/api/shortcomings?status=open&" + f.records));
      EXPECT_EQ(in_progress, total(client, "/api/shortcomings?status=in_progress&" + f.records));

      for (const char* status : {"planned", "ongoing", "done", "cancelled"})
        EXPECT_EQ(d["programme"][status], total(client, "/api/actions?status=" + std::string(status) + "&" + f.records))
            << status;
      EXPECT_EQ(d["programme"]["overdue"], total(client, "/api/actions?overdue=true&" + f.records));

      long long grants = 0;
      for (const auto& row : d["funding"]["items"]) {
        ASSERT_TRUE(row["year"].is_string());
        const auto listed = items(client, "/api/grants?" + f.records + "&source=" + row["source"].get<std::string>() +
                                              "&year=" + row["year"].get<std::string>());
        long long committed = 0, disbursed = 0;
        for (const auto& item : listed) {
          committed += item["committed_centimes"].get<long long>();
          disbursed += item["disbursed_centimes"].get<long long>();
        }
        EXPECT_EQ(row["grants"], listed.size());
        EXPECT_EQ(row["committed_centimes"], committed);
        EXPECT_EQ(row["disbursed_centimes"], disbursed);
        EXPECT_EQ(row["gap_centimes"], committed - disbursed);
        grants += row["grants"].get<long long>();
      }
      EXPECT_EQ(grants, total(client, "/api/grants?" + f.records));

      // The performance record's tiles: the indicators of the same institutions.
      auto indicators_reply = client.get("/api/indicators?" + f.institutions);
      ASSERT_EQ(indicators_reply.status, 200) << indicators_reply.body;
      const auto record = indicators_reply.data();
      if (record["current"].is_null()) {
        EXPECT_EQ(d["occupancy"]["state"], "missing");
        EXPECT_EQ(d["beneficiaries_by_sex"]["state"], "missing");
        EXPECT_EQ(d["dropout_rate"]["state"], "missing");
      } else {
        const auto& year = record["current"];
        EXPECT_EQ(d["occupancy"]["school_year"], record["school_year"]);
        EXPECT_EQ(d["occupancy"]["rate"], year["occupancy_rate"]);
        EXPECT_EQ(d["occupancy"]["reports"], year["reports"]);
        EXPECT_EQ(d["beneficiaries_by_sex"]["f"], year["average_present_f"]);
        EXPECT_EQ(d["beneficiaries_by_sex"]["m"], year["average_present_m"]);
        EXPECT_EQ(d["dropout_rate"]["rate"], year["dropout_rate"]);
        EXPECT_EQ(d["dropout_rate"]["trend"].size(), record["trend"].size());
      }
      if (record["current"].is_null() || record["current"]["school_results"]["all"]["counted"] == 0)
        EXPECT_EQ(d["success_rate"]["state"], "missing");
      else
        EXPECT_EQ(d["success_rate"]["rate"], record["current"]["school_results"]["all"]["success_rate"]);

      auto trained_reply = client.get("/api/trained_staff?" + f.institutions);
      ASSERT_EQ(trained_reply.status, 200) << trained_reply.body;
      const auto trained = trained_reply.data()["totals"];
      EXPECT_EQ(d["trained_staff"]["staff"], trained["staff"]);
      EXPECT_EQ(d["trained_staff"]["trained"], trained["trained"]);
    }
  }
}

// On PostgreSQL the follow-up's tiles are read on a second pooled connection while the first
// reads the rest (store::dashboard). The same answer as the server's, and on a pool of one
// connection too, where the two reads take it in turn instead of waiting for each other forever.
TEST_F(Dashboard, TheSameAnswerOnAPoolOfOneConnection) {
  auto division = as("division");
  const auto served = division.get("/api/dashboard").data();
  auto db = store::Database::open(server().db().url(), 1);
  // The caller the server makes of the division's session.
  store::AccountCache accounts;
  const auto account = store::session_account(*db, accounts, division.cookie, {});
  ASSERT_TRUE(account.has_value());
  const auto& caller = account->caller;
  for (int run = 0; run < 3; ++run) {
    const auto answer = store::dashboard(*db, caller, {}, domain::today_iso(), 90);
    ASSERT_TRUE(answer.has_value());
    for (const auto& [key, value] : answer->items()) EXPECT_EQ(value, served.at(key)) << key;
    for (const auto* tile : {"shortcomings", "programme", "funding", "expiring_documents", "latest_changes",
                             "trained_staff", "scores", "totals"})
      EXPECT_TRUE(answer->contains(tile)) << tile;
  }
}

TEST_F(Dashboard, HandWorkedFigures) {
  auto division = as("division");
  const auto d = division.get("/api/dashboard").data();
  // The demo's institutions of the province: two of each Dar Talib (120 + 60) and Dar Taliba (100 + 50).
  std::map<std::string, std::pair<long long, long long>> categories;
  for (const auto& row : d["institutions_by_category"])
    categories[row["category"]] = {row["count"].get<long long>(), row["capacity"].get<long long>()};
  EXPECT_EQ(categories["dar_talib"], std::make_pair(2LL, 180LL));
  EXPECT_EQ(categories["dar_taliba"], std::make_pair(2LL, 150LL));
  EXPECT_EQ(d["totals"]["institutions"], 8);
  EXPECT_EQ(d["totals"]["capacity"], 480);
  // The latest school year with a report, 2019-2020: institution 1 alone, 60 then 58 present
  // (40 + 38 girls, 20 + 20 boys), two girls of the 40 served dropped out.
  const auto capacity = division.get("/api/institutions/1").data()["capacity"].get<double>();
  EXPECT_EQ(d["occupancy"]["school_year"], "2019-2020");
  EXPECT_DOUBLE_EQ(d["occupancy"]["rate"].get<double>(), 118.0 / (2 * capacity));
  EXPECT_EQ(d["occupancy"]["institutions"], 1);
  EXPECT_EQ(d["occupancy"]["reports"], 2);
  EXPECT_DOUBLE_EQ(d["beneficiaries_by_sex"]["f"].get<double>(), 39.0);
  EXPECT_DOUBLE_EQ(d["beneficiaries_by_sex"]["m"].get<double>(), 20.0);
  EXPECT_DOUBLE_EQ(d["dropout_rate"]["rate"].get<double>(), 2.0 / 60.0);
  EXPECT_DOUBLE_EQ(d["dropout_rate"]["f"].get<double>(), 2.0 / 40.0);
  EXPECT_DOUBLE_EQ(d["dropout_rate"]["m"].get<double>(), 0.0);
  ASSERT_EQ(d["dropout_rate"]["trend"].size(), 2u);
  EXPECT_EQ(d["dropout_rate"]["trend"][0]["school_year"], "2018-2019");
  EXPECT_EQ(d["success_rate"]["state"], "missing");
  // year=2018 asks for the school year starting in it: institution 6's October; 2017 has none.
  const auto earlier = division.get("/api/dashboard?year=2018").data();
  EXPECT_EQ(earlier["occupancy"]["school_year"], "2018-2019");
  EXPECT_EQ(earlier["beneficiaries_by_sex"]["f"], 10.0);
  EXPECT_EQ(division.get("/api/dashboard?year=2017").data()["occupancy"]["state"], "missing");

  // Scores: D6 at 80 % (4 of 5 criteria at 2) and 100 %, mean 90; D3 at 100 % and 90 %, mean 95.
  EXPECT_EQ(d["scores"]["campaign"]["id"], campaign_id_);
  std::map<std::string, json> means;
  for (const auto& domain : d["scores"]["domains"]) means[domain["code"]] = domain["mean"];
  EXPECT_EQ(means["D1"], 100.0);
  EXPECT_EQ(means["D3"], 95.0);
  EXPECT_EQ(means["D6"], 90.0);
  ASSERT_EQ(d["scores"]["heat_map"].size(), 2u);
  for (const auto& row : d["scores"]["heat_map"]) {
    if (row["institution_id"] == 1) {
      EXPECT_EQ(row["assessment_id"], first_);
      EXPECT_EQ(row["domains"]["D6"], 80.0);
      EXPECT_EQ(row["domains"]["D3"], 100.0);
    } else {
      EXPECT_EQ(row["assessment_id"], second_);
      EXPECT_EQ(row["domains"]["D3"], 90.0);
    }
  }
  EXPECT_EQ(d["campaigns"].size(), 1u);

  // Two shortcomings raised; institution 1's has an action and is in progress.
  EXPECT_EQ(d["shortcomings"]["open"], 1);
  EXPECT_EQ(d["shortcomings"]["in_progress"], 1);
  // The action, due at the end of 2019 and not done: planned and overdue.
  EXPECT_EQ(d["programme"]["planned"], 1);
  EXPECT_EQ(d["programme"]["overdue"], 1);
  EXPECT_EQ(d["programme"]["done"], 0);
  // Funding: 30,000 MAD committed in 2019, 10,000 disbursed; 5,000 in 2020, all disbursed.
  EXPECT_EQ(d["funding"]["committed_centimes"], 3'500'000);
  EXPECT_EQ(d["funding"]["disbursed_centimes"], 1'500'000);
  EXPECT_EQ(d["funding"]["gap_centimes"], 2'000'000);
  ASSERT_EQ(d["funding"]["items"].size(), 2u);
  EXPECT_EQ(d["funding"]["items"][0]["year"], "2019");
  EXPECT_EQ(d["funding"]["items"][0]["gap_centimes"], 2'000'000);

  // The year keeps 2019's grant; the campaign of 2018 is no longer the default one.
  const auto y2019 = division.get("/api/dashboard?year=2019").data();
  EXPECT_EQ(y2019["funding"]["committed_centimes"], 3'000'000);
  EXPECT_TRUE(y2019["scores"]["campaign"].is_null());
  EXPECT_EQ(division.get("/api/dashboard?year=2018").data()["scores"]["campaign"]["id"], campaign_id_);
  // Filtering by commune BOD-02 keeps institution 6 only.
  const auto commune = division.get("/api/dashboard?territory_id=" + std::to_string(territory("BOD-02"))).data();
  EXPECT_EQ(commune["totals"]["institutions"], 1);
  ASSERT_EQ(commune["scores"]["heat_map"].size(), 1u);
  EXPECT_EQ(commune["scores"]["heat_map"][0]["assessment_id"], second_);
  EXPECT_EQ(commune["shortcomings"]["open"], 1);
  EXPECT_EQ(commune["shortcomings"]["in_progress"], 0);
}

TEST_F(Dashboard, NoCallerSeesAnotherScopesRowsInAnyTile) {
  auto division = as("division");
  auto viewer = as("viewer");
  auto association = as("association");
  auto other = as("division_other");
  const auto mine = division.get("/api/dashboard").data();
  // The other province's shortcoming and grant are not counted here…
  EXPECT_EQ(mine["shortcomings"]["open"].get<long long>() + mine["shortcomings"]["in_progress"].get<long long>(), 2);
  EXPECT_EQ(mine["funding"]["committed_centimes"], 3'500'000);
  // …and only they are there.
  const auto theirs = other.get("/api/dashboard").data();
  EXPECT_EQ(theirs["totals"]["institutions"], 1);
  EXPECT_EQ(theirs["shortcomings"]["open"], 1);
  EXPECT_EQ(theirs["funding"]["committed_centimes"], 900'000);
  EXPECT_TRUE(theirs["scores"]["heat_map"].empty());
  EXPECT_TRUE(theirs["campaigns"].empty());
  EXPECT_EQ(theirs["programme"]["planned"], 0);
  EXPECT_EQ(theirs["beneficiaries_by_sex"]["m"], 7.0);
  EXPECT_EQ(theirs["beneficiaries_by_sex"]["f"], 0.0);
  EXPECT_EQ(mine["beneficiaries_by_sex"]["m"], 20.0);

  // A viewer of the province sees every non-personal tile, as the division does.
  const auto seen = viewer.get("/api/dashboard").data();
  for (const char* tile : {"institutions_by_category", "scores", "campaigns", "shortcomings", "programme", "funding",
                           "occupancy", "beneficiaries_by_sex", "dropout_rate"})
    EXPECT_EQ(seen[tile], mine[tile]) << tile;
  EXPECT_EQ(seen["trained_staff"]["staff"], mine["trained_staff"]["staff"]);
  EXPECT_FALSE(seen.contains("latest_changes"));
  EXPECT_FALSE(seen.contains("expiring_documents"));

  // An association sees its own institutions only: institution 1, not 6 nor the other province's.
  const auto own = association.get("/api/dashboard").data();
  ASSERT_EQ(own["scores"]["heat_map"].size(), 1u);
  EXPECT_EQ(own["scores"]["heat_map"][0]["institution_id"], 1);
  EXPECT_EQ(own["shortcomings"]["open"], 0);
  EXPECT_EQ(own["shortcomings"]["in_progress"], 1);
  EXPECT_EQ(own["funding"]["committed_centimes"], 3'000'000);
  EXPECT_EQ(own["programme"]["planned"], 1);
}

TEST_F(Dashboard, BadFiltersAreRefusedNamingTheField) {
  auto division = as("division");
  ASSERT_EQ(division.post("/api/session/language", {{"language", "fr"}}).status, 200);
  auto association = as("association");
  const auto other_province = std::to_string(territory("MA-OTH"));
  const auto other_association = other_province.empty() ? "" : std::to_string(5);
  for (const auto& [query, status, field] : std::vector<std::tuple<std::string, int, std::string>>{
           {"territory_id=abc", 400, "territory_id"},
           {"territory_id=0", 400, "territory_id"},
           {"territory_id=999999", 422, "territory_id"},
           {"territory_id=" + other_province, 422, "territory_id"},
           {"association_id=" + other_association, 422, "association_id"},
           {"association_id=999999", 422, "association_id"},
           {"campaign_id=999999", 422, "campaign_id"},
           {"category=nope", 422, "category"},
           {"year=19", 400, "year"},
           {"year=20x9", 400, "year"},
           {"colour=red", 400, "colour"}}) {
    auto refused = division.get("/api/dashboard?" + query);
    EXPECT_EQ(refused.status, status) << query << " " << refused.body;
    EXPECT_EQ(refused.data()["error"]["field"], field) << query;
    EXPECT_FALSE(refused.data()["error"]["message"].get<std::string>().empty());
  }
  // French for a caller who asks for it.
  EXPECT_NE(
      division.get("/api/dashboard?category=nope").data()["error"]["message"].get<std::string>().find("« catégorie »"),
      std::string::npos);
  division.post("/api/session/language", {{"language", "en"}});
  // Another association is outside an association's scope.
  EXPECT_EQ(association.get("/api/dashboard?association_id=4").data()["error"]["field"], "association_id");
  EXPECT_EQ(association.get("/api/dashboard?campaign_id=" + std::to_string(campaign_id_)).status, 200);
  // A filter that matches nothing: valid empty tiles.
  auto empty = division.get("/api/dashboard?category=elderly&territory_id=" + std::to_string(territory("BOD-02")));
  ASSERT_EQ(empty.status, 200) << empty.body;
  EXPECT_TRUE(empty.data()["institutions_by_category"].empty());
  EXPECT_TRUE(empty.data()["scores"]["campaign"].is_null());
  EXPECT_TRUE(empty.data()["scores"]["heat_map"].empty());
  EXPECT_EQ(empty.data()["shortcomings"]["open"], 0);
  EXPECT_TRUE(empty.data()["funding"]["items"].empty());
  EXPECT_EQ(empty.data()["trained_staff"]["staff"], 0);
}

}  // namespace
}  // namespace riaya::test
