// Scope cannot be escaped, generated from the API's route table: for every role scoped to
// province A (Boujdour) or to association A, every route it may call is tried with the
// records and references of province B (division_other's): reads of B's ids are 404, lists
// show no B record even when asked for B's names, and writes that name B's records are
// refused, writing nothing. A route the generator cannot fill fails the test.
#include "domain/access.hpp"
#include "domain/dates.hpp"
#include "domain/schema.hpp"
#include "domain/statistics.hpp"
#include "suite.hpp"

#include <regex>
#include <set>

namespace riaya::test {
namespace {

// Only B's records carry this in their names; only A's personal fields carry kPersonal.
constexpr const char* kMarker = "zzbee";
constexpr const char* kPersonal = "zzpersonal";

const std::vector<std::pair<std::string, domain::Role>> kRoles = {{"division", domain::Role::Division},
                                                                  {"delegation", domain::Role::Delegation},
                                                                  {"assessor", domain::Role::Assessor},
                                                                  {"viewer", domain::Role::Viewer},
                                                                  {"association", domain::Role::Association}};

using Ids = std::map<std::string, long long>;

class Scope : public ApiTest {
 protected:
  static void SetUpTestSuite() {
    ApiTest::SetUpTestSuite();
    build_worlds();
  }

  static long long sql_id(const std::string& sql) {
    return server().db().read([&](soci::session& s) { return store::Query(sql).scalar(s); });
  }

  static long long created(Reply reply, const std::string& what) {
    EXPECT_EQ(reply.status, 201) << what << ": " << reply.body;
    const auto data = reply.data();
    if (data.contains("grid")) return data["grid"]["id"].get<long long>();
    return data.value("id", json(0)).get<long long>();
  }

  // A's records (made as "division" where the demo has none) and their copies in B (made as
  // "division_other", with every reference pointing into B and B-only names).
  static void build_worlds() {
    auto division = as("division");
    auto other = as("division_other");
    a_["territories"] = sql_id("SELECT id FROM territories WHERE code = 'MA-BOD'");
    b_["territories"] = sql_id("SELECT id FROM territories WHERE code = 'MA-OTH'");
    b_commune_ = sql_id("SELECT id FROM territories WHERE code = 'OTH-01'");
    a_["institutions"] = 1;
    b_["institutions"] = sql_id("SELECT id FROM institutions WHERE code = 'OTHER-001'");
    a_["associations"] = 1;
    b_["associations"] = sql_id("SELECT association_id FROM institutions WHERE code = 'OTHER-001'");
    a_["users"] = user_id("assessor");
    b_["users"] = user_id("division_other");

    const auto default_grid = division.get("/api/grids").data()["items"][0]["id"].get<long long>();
    criterion_ = division.get("/api/grids/" + std::to_string(default_grid))
                     .data()["content"]["domains"][0]["criteria"][0]["code"]
                     .get<std::string>();
    a_["grids"] = created(division.post("/api/grids/" + std::to_string(default_grid) + "/copy",
                                        {{"code", "scope-a"}, {"name_ar", "شبكة أ"}}),
                          "grid A");
    b_["grids"] = created(other.post("/api/grids/" + std::to_string(default_grid) + "/copy",
                                     {{"code", "scope-b"}, {"name_ar", std::string(kMarker) + " grid"}}),
                          "grid B");
    // A's personal fields carry a name only they hold, for the viewer's search.
    for (const std::string resource : {"associations", "institutions"}) {
      const auto path = "/api/" + resource + "/1";
      auto record = division.get(path).data();
      record[resource == "associations" ? "president_name" : "director_name"] = std::string(kPersonal) + " name";
      json body = {{"version", record["version"]}};
      for (const auto& field : domain::find_spec(resource)->fields)
        if (record.contains(std::string(field.name))) body[std::string(field.name)] = record[std::string(field.name)];
      EXPECT_EQ(division.put(path, body).status, 200);
    }

    // Hand-made A records where the demo has none; the rest are the demo's.
    const std::map<std::string, json> bodies = {
        {"campaigns",
         {{"name_ar", "حملة"}, {"grid_id", a_["grids"]}, {"territory_id", a_["territories"]}, {"status", "ongoing"}}},
        {"shortcomings",
         {{"institution_id", 1},
          {"source", "manual"},
          {"severity", "low"},
          {"status", "open"},
          {"raised_on", "2026-01-10"},
          {"description", "نقص"}}},
        {"programmes", {{"name_ar", "برنامج"}, {"territory_id", a_["territories"]}, {"status", "active"}}},
        {"actions",
         {{"institution_id", 1}, {"category", "works"}, {"title_ar", "عمل"}, {"status", "planned"}, {"progress", 0}}},
        {"grants",
         {{"source", "province"}, {"institution_id", 1}, {"purpose", "equipment"}, {"committed_centimes", 100000}}},
        {"funding_lines", {{"amount_centimes", 1000}}},
        {"meetings",
         {{"kind", "coordination"},
          {"title_ar", "اجتماع"},
          {"held_on", "2026-01-10"},
          {"territory_id", a_["territories"]}}},
        {"participants", {{"full_name", "مشارك"}, {"organisation", "منظمة"}}},
        {"recommendations", {{"text_ar", "توصية"}}},
        {"monthly_statistics", {{"institution_id", 1}, {"month", "2019-01"}, {"present_primary_f", 10}}},
        // The individual register, kept by A's second institution and by B's (switched on below).
        {"beneficiaries",
         {{"institution_id", 2},
          {"full_name_ar", "مستفيد"},
          {"sex", "f"},
          {"birth_date", "2008-01-01"},
          {"admission_date", "2019-09-01"}}},
        {"beneficiary_years", {{"school_year", "2019-2020"}, {"level", "college"}}},
    };
    for (const auto& spec : domain::registry_specs()) {
      const std::string resource(spec.resource);
      if (resource == "territories" || resource == "categories") continue;
      if (resource == "beneficiaries")  // after the monthly statistics: a register's are not typed
        for (auto [client, institution] : {std::pair{&division, 2LL}, std::pair{&other, b_["institutions"]}}) {
          const auto path = "/api/institutions/" + std::to_string(institution);
          const auto version = client->get(path).data()["version"];
          EXPECT_EQ(client->put(path + "/register", {{"keeps_register", true}, {"version", version}}).status, 200);
        }
      json record;
      if (const auto it = bodies.find(resource); it != bodies.end()) {
        json body = it->second;
        for (const auto& field : spec.fields)
          if (field.type == domain::FieldType::Reference && field.required && !body.contains(std::string(field.name)))
            body[std::string(field.name)] = a_.at(std::string(field.references));
        auto reply = division.post("/api/" + resource, body);
        a_[resource] = created(reply, "A " + resource);
        record = reply.data();
      } else if (!a_.contains(resource)) {
        record = division.get("/api/" + resource + "?page_size=1").data()["items"][0];
        a_[resource] = record["id"].get<long long>();
      } else {
        record = division.get("/api/" + resource + "/" + std::to_string(a_[resource])).data();
      }
      if (b_.contains(resource)) continue;
      b_[resource] = created(other.post("/api/" + resource, in_b(spec, record)), "B " + resource);
    }
    // An assessment in each campaign, a token of B's.
    for (auto* world : {&a_, &b_}) {
      auto& client = world == &a_ ? division : other;
      (*world)["assessments"] =
          created(client.post("/api/campaigns/" + std::to_string((*world)["campaigns"]) + "/assessments",
                              {{"institution_id", (*world)["institutions"]}}),
                  "assessment");
    }
    b_["tokens"] = created(other.post("/api/tokens", {{"name", "b"}}), "token B");
  }

  // `record` (of A) as a body for B: its fields, references into B, names B's own.
  static json in_b(const domain::EntitySpec& spec, const json& record) {
    json body = json::object();
    for (const auto& field : spec.fields) {
      const std::string name(field.name);
      if (!record.contains(name) || record[name].is_null()) continue;
      body[name] = record[name];
      if (field.type == domain::FieldType::Reference) {
        const std::string target(field.references);
        if (b_.contains(target))  // else reference data every province shares (kShared)
          body[name] = target == "territories" && field.reference_level == "commune" ? b_commune_ : b_.at(target);
      } else if ((field.searchable || field.unique) && field.type != domain::FieldType::Email) {
        body[name] = std::string(kMarker) + "-" + name;
      }
    }
    return body;
  }

  // The body of a write of the caller's own A record (`record`, as read) naming B's
  // `field` instead of its own reference.
  static json with_b_reference(const domain::EntitySpec& spec, const json& record, const std::string& field) {
    json body = json::object();
    for (const auto& f : spec.fields) {
      const std::string name(f.name);
      if (record.contains(name) && !record[name].is_null()) body[name] = record[name];
      if (f.unique) body[name] = "fresh-" + name;
    }
    const auto* reference = spec.field(field);
    body[field] = std::string(reference->references) == "territories" && reference->reference_level == "commune"
                      ? b_commune_
                      : b_.at(std::string(reference->references));
    if (record.contains("version")) body["version"] = record["version"];
    if (std::find(spec.exactly_one_of.begin(), spec.exactly_one_of.end(), field) != spec.exactly_one_of.end())
      for (const auto& other : spec.exactly_one_of)
        if (other != field) body.erase(std::string(other));
    return body;
  }

  static inline Ids a_, b_;
  static inline long long b_commune_ = 0;
  static inline std::string criterion_;  // a criterion of the grids
};

// The resource of a path's first {id}: "/api/actions/{id}/followups" → actions.
std::string path_resource(const std::string& pattern) {
  const auto start = std::string("/api/").size();
  return pattern.substr(start, pattern.find('/', start) - start);
}

std::string with_ids(const std::string& pattern, long long id) {
  auto path = std::regex_replace(pattern, std::regex("\\{id\\}"), std::to_string(id));
  return std::regex_replace(path, std::regex("\\{[a-z_]+\\}"), "1");
}

// Reference data every province shares, read by all by design (written by the admin): no
// province owns a record of them. The equipment catalogue's items, like grids, belong to a
// territory and are checked as any other record.
const std::set<std::string> kShared = {"territories", "categories"};

TEST_F(Scope, NoRouteReachesAnotherProvince) {
  std::map<std::string, Client> clients;  // signed in once: a sign-in is audited and slow
  for (const auto& [name, role] : kRoles) clients.emplace(name, as(name));
  clients.emplace("division_other", as("division_other"));
  std::size_t checked = 0;
  for (const auto& route : server().api().routes()) {
    if (route.access == api::Access::Public || route.resource == "session") continue;  // no record of anyone's
    const std::string where = route.method + " " + route.pattern;
    const bool has_id = route.pattern.find('{') != std::string::npos;
    const auto* spec = domain::find_spec(path_resource(route.pattern));
    for (const auto& [name, role] : kRoles) {
      if (!domain::may(role, route.resource, route.action)) continue;
      auto& client = clients.at(name);
      const auto audit = count("audit_log");
      const std::string who = name + " " + where;
      if (route.method == "GET" && !has_id) {
        // Lists: nothing of B, even asked for by name; nothing by a hidden personal field.
        for (const std::string& query : {std::string(), std::string("?q=") + kMarker, std::string("?q=") + kPersonal}) {
          auto reply = client.get(route.pattern + query);
          if (reply.status != 200) continue;  // a list that takes no q
          EXPECT_EQ(reply.body.find(kMarker), std::string::npos) << who << query << ": " << reply.body.substr(0, 300);
          if (query.find(kPersonal) != std::string::npos && !domain::sees_personal_data(role) &&
              reply.data().contains("items")) {
            EXPECT_TRUE(reply.data()["items"].empty()) << who << query << " finds by a field it may not see";
          }
        }
        ++checked;
        continue;
      }
      if (kShared.contains(path_resource(route.pattern))) continue;  // see kShared
      if (route.method == "GET") {
        const auto resource = path_resource(route.pattern);
        if (!b_.contains(resource)) {
          ADD_FAILURE() << who << ": the scope test has no record of B for " << resource;
          continue;
        }
        auto reply = client.get(with_ids(route.pattern, b_.at(resource)));
        EXPECT_EQ(reply.status, 404) << who << " reads B's " << resource << ": " << reply.body.substr(0, 300);
        ++checked;
        continue;
      }
      // Writes on B's records: not found, whatever the body.
      if (has_id) {
        const auto resource = path_resource(route.pattern);
        if (!b_.contains(resource)) {
          ADD_FAILURE() << who << ": the scope test has no record of B for " << resource;
          continue;
        }
        // A body the route would take, so that only the record of the path is wrong.
        const std::map<std::string, json> bodies = {
            {"/api/grids/{id}/copy", {{"code", "scope-copy"}, {"name_ar", "x"}}},
            {"/api/grids/{id}", {{"version", 1}, {"content", json::object()}}},
            {"/api/campaigns/{id}/assessments", {{"institution_id", a_.at("institutions")}}},
            {"/api/assessments/{id}/answers", {{"version", 1}, {"answers", json::array()}}},
            {"/api/assessments/{id}/answers/sync", {{"base_status", "draft"}, {"answers", json::array()}}},
            {"/api/assessments/{id}/return", {{"version", 1}, {"reason", "x"}}},
            {"/api/programmes/{id}/actions-from-shortcomings", {{"shortcoming_ids", {a_.at("shortcomings")}}}},
            {"/api/programmes/{id}/actions-from-needs", {{"need_ids", {a_.at("equipment_needs")}}}},
            {"/api/actions/{id}/shortcomings", {{"version", 1}, {"shortcoming_ids", {a_.at("shortcomings")}}}},
            {"/api/actions/{id}/followups", {{"version", 1}, {"entry_date", "2026-01-10"}, {"note", "x"}}},
            {"/api/recommendations/{id}/action", {{"programme_id", a_.at("programmes")}, {"category", "works"}}},
            {"/api/trainings/{id}/participants", {{"version", 1}, {"staff_ids", {a_.at("staff")}}}},
            {"/api/trainings/{id}/participants/remove", {{"version", 1}, {"staff_ids", {a_.at("staff")}}}},
            {"/api/institutions/{id}/register", {{"version", 1}, {"keeps_register", true}}},
        };
        auto unwritten = audit;  // reading B's named record for its fields is audited as a read
        json body = {{"version", 1}};
        if (const auto it = bodies.find(route.pattern); it != bodies.end()) {
          body = it->second;
        } else if (spec && route.pattern == "/api/" + resource + "/{id}" && route.method == "PUT") {
          auto b_record =
              clients.at("division_other").get("/api/" + resource + "/" + std::to_string(b_.at(resource))).data();
          body = in_b(*spec, b_record);
          body["version"] = b_record.value("version", json(1));
          unwritten = count("audit_log");
        }
        auto reply = route.body == api::Body::File
                         ? client.raw(route.method,
                                      with_ids(route.pattern, b_.at(resource)) + "?file_name=a.png" +
                                          (resource == "assessments" ? "&criterion_code=" + criterion_ : ""),
                                      kPng)
                         : client.raw(route.method, with_ids(route.pattern, b_.at(resource)), body.dump());
        EXPECT_EQ(reply.status, 404) << who << " on B's " << resource << ": " << reply.body.substr(0, 300);
        EXPECT_EQ(count("audit_log"), unwritten) << who << " wrote";
        ++checked;
      }
      // Writes on the caller's own records (or new ones) naming B's records in the body.
      std::vector<std::pair<std::string, json>> attempts;  // (field refused, body)
      const std::string registry_item = spec && route.pattern == "/api/" + std::string(spec->resource) ? "create"
                                        : spec && route.pattern == "/api/" + std::string(spec->resource) + "/{id}"
                                            ? "update"
                                            : "";
      std::string target =
          with_ids(route.pattern, a_.count(path_resource(route.pattern)) ? a_.at(path_resource(route.pattern)) : 0);
      if (!registry_item.empty() && route.method != "DELETE") {
        auto own = client.get("/api/" + std::string(spec->resource) + "?page_size=1").data()["items"];
        if (own.empty())
          own = json::array({clients.at("division")
                                 .get("/api/" + std::string(spec->resource) + "/" +
                                      std::to_string(a_.at(std::string(spec->resource))))
                                 .data()});
        if (registry_item == "update")
          target = "/api/" + std::string(spec->resource) + "/" + std::to_string(own[0]["id"].get<long long>());
        for (const auto& field : spec->fields)
          if (field.type == domain::FieldType::Reference && b_.contains(std::string(field.references)))
            attempts.emplace_back(std::string(field.name), with_b_reference(*spec, own[0], std::string(field.name)));
      } else if (route.pattern == "/api/assessments/self") {
        attempts.push_back(
            {"campaign_id", {{"campaign_id", b_.at("campaigns")}, {"institution_id", a_.at("institutions")}}});
      } else if (route.pattern == "/api/campaigns/{id}/assessments") {
        attempts.push_back({"institution_id", {{"institution_id", b_.at("institutions")}}});
        attempts.push_back({"assessor_ids[0]", {{"institution_id", 2}, {"assessor_ids", {b_.at("users")}}}});
      } else if (route.pattern == "/api/programmes/{id}/actions-from-shortcomings") {
        attempts.push_back({"shortcoming_ids[0]", {{"shortcoming_ids", {b_.at("shortcomings")}}}});
      } else if (route.pattern == "/api/programmes/{id}/actions-from-needs") {
        attempts.push_back({"need_ids[0]", {{"need_ids", {b_.at("equipment_needs")}}}});
      } else if (route.pattern == "/api/actions/{id}/shortcomings") {
        attempts.push_back({"shortcoming_ids[0]", {{"version", 1}, {"shortcoming_ids", {b_.at("shortcomings")}}}});
      } else if (route.pattern == "/api/recommendations/{id}/action") {
        attempts.push_back({"programme_id", {{"programme_id", b_.at("programmes")}, {"category", "works"}}});
      } else if (route.pattern == "/api/trainings/{id}/participants") {
        attempts.push_back({"staff_ids", {{"version", 1}, {"staff_ids", {b_.at("staff")}}}});
      } else if (route.pattern == "/api/notices/read") {
        // B's institution has not reported last month either: its notice is not the caller's.
        attempts.push_back({"key",
                            {{"key", "statistics_unreported:" + std::to_string(b_.at("institutions")) + ":" +
                                         domain::previous_month(domain::month_of(domain::today_iso()))}}});
      } else if (route.pattern.starts_with("/api/imports/")) {
        // An import names its institution in the query, or its references in its rows: B's are
        // none the caller may fill or reference. The columns of a file and the remembered mapping
        // name no record; communes are territories, reference data (kShared) kept by the admin.
        auto kind = route.pattern.substr(std::string("/api/imports/").size());
        kind = kind.substr(0, kind.find('/'));
        if (route.body == api::Body::File && !route.pattern.ends_with("/columns") &&
            !kShared.contains(route.resource)) {
          std::string query = "?file_name=a.csv", file = "a;b\n1;2\n", field = "institution_id";
          if (kind == "institutions") {
            file = "code;name_ar;category;association_id;commune_id\nSC-1;x;dar_talib;1;" + std::to_string(b_commune_) +
                   "\n";
            field = "commune_id";
          } else if (kind == "associations") {
            file = "name_ar;territory_id\nx;" + std::to_string(b_commune_) + "\n";
            field = "territory_id";
          } else {
            query += "&institution_id=" + std::to_string(b_.at("institutions"));
          }
          auto reply = client.raw(route.method, route.pattern + query, file);
          const auto data = reply.data();
          if (field == "institution_id") {
            EXPECT_EQ(reply.status, 422) << who << ": " << reply.body.substr(0, 300);
            EXPECT_EQ(data["error"]["field"], field) << who << ": " << reply.body.substr(0, 300);
          } else {
            // A row naming B's commune is a problem: the dry run lists it, the commit refuses the file.
            const bool dry = route.pattern.ends_with("/check");
            EXPECT_EQ(reply.status, dry ? 200 : 422) << who << ": " << reply.body.substr(0, 300);
            const auto problems = dry ? data.value("problems", json::array()) : data["error"].value("problems", json());
            ASSERT_TRUE(problems.is_array() && problems.size() == 1) << who << ": " << reply.body.substr(0, 300);
            EXPECT_EQ(problems[0]["field"], field) << who;
            EXPECT_EQ(problems[0]["code"], "invalid_reference") << who;
          }
          EXPECT_EQ(count("audit_log"), audit) << who << " wrote";
          ++checked;
        }
      } else if (route.pattern == "/api/tokens" || route.pattern == "/api/grids/import" ||
                 route.pattern == "/api/notices/read-all" || has_id) {
        // No reference in the body beyond the record of the path, tried above.
      } else {
        ADD_FAILURE() << who << ": the scope test does not know how to fill this route";
      }
      if (!attempts.empty() && route.pattern.find("{id}") != std::string::npos &&
          !a_.count(path_resource(route.pattern)))
        ADD_FAILURE() << who << ": no record of A for " << path_resource(route.pattern);
      for (const auto& [field, body] : attempts) {
        // The caller's own version of the record, when the route checks it.
        json sent = body;
        if (sent.contains("version") && registry_item.empty())
          sent["version"] = clients.at("division")
                                .get("/api/" + path_resource(route.pattern) + "/" +
                                     std::to_string(a_.at(path_resource(route.pattern))))
                                .data()["version"];
        // Reading a named record to learn its version is itself audited (a read): counted from here.
        const auto before_attempt =
            domain::find_spec(path_resource(route.pattern)) && domain::find_spec(path_resource(route.pattern))->named
                ? count("audit_log")
                : audit;
        auto reply = client.raw(route.method, target, sent.dump());
        EXPECT_TRUE(reply.status == 422 || reply.status == 404)
            << who << " " << field << ": " << reply.body.substr(0, 300);
        if (reply.status == 422) {
          EXPECT_EQ(reply.data()["error"]["field"], field) << who << ": " << reply.body.substr(0, 300);
        }
        EXPECT_EQ(count("audit_log"), before_attempt) << who << " " << field << " wrote";
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 150u);
}

// Grids and the equipment catalogue belong to a territory: a code need be free only among what
// a division reads (the defaults and its territory's), so another province's codes neither
// block it nor show; a division changes its own items, and only the admin the national ones.
TEST_F(Scope, CodesArePerTerritory) {
  auto division = as("division");
  auto other = as("division_other");
  auto admin = as("admin");
  const auto default_grid = std::to_string(division.get("/api/grids").data()["items"][0]["id"].get<long long>());
  const auto default_code = division.get("/api/grids/" + default_grid).data()["code"].get<std::string>();
  // B's grid "scope-b" (build_worlds) does not block A; A's own and the default's codes do.
  EXPECT_EQ(division.post("/api/grids/" + default_grid + "/copy", {{"code", "scope-b"}, {"name_ar", "ب"}}).status, 201);
  EXPECT_EQ(division.post("/api/grids/" + default_grid + "/copy", {{"code", "scope-a"}, {"name_ar", "أ"}}).status, 409);
  EXPECT_EQ(other.post("/api/grids/" + default_grid + "/copy", {{"code", default_code}, {"name_ar", "ج"}}).status, 409);

  const json item = {{"code", "LOCAL-1"}, {"name_ar", "سرير محلي"}, {"unit", "piece"}, {"category", "bedding"}};
  auto mine = division.post("/api/equipment_items", item);
  ASSERT_EQ(mine.status, 201) << mine.body;
  EXPECT_EQ(other.post("/api/equipment_items", item).status, 201) << "B's code is B's";
  EXPECT_EQ(division.post("/api/equipment_items", item).status, 409) << "A's own code is taken";
  const auto national = division.get("/api/equipment_items?q=BED-SINGLE").data()["items"][0];
  auto copy = item;
  copy["code"] = national["code"];
  EXPECT_EQ(other.post("/api/equipment_items", copy).status, 409) << "a national code is taken everywhere";

  const auto change = [](const json& record, const std::string& name_fr) {
    json body = {{"version", record["version"]}, {"name_fr", name_fr}};
    for (const char* field : {"code", "name_ar", "unit", "category"}) body[field] = record[field];
    return body;
  };
  // A's item: read in A (the division, an assessor, an association of A), not in B.
  const auto path = "/api/equipment_items/" + std::to_string(mine.data()["id"].get<long long>());
  EXPECT_EQ(as("assessor").get(path).status, 200);
  EXPECT_EQ(as("association").get(path).status, 200);
  EXPECT_EQ(other.get(path).status, 404);
  // Each record says whether the caller may change it, as the writes below find.
  EXPECT_EQ(division.get(path).data()["editable"], true);
  EXPECT_EQ(as("assessor").get(path).data()["editable"], false) << "an assessor changes no catalogue";
  EXPECT_EQ(national["editable"], false) << "a division changes no national item";
  EXPECT_EQ(admin.get("/api/equipment_items?q=BED-SINGLE").data()["items"][0]["editable"], true);
  const auto items = division.get("/api/equipment_items?page_size=200").data();
  for (const auto& row : items["items"])
    EXPECT_EQ(row["editable"], row["code"] == "LOCAL-1") << row["code"];  // A's own item only
  EXPECT_EQ(other.put(path, change(mine.data(), "Lit")).status, 404);
  EXPECT_EQ(division.put(path, change(mine.data(), "Lit")).status, 200);

  // The national items: the admin changes them, a division does not.
  const auto national_change = change(national, "Lit simple (changé)");
  const auto national_path = "/api/equipment_items/" + std::to_string(national["id"].get<long long>());
  const auto audit = count("audit_log");
  EXPECT_EQ(division.put(national_path, national_change).status, 404);
  EXPECT_EQ(count("audit_log"), audit);
  EXPECT_EQ(admin.put(national_path, national_change).status, 200);
}

// Services and activities (issue 16, S10): the services catalogue's codes are per territory like
// the equipment catalogue's; an institution's services and activities name only an institution
// and a catalogue item the writer's scope reaches, and another province reads none of them.
TEST_F(Scope, ServicesAndActivitiesNameOnlyWhatTheWriterReaches) {
  auto division = as("division");
  auto other = as("division_other");
  auto association = as("association");
  const json item = {{"code", "LOCAL-S"}, {"name_ar", "خدمة محلية"}};
  auto mine = division.post("/api/service_items", item);
  ASSERT_EQ(mine.status, 201) << mine.body;
  auto theirs = other.post("/api/service_items", item);
  EXPECT_EQ(theirs.status, 201) << "B's code is B's";
  EXPECT_EQ(division.post("/api/service_items", item).status, 409) << "A's own code is taken";
  EXPECT_EQ(other.post("/api/service_items", {{"code", "LODGING"}, {"name_ar", "إيواء"}}).status, 409)
      << "a national code is taken everywhere";

  const auto a_institution = a_.at("institutions");
  const auto b_institution = b_.at("institutions");
  const auto audit = count("audit_log");
  // A's association: B's institution, B's catalogue item, or an institution of another
  // association of A's province are references it does not reach.
  for (const auto& [body, field] : std::vector<std::pair<json, std::string>>{
           {{{"institution_id", b_institution}, {"service_id", mine.data()["id"]}}, "institution_id"},
           {{{"institution_id", a_institution}, {"service_id", theirs.data()["id"]}}, "service_id"},
           {{{"institution_id", 3}, {"service_id", mine.data()["id"]}}, "institution_id"}}) {
    auto reply = association.post("/api/institution_services", body);
    EXPECT_EQ(reply.status, 422) << body.dump() << " " << reply.body;
    EXPECT_EQ(reply.data()["error"]["code"], "invalid_reference") << reply.body;
    EXPECT_EQ(reply.data()["error"]["field"], field) << reply.body;
  }
  const json activity = {
      {"activity_kind", "sport"}, {"title", "نشاط"}, {"activity_date", "2019-10-10"}, {"participants_f", 3}};
  for (auto* client : {&association, &division}) {
    auto reply = client->post("/api/activities", with(activity, {{"institution_id", b_institution}}));
    EXPECT_EQ(reply.status, 422) << reply.body;
    EXPECT_EQ(reply.data()["error"]["field"], "institution_id") << reply.body;
  }
  EXPECT_EQ(count("audit_log"), audit);

  // A's association's activity and service: read in A, "not found" in B, listed nowhere else.
  auto held = association.post("/api/activities", with(activity, {{"institution_id", 1}}));
  ASSERT_EQ(held.status, 201) << held.body;
  const auto path = "/api/activities/" + std::to_string(held.data()["id"].get<long long>());
  EXPECT_EQ(as("viewer").get(path).status, 200);
  EXPECT_EQ(other.get(path).status, 404);
  EXPECT_EQ(other.get("/api/activities?institution_id=1").data()["total"], 0);
  auto changed = held.data();
  changed["title"] = "نشاط آخر";
  EXPECT_EQ(other.put(path, changed).status, 404);
}

}  // namespace
}  // namespace riaya::test
