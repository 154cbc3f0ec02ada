// The authorization matrix: every route of the API × every role, generated from the one
// table of domain/access.cpp, in scope and out of scope. A new route without a rule fails.
#include "domain/access.hpp"
#include "suite.hpp"

#include <regex>

namespace riaya::test {
namespace {

class Authorization : public ApiTest {};

const std::vector<std::pair<std::string, domain::Role>> kRoles = {{"admin", domain::Role::Admin},
                                                                  {"division", domain::Role::Division},
                                                                  {"delegation", domain::Role::Delegation},
                                                                  {"assessor", domain::Role::Assessor},
                                                                  {"association", domain::Role::Association},
                                                                  {"viewer", domain::Role::Viewer}};

// An id of a record the caller's scope does not reach: OTHER-001's world, in another province.
std::string foreign_id(TestServer& server, const std::string& resource) {
  const std::map<std::string, std::string> sql = {
      {"institutions", "SELECT id FROM institutions WHERE code = 'OTHER-001'"},
      {"associations", "SELECT association_id FROM institutions WHERE code = 'OTHER-001'"},
      {"users", "SELECT id FROM users WHERE username = 'division_other'"},
  };
  const auto it = sql.find(resource);
  if (it == sql.end()) return "999999";
  return std::to_string(server.db().read([&](soci::session& s) { return store::Query(it->second).scalar(s); }));
}

TEST_F(Authorization, EveryRouteHasARuleAndEveryRoleGetsWhatTheTableSays) {
  std::map<std::string, Client> clients;
  for (const auto& [name, role] : kRoles) clients.emplace(name, as(name));
  Client anonymous(server().port());

  std::size_t checked = 0;
  for (const auto& route : server().api().routes()) {
    const std::string target = std::regex_replace(route.pattern, std::regex("\\{id\\}"), "999999");
    if (route.access == api::Access::Public) {
      EXPECT_TRUE(route.resource.empty()) << route.pattern;
      continue;
    }
    // Signed-out callers are always refused.
    EXPECT_EQ(anonymous.raw(route.method, target, route.method == "GET" ? "" : "{}").status, 401)
        << route.method << " " << route.pattern;
    bool someone_may = false;
    for (const auto& [name, role] : kRoles) {
      const bool allowed = domain::may(role, route.resource, route.action);
      someone_may = someone_may || allowed;
      if (route.pattern == "/api/session" && route.method == "DELETE") continue;  // would log the client out
      auto reply = clients.at(name).raw(route.method, target, route.method == "GET" ? "" : "{}");
      if (allowed)
        EXPECT_NE(reply.status, 403) << name << " may " << route.method << " " << route.pattern << ": " << reply.body;
      else
        EXPECT_EQ(reply.status, 403) << name << " may not " << route.method << " " << route.pattern << ": "
                                     << reply.body;
      EXPECT_LT(reply.status, 500) << name << " " << route.method << " " << route.pattern;
      ++checked;
    }
    EXPECT_TRUE(someone_may) << "no role may use " << route.method << " " << route.pattern
                             << ": add it to domain/access.cpp";
  }
  EXPECT_GT(checked, 200u);
}

TEST_F(Authorization, OutOfScopeRecordsAreNotFoundForEveryRoleThatMayRead) {
  for (const std::string resource : {"institutions", "associations", "users"}) {
    const auto id = foreign_id(server(), resource);
    for (const auto& [name, role] : kRoles) {
      if (!domain::may(role, resource, domain::Action::Read) || name == "admin")
        continue;  // admin's scope is the country
      auto client = as(name);
      EXPECT_EQ(client.get("/api/" + resource + "/" + id).status, 404) << name << " reads " << resource << " " << id;
      auto list = client.get("/api/" + resource + "?page_size=200").data();
      for (const auto& item : list["items"]) EXPECT_NE(std::to_string(item["id"].get<long long>()), id) << name;
    }
  }
  // The country-wide admin reaches it.
  EXPECT_EQ(as("admin").get("/api/institutions/" + foreign_id(server(), "institutions")).status, 200);
}

TEST_F(Authorization, OpenApiDescribesEveryRoute) {
  Client anonymous(server().port());
  const auto document = anonymous.get("/api/openapi.json").data();
  ASSERT_EQ(document["openapi"], "3.0.3");
  for (const auto& route : server().api().routes()) {
    std::string method = route.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_TRUE(document["paths"].contains(route.pattern) && document["paths"][route.pattern].contains(method))
        << route.method << " " << route.pattern << " is missing from /api/openapi.json";
  }
  EXPECT_TRUE(document["components"]["schemas"]["Institution"]["properties"].contains("name_ar"));
  EXPECT_EQ(
      document["paths"]["/api/equipment_needs"]["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"],
      "#/components/schemas/EquipmentNeed");
  // A route that changes a record's parts does not take the record as its body.
  EXPECT_FALSE(document["paths"]["/api/trainings/{id}/participants"]["post"].contains("requestBody"));
}

// The session says what the user's role may do, resource by resource, as the access table has it,
// so that the web app offers exactly the buttons whose requests will not be refused.
TEST_F(Authorization, TheSessionListsTheRolesPermissionsFromTheAccessTable) {
  const std::vector<std::pair<domain::Action, std::string>> actions = {{domain::Action::Read, "read"},
                                                                       {domain::Action::Create, "create"},
                                                                       {domain::Action::Update, "update"},
                                                                       {domain::Action::Archive, "archive"},
                                                                       {domain::Action::Validate, "validate"}};
  for (const auto& [name, role] : kRoles) {
    auto client = as(name);
    const auto permissions = client.get("/api/session").data()["permissions"];
    ASSERT_TRUE(permissions.is_object()) << name;
    for (const auto resource : domain::access_resources()) {
      json wanted = json::array();
      for (const auto& [action, action_name] : actions)
        if (domain::may(role, resource, action)) wanted.push_back(action_name);
      if (wanted.empty())
        EXPECT_FALSE(permissions.contains(std::string(resource))) << name << " " << resource;
      else
        EXPECT_EQ(permissions.value(std::string(resource), json()), wanted) << name << " " << resource;
    }
    const auto known = domain::access_resources();
    for (const auto& [resource, allowed] : permissions.items())
      EXPECT_NE(std::find(known.begin(), known.end(), resource), known.end()) << name << " " << resource;
  }
  // What a user notices: what the session says is refused, is refused; what it allows, is done.
  auto association = as("association");
  const auto permissions = association.get("/api/session").data()["permissions"];
  EXPECT_EQ(permissions["institutions"], json({"read", "update"}));
  EXPECT_FALSE(permissions.contains("users"));
  EXPECT_EQ(association.post("/api/institutions", institution("T-PERM-1")).status, 403);
  EXPECT_EQ(association.get("/api/users").status, 403);
  EXPECT_EQ(as("division").get("/api/session").data()["permissions"]["assessments"],
            json({"read", "update", "validate"}));
  EXPECT_EQ(as("viewer").get("/api/session").data()["permissions"]["institutions"], json({"read"}));
  // Logging in answers the same permissions.
  Client client(server().port());
  EXPECT_EQ(client.login("association").data()["permissions"], permissions);
}

// The session also says which roles add records of each resource, from the same table, so that
// an empty list tells a user who may not add to it who does (the admin's associations: the division).
TEST_F(Authorization, TheSessionSaysWhichRolesCreateEachResource) {
  for (const auto& [name, role] : kRoles) {
    const auto creators = as(name).get("/api/session").data()["creators"];
    ASSERT_TRUE(creators.is_object()) << name;
    for (const auto resource : domain::access_resources()) {
      json wanted = json::array();
      for (const auto& [other, other_role] : kRoles)
        if (domain::may(other_role, resource, domain::Action::Create)) wanted.push_back(other);
      if (wanted.empty())
        EXPECT_FALSE(creators.contains(std::string(resource))) << name << " " << resource;
      else
        EXPECT_EQ(creators.value(std::string(resource), json()), wanted) << name << " " << resource;
    }
  }
  const auto creators = as("admin").get("/api/session").data()["creators"];
  EXPECT_EQ(creators["associations"], json({"division"}));
  EXPECT_EQ(creators["users"], json({"admin"}));
  EXPECT_EQ(as("admin").post("/api/associations", json{{"name_ar", "جمعية"}}).status, 403);
}

TEST_F(Authorization, HealthAndReadiness) {
  Client anonymous(server().port());
  EXPECT_EQ(anonymous.get("/healthz").status, 200);
  EXPECT_EQ(anonymous.get("/readyz").data()["status"], "ok");
}

}  // namespace
}  // namespace riaya::test
