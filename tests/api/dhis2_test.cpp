// DHIS2 interop (issue 17): the admin's mapping of territories and indicators to DHIS2 UIDs, its
// bad input named in the user's language, and the data value set checked field by field against
// DHIS2's documented schema and against the dashboard's own figures for the same scope.
#include "domain/dhis2.hpp"
#include "suite.hpp"

#include <set>
#include <sstream>

namespace riaya::test {
namespace {

// Made-up UIDs of DHIS2's form: 11 characters, a letter then letters or digits.
constexpr const char* kDataSet = "RiayaDSet01";
constexpr const char* kProvince = "OuBojdr0001";
constexpr const char* kCommune = "OuBojdrC001";
constexpr const char* kCombo = "HllvX50cXC0";  // DHIS2's default category option combo

using Outcome = std::pair<std::string, std::string>;  // an error's code and field

class Dhis2 : public ApiTest {
 protected:
  static long long territory(const std::string& code) {
    return server().db().read([&](soci::session& s) {
      return store::Query("SELECT id FROM territories WHERE code = :code").bind("code", code).scalar(s);
    });
  }
  static long long institution_id(const std::string& code) {
    return server().db().read([&](soci::session& s) {
      return store::Query("SELECT id FROM institutions WHERE code = :code").bind("code", code).scalar(s);
    });
  }
  static long long audit_of_mapping() {
    return server().db().read([](soci::session& s) {
      return store::Query("SELECT COUNT(*) FROM audit_log WHERE entity = 'dhis2_mapping'").scalar(s);
    });
  }
  // The data element UID of indicator number `rank`: "RiayaDE0" + two digits + "x".
  static std::string element_of(std::size_t rank) {
    std::ostringstream uid;
    uid << "RiayaDE" << (rank < 10 ? "0" : "") << rank << "xx";
    return uid.str();
  }
  // Every indicator mapped, the province (and `more` territories) mapped.
  static json full_mapping(const json& more = json::array()) {
    json elements = json::array();
    for (std::size_t i = 0; i < domain::kDhis2Indicators.size(); ++i)
      elements.push_back({{"indicator", domain::kDhis2Indicators[i]},
                          {"data_element", element_of(i)},
                          {"category_option_combo", kCombo}});
    json units = json::array({{{"territory_id", territory("MA-BOD")}, {"org_unit", kProvince}}});
    for (const auto& unit : more) units.push_back(unit);
    return {{"data_set", kDataSet}, {"org_units", units}, {"data_elements", elements}};
  }
  // PUTs `mapping` with the current version; answers the reply.
  static Reply save(Client& admin, json mapping) {
    mapping["version"] = admin.get("/api/dhis2/mapping").data()["version"];
    return admin.put("/api/dhis2/mapping", mapping);
  }
  // The reply's error field and code.
  static Outcome error_of(const Reply& reply) {
    const auto error = reply.data()["error"];
    return {error.value("code", ""), error.value("field", "")};
  }
};

// The admin reads, writes and rewrites the mapping; every write is audited with before and after,
// carries the version it read, needs the CSRF token; the others may read it, not write it.
TEST_F(Dhis2, MappingIsTheAdminsAndAudited) {
  auto admin = as("admin");
  const auto empty = admin.get("/api/dhis2/mapping");
  ASSERT_EQ(empty.status, 200) << empty.body;
  EXPECT_EQ(empty.data()["indicators"].size(), domain::kDhis2Indicators.size());
  EXPECT_FALSE(empty.data()["territories"].empty());
  const auto audited = audit_of_mapping();

  auto saved = save(admin, full_mapping());
  ASSERT_EQ(saved.status, 200) << saved.body;
  const auto mapping = saved.data();
  EXPECT_EQ(mapping["data_set"], kDataSet);
  ASSERT_EQ(mapping["org_units"].size(), 1u);
  EXPECT_EQ(mapping["org_units"][0]["territory_id"], territory("MA-BOD"));
  EXPECT_EQ(mapping["org_units"][0]["org_unit"], kProvince);
  ASSERT_EQ(mapping["data_elements"].size(), domain::kDhis2Indicators.size());
  EXPECT_EQ(mapping["data_elements"][4]["indicator"], "occupancy_rate");
  EXPECT_EQ(mapping["data_elements"][4]["data_element"], element_of(4));
  EXPECT_EQ(mapping["version"].get<long long>(), empty.data()["version"].get<long long>() + 1);
  EXPECT_EQ(admin.get("/api/dhis2/mapping").data()["data_elements"], mapping["data_elements"]);
  EXPECT_EQ(audit_of_mapping(), audited + 1);
  const auto entry = server().db().read([](soci::session& s) {
    return *store::Query(
                "SELECT action, before_json, after_json FROM audit_log WHERE entity = 'dhis2_mapping'"
                " ORDER BY id DESC LIMIT 1")
                .first(s);
  });
  EXPECT_EQ(entry["action"], "update");
  EXPECT_TRUE(json::parse(entry["before_json"].get<std::string>())["data_set"].is_null());
  EXPECT_EQ(json::parse(entry["after_json"].get<std::string>())["data_set"], kDataSet);

  // Rewritten: one indicator less, a commune more.
  auto smaller = full_mapping({{{"territory_id", territory("BOD-01")}, {"org_unit", kCommune}}});
  smaller["data_elements"].erase(smaller["data_elements"].size() - 1);
  saved = save(admin, smaller);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.data()["org_units"].size(), 2u);
  EXPECT_EQ(saved.data()["data_elements"].size(), domain::kDhis2Indicators.size() - 1);

  // A stale version: 409 with the current mapping, nothing written.
  auto stale = full_mapping();
  stale["version"] = mapping["version"];
  const auto conflict = admin.put("/api/dhis2/mapping", stale);
  EXPECT_EQ(conflict.status, 409) << conflict.body;
  EXPECT_EQ(conflict.data()["error"]["current"]["org_units"].size(), 2u);
  EXPECT_EQ(audit_of_mapping(), audited + 2);
  // Without version: required.
  EXPECT_EQ(error_of(admin.put("/api/dhis2/mapping", full_mapping())), Outcome("required", "version"));

  // Without the CSRF token: refused.
  auto no_token = as("admin");
  no_token.csrf.clear();
  EXPECT_EQ(save(no_token, full_mapping()).status, 403);
  // Who may read and write.
  for (const auto* reader : {"division", "delegation", "viewer"}) {
    auto client = as(reader);
    EXPECT_EQ(client.get("/api/dhis2/mapping").status, 200) << reader;
    EXPECT_EQ(save(client, full_mapping()).status, 403) << reader;
  }
  for (const auto* refused : {"association", "assessor"})
    EXPECT_EQ(as(refused).get("/api/dhis2/mapping").status, 403) << refused;
  EXPECT_EQ(audit_of_mapping(), audited + 2);
}

// Every malformed UID, unknown indicator or territory is refused 422 naming the field (a list's
// element by its rank) in the user's language, and nothing is written.
TEST_F(Dhis2, BadMappingNamedInTheUsersLanguage) {
  auto admin = as("admin");
  admin.post("/api/session/language", {{"language", "fr"}});
  const auto before = admin.get("/api/dhis2/mapping").data();
  const auto audited = audit_of_mapping();
  struct Case {
    std::string label;
    json mapping;
    std::string code, field;
  };
  const auto with_element = [&](std::size_t rank, const char* key, json value) {
    auto mapping = full_mapping();
    mapping["data_elements"][rank][key] = std::move(value);
    return mapping;
  };
  const auto with_unit = [&](const char* key, json value) {
    auto mapping = full_mapping();
    mapping["org_units"][0][key] = std::move(value);
    return mapping;
  };
  const auto without_unit = [&](const char* key) {
    auto mapping = full_mapping();
    mapping["org_units"][0].erase(key);
    return mapping;
  };
  const auto without_element = [&](std::size_t rank, const char* key) {
    auto mapping = full_mapping();
    mapping["data_elements"][rank].erase(key);
    return mapping;
  };
  const auto with_item = [&](const char* list, std::size_t rank, json item) {
    auto mapping = full_mapping();
    mapping[list][rank] = std::move(item);
    return mapping;
  };
  const std::vector<Case> cases = {
      {"data set too short", with(full_mapping(), {{"data_set", "abc"}}), "invalid_value", "data_set"},
      {"data set 12 characters", with(full_mapping(), {{"data_set", "RiayaDSet012"}}), "invalid_value", "data_set"},
      {"org unit starting with a digit", with_unit("org_unit", "1uBojdr0001"), "invalid_value", "org_unit[0]"},
      {"org unit with a dash", with_unit("org_unit", "OuBoj-r0001"), "invalid_value", "org_unit[0]"},
      {"org unit missing", with_unit("org_unit", ""), "required", "org_unit[0]"},
      {"org unit not text", with_unit("org_unit", 12345678901), "wrong_type", "org_unit[0]"},
      {"territory unknown", with_unit("territory_id", 999999), "invalid_reference", "territory_id[0]"},
      {"data element with Arabic", with_element(2, "data_element", "RiayaDEبxxxx"), "invalid_value", "data_element[2]"},
      {"combo of 10", with_element(3, "category_option_combo", "HllvX50cXC"), "invalid_value",
       "category_option_combo[3]"},
      {"indicator unknown", with_element(1, "indicator", "children_names"), "invalid_value", "indicator[1]"},
      {"indicator twice", with_element(1, "indicator", "institutions"), "duplicate", "indicator[1]"},
      {"unknown field", with(full_mapping(), {{"password", "x"}}), "unknown_field", "password"},
      // The shape of each field, its item named by its rank.
      {"data set not text", with(full_mapping(), {{"data_set", 12345678901}}), "wrong_type", "data_set"},
      {"data set far too long", with(full_mapping(), {{"data_set", std::string(5000, 'a')}}), "invalid_value",
       "data_set"},
      {"org unit far too long", with_unit("org_unit", std::string(5000, 'O')), "invalid_value", "org_unit[0]"},
      {"territory as text", with_unit("territory_id", "3"), "wrong_type", "territory_id[0]"},
      {"territory missing", without_unit("territory_id"), "required", "territory_id[0]"},
      {"territory twice", full_mapping(json::array({full_mapping()["org_units"][0]})), "duplicate", "territory_id[1]"},
      {"combo missing", without_element(0, "category_option_combo"), "required", "category_option_combo[0]"},
      {"indicator not text", with_element(2, "indicator", 7), "wrong_type", "indicator[2]"},
      {"org units not a list", with(full_mapping(), {{"org_units", "all"}}), "wrong_type", "org_units"},
      {"data element not an object", with_item("data_elements", 1, "x"), "wrong_type", "data_elements[1]"},
      {"unknown field in an item", with_unit("name", "x"), "unknown_field", "name[0]"},
      {"more org units than a country has",
       with(full_mapping(), {{"org_units", json(5001, full_mapping()["org_units"][0])}}), "wrong_type", "org_units"},
  };
  for (const auto& each : cases) {
    const auto reply = save(admin, each.mapping);
    EXPECT_EQ(reply.status, each.code == "duplicate" ? 409 : 422) << each.label << " " << reply.body;
    EXPECT_EQ(error_of(reply), std::make_pair(each.code, each.field)) << each.label << " " << reply.body;
  }
  // The version the admin read: required (above), a number.
  EXPECT_EQ(error_of(admin.put("/api/dhis2/mapping", with(full_mapping(), {{"version", "3"}}))),
            Outcome("wrong_type", "version"));
  // The message names the field by its French label and the element's rank.
  const auto french = save(admin, with_unit("org_unit", "1uBojdr0001")).data()["error"]["message"].get<std::string>();
  EXPECT_NE(french.find("unité d'organisation DHIS2 (1)"), std::string::npos) << french;
  admin.post("/api/session/language", {{"language", "ar"}});
  const auto arabic =
      save(admin, with_element(3, "category_option_combo", "x")).data()["error"]["message"].get<std::string>();
  EXPECT_NE(arabic.find("توليفة خيارات الفئات في DHIS2 (4)"), std::string::npos) << arabic;
  admin.post("/api/session/language", {{"language", "en"}});
  // Nothing written.
  EXPECT_EQ(admin.get("/api/dhis2/mapping").data(), before);
  EXPECT_EQ(audit_of_mapping(), audited);
}

// With something unmapped the export sends nothing and lists what is missing: the data set, the
// territory's org unit (named), the indicators.
TEST_F(Dhis2, UnmappedIsListedAndNothingIsSent) {
  auto admin = as("admin"), division = as("division");
  ASSERT_EQ(save(admin, {{"data_set", nullptr}, {"org_units", json::array()}, {"data_elements", json::array()}}).status,
            200);
  auto reply = division.get("/api/dhis2/data-value-set?period=2019");
  ASSERT_EQ(reply.status, 422) << reply.body;
  EXPECT_EQ(error_of(reply), Outcome("required", "dhis2_mapping"));
  std::set<std::string> missing;
  const auto refusal = reply.data();
  for (const auto& item : refusal["error"]["missing"]) {
    missing.insert(item["what"].get<std::string>());
    if (item["what"] == "org_unit") {
      EXPECT_EQ(item["territory_id"], territory("MA-BOD"));
      EXPECT_EQ(item["name_fr"], "Province de Boujdour");
    }
  }
  EXPECT_EQ(missing, (std::set<std::string>{"data_set", "org_unit", "data_elements"}));
  EXPECT_EQ(reply.body.find("dataValues"), std::string::npos);

  // The province mapped, not its commune: the commune's export lists its org unit only.
  ASSERT_EQ(save(admin, full_mapping()).status, 200);
  reply = division.get("/api/dhis2/data-value-set?period=2019&territory_id=" + std::to_string(territory("BOD-01")));
  ASSERT_EQ(reply.status, 422) << reply.body;
  const auto listed = reply.data()["error"]["missing"];
  ASSERT_EQ(listed.size(), 1u) << reply.body;
  EXPECT_EQ(listed[0]["what"], "org_unit");
  EXPECT_EQ(listed[0]["territory_id"], territory("BOD-01"));

  // A UID malformed in the database (written around the API) is listed too, never sent.
  ASSERT_TRUE(server().db().write([](soci::session& s) -> domain::Result<long long> {
    return store::Query("UPDATE dhis2_data_elements SET data_element_uid = 'bad-uid' WHERE indicator = 'capacity'")
        .execute(s);
  }));
  reply = division.get("/api/dhis2/data-value-set?period=2019");
  ASSERT_EQ(reply.status, 422) << reply.body;
  const auto malformed = reply.data()["error"]["missing"];
  ASSERT_EQ(malformed.size(), 1u) << reply.body;
  EXPECT_EQ(malformed[0]["what"], "uid");
  EXPECT_EQ(malformed[0]["indicator"], "capacity");
  EXPECT_EQ(malformed[0]["value"], "bad-uid");
  ASSERT_EQ(save(admin, full_mapping()).status, 200);
}

// The payload, field by field, as DHIS2 documents dataValueSets, and its values those of the
// dashboard for the same caller, territory and year, and as worked out by hand.
TEST_F(Dhis2, PayloadIsDhis2sAndTheDashboardsFigures) {
  auto admin = as("admin"), division = as("division"), assessor = as("assessor");
  ASSERT_EQ(save(admin, full_mapping()).status, 200);
  // DEMO-BOD-001 (capacity 120): October 50 girls and 40 boys, November 52 and 38, 2 boys dropped out.
  const auto house = institution_id("DEMO-BOD-001");
  for (const auto& month : {json{{"institution_id", house},
                                 {"month", "2018-10"},
                                 {"present_primary_f", 50},
                                 {"present_primary_m", 40},
                                 {"admissions_f", 50},
                                 {"admissions_m", 40}},
                            json{{"institution_id", house},
                                 {"month", "2018-11"},
                                 {"present_primary_f", 52},
                                 {"present_primary_m", 38},
                                 {"admissions_f", 2},
                                 {"exits_dropout_m", 2}}})
    ASSERT_EQ(division.post("/api/monthly_statistics", month).status, 201);
  // The campaign of September 2018, every criterion scored 2.
  run_assessment(division, assessor, campaign(division, "دراسة تشخيصية DHIS2"), {}, house);

  const auto reply = division.get("/api/dhis2/data-value-set?period=2018&format=json");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.headers.at("content-type").substr(0, 16), "application/json");
  const auto set = reply.data();
  // Top level: exactly DHIS2's fields.
  std::set<std::string> keys;
  for (const auto& [key, value] : set.items()) keys.insert(key);
  EXPECT_EQ(keys, (std::set<std::string>{"dataSet", "period", "orgUnit", "dataValues"}));
  EXPECT_EQ(set["dataSet"], kDataSet);
  EXPECT_EQ(set["period"], "2018");
  EXPECT_EQ(set["orgUnit"], kProvince);
  ASSERT_TRUE(set["dataValues"].is_array());
  std::map<std::string, std::string> values;  // data element → value
  for (const auto& value : set["dataValues"]) {
    std::set<std::string> fields;
    for (const auto& [key, field] : value.items()) {
      fields.insert(key);
      EXPECT_TRUE(field.is_string()) << key;  // DHIS2 values are text
    }
    EXPECT_EQ(fields, (std::set<std::string>{"dataElement", "categoryOptionCombo", "orgUnit", "period", "value"}));
    EXPECT_TRUE(domain::is_dhis2_uid(value["dataElement"].get<std::string>()));
    EXPECT_EQ(value["categoryOptionCombo"], kCombo);
    EXPECT_EQ(value["orgUnit"], kProvince);
    EXPECT_EQ(value["period"], "2018");
    values[value["dataElement"].get<std::string>()] = value["value"].get<std::string>();
  }
  // Every indicator has data here: a value each, in indicator order.
  ASSERT_EQ(set["dataValues"].size(), domain::kDhis2Indicators.size());
  for (std::size_t i = 0; i < domain::kDhis2Indicators.size(); ++i)
    EXPECT_EQ(set["dataValues"][i]["dataElement"], element_of(i));

  // Against the dashboard of the same caller, territory and year.
  const auto dashboard =
      division.get("/api/dashboard?year=2018&territory_id=" + std::to_string(territory("MA-BOD"))).data();
  EXPECT_EQ(values[element_of(0)], std::to_string(dashboard["totals"]["institutions"].get<long long>()));
  EXPECT_EQ(values[element_of(1)], std::to_string(dashboard["totals"]["capacity"].get<long long>()));
  EXPECT_EQ(values[element_of(2)], "51");  // (50 + 52) / 2
  EXPECT_EQ(dashboard["beneficiaries_by_sex"]["f"], 51.0);
  EXPECT_EQ(values[element_of(3)], "39");    // (40 + 38) / 2
  EXPECT_EQ(values[element_of(4)], "75.0");  // 180 / 240
  EXPECT_DOUBLE_EQ(dashboard["occupancy"]["rate"].get<double>(), 0.75);
  EXPECT_EQ(values[element_of(5)], "2.2");  // 2 / (50 + 40 + 2)
  EXPECT_DOUBLE_EQ(dashboard["dropout_rate"]["rate"].get<double>(), 2.0 / 92.0);
  EXPECT_EQ(values[element_of(6)], "100.0");  // every criterion scored 2
  EXPECT_EQ(dashboard["scores"]["heat_map"][0]["overall"], 100.0);
  EXPECT_EQ(values[element_of(7)], std::to_string(dashboard["shortcomings"]["open"].get<long long>()));
  EXPECT_EQ(values[element_of(8)], std::to_string(dashboard["shortcomings"]["in_progress"].get<long long>()));
  // By school level and sex: beneficiaries_primary_f, _m, then the other levels (none here).
  EXPECT_EQ(domain::kDhis2Indicators[9], "beneficiaries_primary_f");
  EXPECT_EQ(values[element_of(9)], "51");
  EXPECT_EQ(values[element_of(10)], "39");
  EXPECT_EQ(values[element_of(11)], "0");
  EXPECT_EQ(dashboard["beneficiaries_by_sex"]["by_level"]["primary"]["m"], 39.0);
  // The indicators route agrees for the school year 2018-2019.
  const auto indicators =
      division.get("/api/indicators?school_year=2018-2019&territory_id=" + std::to_string(territory("MA-BOD"))).data();
  EXPECT_EQ(indicators["current"]["average_present_f"], 51.0);

  // The CSV form: DHIS2's columns by position, the same values.
  const auto csv = division.get("/api/dhis2/data-value-set?period=2018&format=csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.headers.at("content-type").substr(0, 8), "text/csv");
  std::istringstream lines(csv.body);
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line, "dataelement,period,orgunit,catoptcombo,attroptcombo,value\r");
  std::size_t rows = 0;
  while (std::getline(lines, line)) {
    ASSERT_LT(rows, domain::kDhis2Indicators.size());
    EXPECT_EQ(line, element_of(rows) + ",2018," + kProvince + "," + kCombo + ",," + values[element_of(rows)] + "\r");
    ++rows;
  }
  EXPECT_EQ(rows, domain::kDhis2Indicators.size());

  // A year without statistics nor campaign: the figures of a state are sent, the others left out.
  const auto empty_year = division.get("/api/dhis2/data-value-set?period=2030").data();
  std::set<std::string> sent;
  for (const auto& value : empty_year["dataValues"]) sent.insert(value["dataElement"].get<std::string>());
  EXPECT_EQ(sent, (std::set<std::string>{element_of(0), element_of(1), element_of(7), element_of(8)}));
}

// The export answers the caller's scope only: a territory outside it or above it is refused as
// unknown; a viewer exports, an association and an assessor may not; parameters are checked.
TEST_F(Dhis2, ScopeAndParameters) {
  auto admin = as("admin");
  ASSERT_EQ(save(admin, full_mapping({{{"territory_id", territory("MA-11")}, {"org_unit", "RegionLaay1"}},
                                      {{"territory_id", territory("BOD-01")}, {"org_unit", kCommune}}}))
                .status,
            200);
  const auto province = "&territory_id=" + std::to_string(territory("MA-BOD"));
  auto other = as("division_other");
  auto refused = other.get("/api/dhis2/data-value-set?period=2019" + province);
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(error_of(refused), Outcome("invalid_reference", "territory_id"));
  auto division = as("division");
  refused = division.get("/api/dhis2/data-value-set?period=2019&territory_id=" + std::to_string(territory("MA-11")));
  EXPECT_EQ(error_of(refused), Outcome("invalid_reference", "territory_id"));
  // A commune of the province: its own org unit and its own figures.
  const auto commune =
      division.get("/api/dhis2/data-value-set?period=2019&territory_id=" + std::to_string(territory("BOD-01")));
  ASSERT_EQ(commune.status, 200) << commune.body;
  EXPECT_EQ(commune.data()["orgUnit"], kCommune);
  const auto commune_dashboard =
      division.get("/api/dashboard?year=2019&territory_id=" + std::to_string(territory("BOD-01"))).data();
  EXPECT_EQ(commune.data()["dataValues"][0]["value"],
            std::to_string(commune_dashboard["totals"]["institutions"].get<long long>()));
  // The admin exports the region (its country scope holds it); the viewer its province.
  EXPECT_EQ(admin.get("/api/dhis2/data-value-set?period=2019&territory_id=" + std::to_string(territory("MA-11")))
                .data()["orgUnit"],
            "RegionLaay1");
  EXPECT_EQ(as("viewer").get("/api/dhis2/data-value-set?period=2019").data()["orgUnit"], kProvince);
  for (const auto* forbidden : {"association", "assessor"})
    EXPECT_EQ(as(forbidden).get("/api/dhis2/data-value-set?period=2019" + province).status, 403) << forbidden;

  EXPECT_EQ(error_of(division.get("/api/dhis2/data-value-set")), Outcome("required", "period"));
  for (const auto& [query, field] :
       std::vector<std::pair<std::string, std::string>>{{"period=201904", "period"},
                                                        {"period=19", "period"},
                                                        {"period=2019&format=xml", "format"},
                                                        {"period=2019&territory_id=x", "territory_id"},
                                                        {"period=2019&lang=fr", "lang"}}) {
    const auto reply = division.get("/api/dhis2/data-value-set?" + query);
    EXPECT_EQ(reply.status, 400) << query;
    EXPECT_EQ(error_of(reply), Outcome("bad_parameter", field)) << query;
  }
}

}  // namespace
}  // namespace riaya::test
