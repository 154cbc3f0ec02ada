#include "api/routes.hpp"
#include "domain/audit_vocabulary.hpp"
#include "domain/schema.hpp"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <string_view>
#include <utility>

namespace riaya::api {
namespace {

using nlohmann::json;

json field_schema(const domain::FieldSpec& field) {
  using enum domain::FieldType;
  switch (field.type) {
    case Integer: {
      json schema = {{"type", "integer"}};
      if (field.min < field.max) schema.update({{"minimum", field.min}, {"maximum", field.max}});
      if (field.min < field.max && field.above_min) schema["exclusiveMinimum"] = true;
      return schema;
    }
    case Reference:
      return {{"type", "integer"}, {"description", "id of a " + std::string(field.references) + " record"}};
    case Decimal: {
      json schema = {{"type", "number"}, {"minimum", field.min}, {"maximum", field.max}};
      if (field.above_min) schema["exclusiveMinimum"] = true;
      return schema;
    }
    case Date: return {{"type", "string"}, {"format", "date"}};
    case Email: return {{"type", "string"}, {"format", "email"}, {"maxLength", field.max_length}};
    case Choice: return {{"type", "string"}, {"enum", field.choices}};
    case CodeReference:
      return {{"type", "string"}, {"description", "code of a " + std::string(field.references) + " record"}};
    case Text:
    case LongText: return {{"type", "string"}, {"maxLength", field.max_length}};
  }
  return {{"type", "string"}};
}

json read_only_schema(const domain::ReadOnlyField& field) {
  using enum domain::ReadOnlyType;
  json schema;
  switch (field.type) {
    case Integer: schema = {{"type", "integer"}}; break;
    case Boolean: schema = {{"type", "boolean"}}; break;
    case Text: schema = {{"type", "string"}}; break;
    case DateTime: schema = {{"type", "string"}, {"format", "date-time"}}; break;
  }
  schema["readOnly"] = true;
  if (field.nullable) schema["nullable"] = true;
  return schema;
}

// An entry of GET /api/audit (and the dashboard's latest changes): its action is one of the
// vocabulary's (domain/audit_vocabulary.hpp); a user's name, or one of `x-system-actors` when
// the system acted (no user id).
json audit_entry_schema() {
  json actions = json::array(), actors = json::array();
  for (const auto& action : domain::kAuditActions) actions.push_back(action.name);
  for (const auto actor : domain::kSystemActors) actors.push_back(actor);
  const json integer = {{"type", "integer"}, {"readOnly", true}};
  const json text = {{"type", "string"}, {"readOnly", true}};
  json nullable_integer = integer;
  nullable_integer["nullable"] = true;
  return {{"type", "object"},
          {"properties",
           {{"id", integer},
            {"at", {{"type", "string"}, {"format", "date-time"}, {"readOnly", true}}},
            {"user_id", nullable_integer},
            {"username", {{"type", "string"}, {"readOnly", true}, {"x-system-actors", actors}}},
            {"address", text},
            {"action", {{"type", "string"}, {"enum", actions}, {"readOnly", true}}},
            {"entity", text},
            {"entity_id", nullable_integer},
            {"before", {{"readOnly", true}}},
            {"after", {{"readOnly", true}}}}},
          {"required", {"id", "at", "user_id", "username", "action", "entity", "entity_id"}}};
}

json entity_schema(const domain::EntitySpec& spec) {
  json properties = json::object(), required = json::array();
  for (const auto& field : spec.fields) {
    properties[std::string(field.name)] = field_schema(field);
    // An optional field is null when it has no value, in answers and in bodies alike.
    if (field.required)
      required.push_back(field.name);
    else
      properties[std::string(field.name)]["nullable"] = true;
  }
  // What the server adds: always in its answers (OpenAPI 3.0: a required readOnly property is
  // required in responses only), never read from a body.
  for (const auto& field : spec.read_only) {
    properties[std::string(field.name)] = read_only_schema(field);
    required.push_back(field.name);
  }
  for (const char* name : {"id", "version"}) properties[name] = {{"type", "integer"}, {"readOnly", true}};
  for (const char* name : {"created_at", "updated_at", "archived_at"})
    properties[name] = {{"type", "string"}, {"format", "date-time"}, {"readOnly", true}};
  properties["archived_at"]["nullable"] = true;
  properties["editable"] = {{"type", "boolean"},
                            {"readOnly", true},
                            {"description", "whether the caller may change the record: its role and its scope"}};
  return {{"type", "object"}, {"properties", properties}, {"required", required}, {"additionalProperties", false}};
}

// "equipment_need" → "EquipmentNeed", "funding line" → "FundingLine".
std::string schema_name(std::string_view entity) {
  std::string name;
  bool upper = true;
  for (const char c : entity) {
    if (c == '_' || c == ' ') {
      upper = true;
      continue;
    }
    name += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return name;
}

// The schemas of the bespoke answers (not a record of the registry) are written with these:
// an object whose properties are all in the answer but those named `optional`.
json answer_object(std::initializer_list<std::pair<const char*, json>> properties,
                   std::initializer_list<const char*> optional = {}) {
  json described = json::object(), required = json::array();
  for (const auto& [name, schema] : properties) {
    described[name] = schema;
    if (std::ranges::find_if(optional, [&](const char* o) { return std::string_view(o) == name; }) == optional.end())
      required.push_back(name);
  }
  return {{"type", "object"}, {"properties", described}, {"required", required}};
}

json schema_ref(const std::string& schema) { return {{"$ref", "#/components/schemas/" + schema}}; }
json array_of(json item) { return {{"type", "array"}, {"items", std::move(item)}}; }
// An object keyed by names the answer chooses (a resource's), each value a `value`.
json map_of(json value) { return {{"type", "object"}, {"additionalProperties", std::move(value)}}; }
json text() { return {{"type", "string"}}; }

// The body of every refusal (api.cpp's error_response): its code, message in the caller's
// language and the field it names; some refusals add details beside them (an import's
// `problems`, a grid's `issues`, DHIS2's `missing`, a sync's `results`), described by docs/API.md.
json error_schema() {
  json error = answer_object(
      {{"code", text()},
       {"message", text()},
       {"field", text()},
       {"min", {{"type", "number"}, {"description", "out_of_range: the field's lowest value"}}},
       {"max", {{"type", "number"}, {"description", "out_of_range: the field's highest value"}}},
       {"limit", {{"type", "integer"}, {"description", "a file too large: the most bytes"}}},
       {"retry_after", {{"type", "integer"}, {"description", "locked: seconds to wait"}}},
       {"current",
        {{"type", "object"}, {"additionalProperties", true}, {"description", "conflict: the record as it is now"}}}},
      {"field", "min", "max", "limit", "retry_after", "current"});
  error["additionalProperties"] = true;
  return answer_object({{"error", error}});
}

// The choices of the user's field `name` (its role, its language), as a string schema.
json user_choice(std::string_view name) {
  const auto& fields = domain::user_spec().fields;
  const auto field = std::ranges::find_if(fields, [&](const auto& f) { return f.name == name; });
  return {{"type", "string"}, {"enum", field->choices}};
}

// GET /api/session's answer (also that of signing in and of changing the session's language):
// the signed-in user with its scope, the token every write carries, and what the role may do
// (and which roles create what), by resource of the access table.
json session_schema() {
  const json integer = {{"type", "integer"}};
  const json scope = answer_object({{"kind", {{"type", "string"}, {"enum", {"territory", "association"}}}},
                                    {"id", integer},
                                    {"name_ar", text()},
                                    {"name_fr", {{"type", "string"}, {"nullable", true}}}});
  const json user = answer_object({{"id", integer},
                                   {"username", text()},
                                   {"display_name", text()},
                                   {"role", user_choice("role")},
                                   {"language", user_choice("language")},
                                   {"must_change_password", {{"type", "boolean"}}},
                                   {"scope", scope}});
  const json actions = {{"type", "string"}, {"enum", {"read", "create", "update", "archive", "validate"}}};
  return answer_object({{"user", user},
                        {"csrf_token", text()},
                        {"permissions", map_of(array_of(actions))},
                        {"creators", map_of(array_of(user_choice("role")))}});
}

// The answer schema of the routes that have one, by method and pattern.
std::string answer_schema(const Route& route) {
  static const std::pair<std::string_view, std::string_view> kAnswers[] = {
      {"GET /api/session", "Session"},
      {"POST /api/session", "Session"},
      {"POST /api/session/language", "Session"},
  };
  const std::string key = route.method + " " + route.pattern;
  for (const auto& [route_key, schema] : kAnswers)
    if (route_key == key) return std::string(schema);
  return "";
}

}  // namespace

json openapi_document(const std::vector<Route>& routes) {
  json schemas = {{"Error", error_schema()}, {"Session", session_schema()}};
  for (const auto& spec : domain::registry_specs()) schemas[schema_name(spec.entity)] = entity_schema(spec);
  schemas["User"] = entity_schema(domain::user_spec());
  schemas["AuditEntry"] = audit_entry_schema();

  json paths = json::object();
  for (const auto& route : routes) {
    std::string method = route.method;
    std::transform(method.begin(), method.end(), method.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    json operation = {{"summary", route.summary},
                      {"tags", json::array({route.resource.empty() ? std::string("system") : route.resource})},
                      {"responses",
                       {{"200", {{"description", "success"}}},
                        {"4XX",
                         {{
                              "description",
                              "refused",
                          },
                          {"content", {{"application/json", {{"schema", schema_ref("Error")}}}}}}}}}};
    if (const auto answer = answer_schema(route); !answer.empty())
      operation["responses"]["200"]["content"] = {{"application/json", {{"schema", schema_ref(answer)}}}};
    if (route.access == Access::Public) operation["security"] = json::array();
    if (route.pattern.find("{id}") != std::string::npos)
      operation["parameters"] =
          json::array({{{"name", "id"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "integer"}}}}});
    // The record's schema is the body of the registry's (and the users') own create and replace routes only.
    const std::string base = "/api/" + route.resource;
    if (const auto* spec = route.resource == "users" ? &domain::user_spec() : domain::find_spec(route.resource);
        spec && ((route.method == "POST" && route.pattern == base) ||
                 (route.method == "PUT" && route.pattern == base + "/{id}")))
      operation["requestBody"] = {
          {"content", {{"application/json", {{"schema", schema_ref(schema_name(spec->entity))}}}}}};
    paths[route.pattern][method] = operation;
  }
  return {
      {"openapi", "3.0.3"},
      {"info", {{"title", "Riaya API"}, {"version", "0.1.0"}, {"description", "See docs/API.md for the conventions."}}},
      {"components",
       {{"schemas", schemas},
        {"securitySchemes",
         {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "riaya_session"}}},
          {"token", {{"type", "http"}, {"scheme", "bearer"}}}}}}},
      {"security", json::array({{{"session", json::array()}}, {{"token", json::array()}}})},
      {"paths", paths}};
}

}  // namespace riaya::api
