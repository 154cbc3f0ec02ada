// The bespoke answers the OpenAPI document describes (GET /api/session's, every refusal's), as
// the server gives them: each field of the answer is in its published schema, with its type,
// and each field the schema requires is in the answer — the schema the web app's types are
// generated from (web/scripts/api-types.mjs).
#include "suite.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <tuple>

namespace riaya::test {
namespace {

// Where `value` departs from `schema` (its $refs resolved in `document`), named from `at`; empty
// when it does not. An object's field the schema does not name departs from it unless the
// schema says what else it allows (additionalProperties).
std::string departure(const json& value, const json& schema, const json& document, const std::string& at) {
  if (schema.contains("$ref")) {
    const auto ref = schema["$ref"].get<std::string>();
    return departure(value, document["components"]["schemas"][ref.substr(ref.rfind('/') + 1)], document, at);
  }
  if (value.is_null()) return schema.value("nullable", false) ? "" : at + " is null";
  if (schema.contains("enum") && std::ranges::find(schema["enum"], value) == schema["enum"].end())
    return at + " = " + value.dump() + " is not one of its schema's values";
  const auto type = schema.value("type", "");
  if (type == "object") {
    if (!value.is_object()) return at + " is not an object";
    const auto properties = schema.value("properties", json::object());
    for (const auto& name : schema.value("required", json::array()))
      if (!value.contains(name)) return at + " lacks " + name.get<std::string>();
    const auto others = schema.value("additionalProperties", json(false));
    for (const auto& [key, item] : value.items()) {
      const auto described = properties.contains(key) ? properties[key] : others;
      if (described == false) return at + "." + key + " is not in its schema";
      if (auto away = departure(item, described == true ? json::object() : described, document, at + "." + key);
          !away.empty())
        return away;
    }
    return "";
  }
  if (type == "array") {
    if (!value.is_array()) return at + " is not an array";
    for (std::size_t i = 0; i < value.size(); ++i)
      if (auto away = departure(value[i], schema["items"], document, at + "[" + std::to_string(i) + "]"); !away.empty())
        return away;
    return "";
  }
  const bool typed = type.empty() || (type == "integer" && value.is_number_integer()) ||
                     (type == "number" && value.is_number()) || (type == "boolean" && value.is_boolean()) ||
                     (type == "string" && value.is_string());
  return typed ? "" : at + " = " + value.dump() + " is not of type " + type;
}

class OpenApiAnswers : public ApiTest {
 protected:
  static json document() { return Client(server().port()).get("/api/openapi.json").data(); }

  // The schema `method` `pattern` answers with `status` ("200", "4XX") in the document.
  static json answer_schema(const json& document, const std::string& method, const std::string& pattern,
                            const std::string& status) {
    return document["paths"][pattern][method]["responses"][status]["content"]["application/json"]["schema"];
  }
};

TEST_F(OpenApiAnswers, EveryDescribedAnswerIsWhatItsSchemaSays) {
  const auto described = document();
  // How to get each described answer, by "method pattern", as each role gets it.
  const std::map<std::string, std::function<Reply(const std::string& role)>> calls = {
      {"get /api/session", [](const std::string& role) { return as(role).get("/api/session"); }},
      {"post /api/session", [](const std::string& role) { return Client(server().port()).login(role); }},
      {"post /api/session/language",
       [](const std::string& role) {
         return as(role).post("/api/session/language", {{"language", "fr"}});
       }},
  };
  std::size_t answers = 0;
  for (const auto& [pattern, operations] : described["paths"].items())
    for (const auto& [method, operation] : operations.items()) {
      if (!operation["responses"]["200"].contains("content")) continue;
      const auto call = calls.find(method + " " + pattern);
      ASSERT_NE(call, calls.end()) << method << " " << pattern << " has an answer schema this test does not check";
      for (const auto* role : {"admin", "division", "delegation", "assessor", "association", "viewer"}) {
        const auto reply = call->second(role);
        ASSERT_EQ(reply.status, 200) << method << " " << pattern << " as " << role << ": " << reply.body;
        EXPECT_EQ(departure(reply.data(), answer_schema(described, method, pattern, "200"), described, "answer"), "")
            << method << " " << pattern << " as " << role;
        ++answers;
      }
    }
  EXPECT_GE(answers, 3u * 6u);
}

TEST_F(OpenApiAnswers, EveryRefusalIsTheErrorSchema) {
  const auto described = document();
  auto division = as("division");
  Client anonymous(server().port());
  const std::vector<std::tuple<std::string, std::string, Reply>> refusals = {
      {"get", "/api/session", anonymous.get("/api/session")},
      {"post", "/api/session", anonymous.post("/api/session", {{"username", "nobody"}, {"password", "wrong"}})},
      {"post", "/api/session/language", division.post("/api/session/language", {{"language", "de"}})},
      {"get", "/api/institutions/{id}", division.get("/api/institutions/999999999")},
      {"post", "/api/institutions", division.post("/api/institutions", json::object())},
      {"post", "/api/institutions",
       division.post("/api/institutions", institution("C-OPENAPI", std::string(1000, 'x')))},
  };
  std::set<std::string> codes;
  for (const auto& [method, pattern, reply] : refusals) {
    ASSERT_GE(reply.status, 400) << method << " " << pattern << ": " << reply.body;
    ASSERT_LT(reply.status, 500) << method << " " << pattern << ": " << reply.body;
    EXPECT_EQ(departure(reply.data(), answer_schema(described, method, pattern, "4XX"), described, "refusal"), "")
        << method << " " << pattern << ": " << reply.body;
    codes.insert(reply.data()["error"]["code"].get<std::string>());
  }
  EXPECT_GE(codes.size(), 4u) << "refusals of different kinds";
}

}  // namespace
}  // namespace riaya::test
