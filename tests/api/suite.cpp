#include "suite.hpp"

#include "store/audit.hpp"
#include "store/query.hpp"

#include <sstream>

namespace riaya::test {

std::vector<json> progress_lines(Client& client, const std::string& path,
                                 const std::function<void(std::string_view received)>& arriving) {
  const auto reply = client.raw("GET", path, "", "Accept: application/x-ndjson\r\n", arriving);
  EXPECT_EQ(reply.status, 200) << reply.body;
  EXPECT_TRUE(reply.whole);
  EXPECT_TRUE(reply.headers.count("content-type") &&
              reply.headers.at("content-type").starts_with("application/x-ndjson"))
      << reply.body;
  std::vector<json> lines;
  std::istringstream body(reply.body);
  for (std::string line; std::getline(body, line);) lines.push_back(json::parse(line));
  return lines;
}

void ApiTest::expect_audit_chain_whole() {
  const auto check = server().db().read([](soci::session& s) { return store::verify_audit(s); });
  EXPECT_TRUE(check.whole) << "audit chain: " << check.to_json().dump();
}

long long ApiTest::count(const std::string& table) {
  return server().db().read([&](soci::session& s) { return store::Query("SELECT COUNT(*) FROM " + table).scalar(s); });
}

double ApiTest::metric(const std::string& name) {
  Client loopback(server().port());
  const auto body = loopback.get("/metrics").body;
  const auto at = body.find("\n" + name + " ");
  return at == std::string::npos ? -1 : std::stod(body.substr(at + name.size() + 2));
}

Reply ApiTest::expect_refused(Client client, const std::string& resource, const json& body, int status,
                              const std::string& code, const std::string& field) {
  const auto rows = count(resource), audit = count("audit_log");
  auto reply = client.post("/api/" + resource, body);
  EXPECT_EQ(reply.status, status) << body.dump() << " " << reply.body;
  EXPECT_EQ(reply.data()["error"]["code"], code) << reply.body;
  EXPECT_EQ(reply.data()["error"].value("field", ""), field) << reply.body;
  EXPECT_EQ(count(resource), rows);
  EXPECT_EQ(count("audit_log"), audit);
  return reply;
}

void ApiTest::keep_register(long long id) {
  auto division = as("division");
  const auto path = "/api/institutions/" + std::to_string(id);
  const auto on =
      division.put(path + "/register", {{"keeps_register", true}, {"version", division.get(path).data()["version"]}});
  ASSERT_EQ(on.status, 200) << on.body;
}

json ApiTest::institution(const std::string& code, const std::string& name_ar) {
  const auto commune = server().db().read(
      [](soci::session& s) { return store::Query("SELECT id FROM territories WHERE code = 'BOD-01'").scalar(s); });
  return {{"code", code},          {"name_ar", name_ar}, {"category", "dar_talib"}, {"association_id", 1},
          {"commune_id", commune}, {"status", "active"}, {"capacity", 80}};
}

long long ApiTest::user_id(const std::string& username) {
  return server().db().read([&](soci::session& s) {
    return store::Query("SELECT id FROM users WHERE username = :u").bind("u", username).scalar(s);
  });
}

json ApiTest::answers(Client& client, long long assessment, const std::map<std::string, json>& overrides) {
  const auto grid = client.get("/api/assessments/" + std::to_string(assessment)).data()["grid"];
  json list = json::array();
  for (const auto& domain : grid["domains"])
    for (const auto& criterion : domain["criteria"]) {
      const auto code = criterion["code"].get<std::string>();
      list.push_back({{"criterion_code", code}, {"score", overrides.contains(code) ? overrides.at(code) : json(2)}});
    }
  return list;
}

json ApiTest::campaign(Client& division, const std::string& name) {
  const auto grid = division.get("/api/grids").data()["items"][0];
  auto created = division.post("/api/campaigns", {{"name_ar", name},
                                                  {"name_fr", "Étude diagnostique"},
                                                  {"grid_id", grid["id"]},
                                                  {"territory_id", 3},
                                                  {"starts_on", "2018-09-01"},
                                                  {"ends_on", "2018-09-30"},
                                                  {"status", "ongoing"}});
  EXPECT_EQ(created.status, 201) << created.body;
  return created.data();
}

json ApiTest::run_assessment(Client& division, Client& assessor, const json& campaign_record,
                             const std::map<std::string, json>& overrides, long long institution) {
  const auto campaign_id = std::to_string(campaign_record["id"].get<long long>());
  auto added = division.post("/api/campaigns/" + campaign_id + "/assessments",
                             {{"institution_id", institution}, {"assessor_ids", {user_id("assessor")}}});
  EXPECT_EQ(added.status, 201) << added.body;
  const auto id = added.data()["id"].get<long long>();
  const auto path = "/api/assessments/" + std::to_string(id);
  auto saved = assessor.put(path + "/answers", {{"version", 1}, {"answers", answers(assessor, id, overrides)}});
  EXPECT_EQ(saved.status, 200) << saved.body;
  auto submitted = assessor.post(path + "/submit", {{"version", saved.data()["version"]}});
  EXPECT_EQ(submitted.status, 200) << submitted.body;
  auto validated = division.post(path + "/validate", {{"version", submitted.data()["version"]}});
  EXPECT_EQ(validated.status, 200) << validated.body;
  return validated.data();
}

}  // namespace riaya::test
