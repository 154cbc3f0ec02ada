// The demo's story (store::load_demo, data/demo.json "story") as the division of Boujdour finds
// it through the API: two validated campaigns over every demo institution, their shortcomings,
// the meeting of 26 April 2019 and its minutes, the programme 2019–2020 with actions done,
// ongoing and overdue, grants and funding lines, the comparison of the campaigns and the
// consolidated needs. Loaded beside the registry-only demo of the suite's database (as into a
// database made before the story existed), once; refused beside campaigns of one's own.
#include "suite.hpp"

#include "../pdf_text.hpp"
#include "domain/schema.hpp"
#include "store/setup.hpp"

#include <set>

namespace riaya::test {
namespace {

class DemoStory : public ApiTest {
 protected:
  static json list(Client& client, const std::string& target) {
    const auto reply = client.get(target);
    EXPECT_EQ(reply.status, 200) << target << ": " << reply.body;
    return reply.data();
  }
};

TEST_F(DemoStory, LoadsOnceBesideTheRegistryAndEveryListShowsIt) {
  ASSERT_EQ(store::load_demo(server().db()), store::DemoLoad::StoryAdded);
  auto division = as("division");

  const auto campaigns = list(division, "/api/campaigns?sort=starts_on");
  ASSERT_EQ(campaigns["total"], 2) << campaigns.dump();
  const auto& september_2018 = campaigns["items"][0];
  const auto& september_2019 = campaigns["items"][1];
  EXPECT_NE(september_2018["name_ar"].get<std::string>().find("شتنبر 2018"), std::string::npos);
  EXPECT_NE(september_2019["name_ar"].get<std::string>().find("شتنبر 2019"), std::string::npos);
  for (const auto* campaign : {&september_2018, &september_2019}) {
    EXPECT_EQ((*campaign)["status"], "closed");
    const auto id = std::to_string((*campaign)["id"].get<long long>());
    const auto assessments = list(division, "/api/assessments?campaign_id=" + id + "&status=validated&page_size=100");
    // Every demo institution, with scores that differ from one to the next.
    EXPECT_EQ(assessments["total"], 8);
    std::set<double> overall;
    for (const auto& assessment : assessments["items"]) overall.insert(assessment["overall"].get<double>());
    EXPECT_EQ(overall.size(), 8u);
  }

  // Raised by the first campaign, some remedied by the programme and verified by the second,
  // some resolved by the second visit, most still open.
  for (const auto* status : {"open", "in_progress", "resolved", "verified"})
    EXPECT_GT(list(division, std::string("/api/shortcomings?status=") + status)["total"].get<long long>(), 0) << status;

  // Resolved by the visits of September 2019, on the day of each visit (not the day of the load).
  const auto resolved = list(division, "/api/shortcomings?status=resolved&page_size=100");
  int by_visit = 0;
  for (const auto& shortcoming : resolved["items"])
    if (shortcoming["resolved_by_assessment_id"].is_number()) {
      ++by_visit;
      EXPECT_TRUE(shortcoming["resolved_on"].get<std::string>().starts_with("2019-09") ||
                  shortcoming["resolved_on"].get<std::string>().starts_with("2019-10"))
          << shortcoming.dump();
    }
  EXPECT_GT(by_visit, 0);

  const auto programmes = list(division, "/api/programmes");
  ASSERT_EQ(programmes["total"], 1);
  const auto& programme = programmes["items"][0];
  EXPECT_NE(programme["name_ar"].get<std::string>().find("2019–2020"), std::string::npos);
  EXPECT_GT(programme["actions_done"].get<long long>(), 0);
  EXPECT_GT(programme["actions_overdue"].get<long long>(), 0);
  EXPECT_GT(programme["funded_centimes"].get<long long>(), 0);
  EXPECT_GT(programme["gap_centimes"].get<long long>(), 0);
  const auto actions = list(division, "/api/actions?page_size=100");
  std::set<std::string> statuses;
  int overdue = 0, from_shortcomings = 0, from_recommendations = 0;
  for (const auto& action : actions["items"]) {
    statuses.insert(action["status"].get<std::string>());
    overdue += action["overdue"].get<bool>() ? 1 : 0;
    from_shortcomings += action["shortcomings"].get<long long>() > 0 ? 1 : 0;
    from_recommendations += action["recommendation_id"].is_null() ? 0 : 1;
    EXPECT_TRUE(action["responsible_party"].is_string()) << action.dump();
  }
  EXPECT_EQ(statuses, (std::set<std::string>{"done", "ongoing"}));
  EXPECT_GT(overdue, 0);
  EXPECT_LT(overdue, static_cast<int>(std::count_if(actions["items"].begin(), actions["items"].end(),
                                                    [](const json& a) { return a["status"] == "ongoing"; })));
  EXPECT_EQ(from_shortcomings, 16);
  EXPECT_EQ(from_recommendations, 4);

  const auto meetings = list(division, "/api/meetings");
  ASSERT_EQ(meetings["total"], 1);
  const auto meeting = std::to_string(meetings["items"][0]["id"].get<long long>());
  EXPECT_EQ(meetings["items"][0]["held_on"], "2019-04-26");
  EXPECT_EQ(list(division, "/api/participants?meeting_id=" + meeting)["total"], 10);
  const auto recommendations = list(division, "/api/recommendations?meeting_id=" + meeting);
  EXPECT_EQ(recommendations["total"], 4);
  for (const auto& recommendation : recommendations["items"]) EXPECT_TRUE(recommendation["action_id"].is_number());
  const auto minutes = division.get("/api/meetings/" + meeting + "/minutes.pdf?lang=ar");
  ASSERT_EQ(minutes.status, 200) << minutes.body;
  const auto text = pdf_text(minutes.body);
  for (const auto* expected : {"26 أبريل 2019", "القاعة الكبرى لعمالة إقليم بوجدور", "جمعية الإحسان للرعاية الاجتماعية",
                               "إعداد برنامج عمل مستقبلي لتدارك النقائص المسجلة"})
    EXPECT_TRUE(contains(text, expected)) << expected << "\n" << text;

  const auto grants = list(division, "/api/grants");
  EXPECT_EQ(grants["total"], 4);
  std::set<std::string> sources;
  for (const auto& grant : grants["items"]) {
    sources.insert(grant["source"].get<std::string>());
    EXPECT_GT(grant["allocated_centimes"].get<long long>(), 0) << grant.dump();
  }
  EXPECT_EQ(sources, (std::set<std::string>{"indh", "entraide_nationale"}));
  EXPECT_GT(list(division, "/api/funding_lines")["total"].get<long long>(), 0);

  const auto compared =
      list(division, "/api/campaigns/compare?before=" + std::to_string(september_2018["id"].get<long long>()) +
                         "&after=" + std::to_string(september_2019["id"].get<long long>()));
  EXPECT_EQ(compared["institutions"].size(), 8u);
  for (const auto* kind : {"resolved", "persisted", "appeared"})
    EXPECT_FALSE(compared["shortcomings"][kind].empty()) << kind;
  EXPECT_FALSE(list(division, "/api/consolidated_needs")["items"].empty());
  for (const auto& action : actions["items"])
    if (action["status"] == "ongoing") {
      const auto followups = "/api/actions/" + std::to_string(action["id"].get<long long>()) + "/followups";
      EXPECT_FALSE(list(division, followups)["items"].empty()) << followups;
    }

  // Monthly statistics for every demo institution over both school years: an indicator for each.
  const auto months = list(division, "/api/monthly_statistics?page_size=1");
  EXPECT_GT(months["total"].get<long long>(), 8 * 18) << months.dump();
  for (int n = 1; n <= 8; ++n) {
    const auto code = "DEMO-BOD-00" + std::to_string(n);
    const auto institution = list(division, "/api/institutions?q=" + code)["items"][0]["id"].get<long long>();
    const auto record = list(division, "/api/indicators?institution_id=" + std::to_string(institution));
    EXPECT_EQ(record["school_year"], "2019-2020") << code;
    ASSERT_EQ(record["trend"].size(), 2u) << code;
    const auto occupancy = record["current"]["occupancy_rate"].get<double>();
    EXPECT_GT(occupancy, 0.5) << code;
    EXPECT_LT(occupancy, 1.2) << code;
    EXPECT_GT(record["current"]["average_present"].get<double>(), 10) << code;
  }
  // Every demo institution offers catalogue services and has held activities in 2018-2020.
  for (int n = 1; n <= 8; ++n) {
    const auto code = "DEMO-BOD-00" + std::to_string(n);
    const auto id = std::to_string(list(division, "/api/institutions?q=" + code)["items"][0]["id"].get<long long>());
    const auto services = list(division, "/api/institution_services?institution_id=" + id);
    EXPECT_GE(services["total"].get<long long>(), 4) << code;
    EXPECT_TRUE(services["items"][0]["service_name_ar"].is_string()) << code;
    const auto activities =
        list(division, "/api/activities?date_from=2018-09-01&date_to=2020-08-31&institution_id=" + id);
    EXPECT_GE(activities["total"].get<long long>(), 2) << code;
    EXPECT_GT(activities["items"][0]["participants_total"].get<long long>(), 0) << code;
  }
  const auto province = list(division, "/api/indicators?school_year=2018-2019");
  EXPECT_EQ(province["current"]["institutions"], 8);
  EXPECT_GT(province["current"]["dropout_rate"].get<double>(), 0);

  // The demo users exist, for the audit trail and the assignments, but nobody knows their password.
  for (const auto* username : {"demo.division", "demo.delegation", "demo.assessor"}) {
    Client client(server().port());
    EXPECT_EQ(client.login(username, "").status / 100, 4) << username;
  }
  EXPECT_EQ(server().db().read([](soci::session& s) {
    return store::Query("SELECT COUNT(*) FROM users WHERE username LIKE 'demo.%' AND must_change_password = 1")
        .scalar(s);
  }),
            3);

  // The admin reads campaigns and programmes (the rest is the division's, domain/access.cpp).
  auto admin = as("admin");
  EXPECT_EQ(list(admin, "/api/campaigns")["total"], 2);
  EXPECT_EQ(list(admin, "/api/programmes")["total"], 1);

  // The bell has something to show the province's division (issue 17): the story's overdue actions
  // and last month's statistics, which it stops at June 2020; every recommendation has its action.
  const auto notices = list(division, "/api/notices");
  std::set<std::string> kinds;
  for (const auto& notice : notices["items"]) kinds.insert(notice["kind"].get<std::string>());
  EXPECT_TRUE(kinds.contains("action_overdue")) << notices.dump().substr(0, 300);
  EXPECT_TRUE(kinds.contains("statistics_unreported"));
  EXPECT_FALSE(kinds.contains("recommendation_without_action"));
  EXPECT_EQ(notices["unread"], notices["total"]);

  // A second run loads nothing.
  const auto entries = count("audit_log");
  EXPECT_EQ(store::load_demo(server().db()), store::DemoLoad::AlreadyLoaded);
  EXPECT_EQ(count("audit_log"), entries);
  EXPECT_EQ(count("campaigns"), 2);
  EXPECT_EQ(count("monthly_statistics"), months["total"].get<long long>());
}

// What GET /api/openapi.json says of a registry record is what the lists answer: every field an
// answer carries is a property of its schema (or a name joined beside a reference), and every
// read-only property, the ones the server computes or joins, is there with the type it is given.
TEST_F(DemoStory, OpenApiDescribesEveryFieldTheListsAnswerWithItsType) {
  const auto demo = store::load_demo(server().db());  // loaded by the test before, or here when run alone
  ASSERT_TRUE(demo == store::DemoLoad::StoryAdded || demo == store::DemoLoad::AlreadyLoaded);
  const auto document = Client(server().port()).get("/api/openapi.json").data();
  const auto& schemas = document["components"]["schemas"];
  const auto has_type = [](const json& value, const json& property) {
    if (value.is_null()) return property.value("nullable", false);
    const auto type = property.value("type", "");
    if (type == "integer") return value.is_number_integer();
    if (type == "number") return value.is_number();
    if (type == "boolean") return value.is_boolean();
    return type == "string" && value.is_string();
  };
  auto division = as("division");
  std::size_t read_only_values = 0;
  for (const auto& spec : domain::registry_specs()) {
    const std::string resource(spec.resource);
    const auto& post = document["paths"]["/api/" + resource]["post"];
    const auto ref = post["requestBody"]["content"]["application/json"]["schema"]["$ref"].get<std::string>();
    const auto& properties = schemas[ref.substr(ref.rfind('/') + 1)]["properties"];
    const auto items = list(division, "/api/" + resource + "?page_size=200")["items"];
    if (!spec.read_only.empty()) {
      EXPECT_FALSE(items.empty()) << resource << ": nothing to compare with";
    }
    for (const auto& item : items)
      for (const auto& [key, value] : item.items()) {
        const bool joined_name = key.ends_with("_name_ar") || key.ends_with("_name_fr") || key.ends_with("_name_en");
        EXPECT_TRUE(properties.contains(key) || joined_name) << resource << "." << key << " is not in its schema";
        if (properties.contains(key) && properties[key].value("readOnly", false)) {
          EXPECT_TRUE(has_type(value, properties[key])) << resource << "." << key << " = " << value.dump();
          ++read_only_values;
        }
      }
    for (const auto& field : spec.read_only)
      for (const auto& item : items) EXPECT_TRUE(item.contains(field.name)) << resource << " lacks " << field.name;
  }
  EXPECT_GT(read_only_values, 100u);
}

class DemoRefused : public ApiTest {};

TEST_F(DemoRefused, BesideCampaignsOfOnesOwnOrForAnotherRegistryLoad) {
  EXPECT_EQ(store::load_demo(server().db(), store::DemoParts::Registry), store::DemoLoad::AlreadyLoaded);
  auto division = as("division");
  campaign(division, "حملة خاصة");
  const auto entries = count("audit_log");
  const auto users = count("users");
  EXPECT_EQ(store::load_demo(server().db()), store::DemoLoad::Refused);
  EXPECT_EQ(count("audit_log"), entries);
  EXPECT_EQ(count("users"), users);
  EXPECT_EQ(count("campaigns"), 1);
  EXPECT_EQ(count("programmes"), 0);
}

}  // namespace
}  // namespace riaya::test
