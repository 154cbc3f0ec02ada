// Grids, assessments and their workflow (issue 4). Campaigns and shortcomings are registry
// resources (registry_routes.cpp).
#include "api/list_export.hpp"
#include "api/list_params.hpp"
#include "api/request_body.hpp"
#include "api/routes.hpp"
#include "domain/messages.hpp"
#include "domain/schema.hpp"
#include "domain/search_key.hpp"
#include "io/labels.hpp"
#include "io/xlsform.hpp"
#include "io/xlsx_reader.hpp"
#include "store/assessments.hpp"
#include "store/comparison.hpp"
#include "store/grids.hpp"

#include <cmath>
#include <limits>

namespace riaya::api {
namespace {

using domain::Action;
using domain::ErrorCode;
using domain::fail;
using nlohmann::json;

// Reads `name`=`value` into `page` (1 to 1,000,000) or `page_size` (1 to 200) when it names
// one: answers whether it did; BadParameter naming it for a bad value.
domain::Result<bool> page_parameter(const std::string& name, const std::string& value, int& page, int& page_size) {
  if (name != "page" && name != "page_size") return false;
  const auto number = positive_integer(name, value);
  if (!number || (name == "page_size" && *number > 200) || (name == "page" && *number > 1'000'000))
    return fail(ErrorCode::BadParameter, name);
  (name == "page" ? page : page_size) = static_cast<int>(*number);
  return true;
}

domain::Result<std::map<std::string, json>> assessment_filters(const std::map<std::string, std::string>& query,
                                                               int& page, int& page_size) {
  std::map<std::string, json> filters;
  for (const auto& [name, value] : query) {
    const auto paging = page_parameter(name, value, page, page_size);
    if (!paging) return std::unexpected(paging.error());
    if (*paging) continue;
    if (name == "campaign_id" || name == "institution_id" || name == "territory_id" || name == "association_id") {
      auto number = positive_integer(name, value);
      if (!number) return fail(ErrorCode::BadParameter, name);
      filters[name] = *number;
    } else if (name == "status" &&
               (value == "draft" || value == "submitted" || value == "returned" || value == "validated")) {
      filters[name] = value;
    } else if (name == "kind" && (value == "official" || value == "self")) {
      filters[name] = value;
    } else if (name == "institution_category" && !value.empty() && value.size() <= 60) {
      filters[name] = value;
    } else {
      return fail(ErrorCode::BadParameter, name);
    }
  }
  return filters;
}

// The typed requests of the grids' and the assessments' writes (store/grids.hpp,
// store/assessments.hpp).
domain::Result<store::GridCopy> grid_copy(const json& body) {
  store::GridCopy request;
  return RequestReader(body, {"code", "name_ar", "name_fr"})
      .text("code", request.code, kAnyLength)
      .text("name_ar", request.name_ar, kAnyLength)
      .text("name_fr", request.name_fr, kAnyLength)
      .finish(request);
}

domain::Result<store::GridContent> grid_content(const json& body) {
  store::GridContent request;
  return RequestReader(body, {"version", "content"})
      .version(request.version)
      .object("content", request.content)
      .finish(request);
}

domain::Result<store::NewAssessment> new_assessment(const json& body) {
  store::NewAssessment request;
  return RequestReader(body, {"institution_id", "assessor_ids"})
      .ids("assessor_ids", request.assessor_ids, store::kMaxAssessors, false)
      .id("institution_id", request.institution_id)
      .finish(request);
}

domain::Result<store::NewSelfAssessment> new_self_assessment(const json& body) {
  store::NewSelfAssessment request;
  return RequestReader(body, {"institution_id", "campaign_id"})
      .id("campaign_id", request.campaign_id)
      .id("institution_id", request.institution_id)
      .finish(request);
}

domain::Result<store::AnswerInput> answer_input(const json& body, std::string prefix) {
  store::AnswerInput answer;
  std::optional<std::string> code;  // a code of no criterion, or none, is the store's InvalidReference
  RequestReader reader(body, {"criterion_code", "score", "comment"}, std::move(prefix));
  reader.text("criterion_code", code, kAnyLength)
      .integer("score", answer.score, 0, 2)
      .text("comment", answer.comment, store::kMaxComment);
  answer.criterion_code = code.value_or("");
  answer.comment_sent = reader.has("comment");
  return reader.finish(answer);
}

domain::Result<store::SavedAnswers> saved_answers(const json& body) {
  store::SavedAnswers request;
  return RequestReader(body, {"version", "answers", "visit_date"})
      .list<store::AnswerInput>("answers", request.answers, store::kMaxAnswersSaved, answer_input)
      .date("visit_date", request.visit_date)
      .version(request.version)
      .finish(request);
}

domain::Result<store::SyncedAnswer> synced_answer(const json& body, std::string prefix) {
  store::SyncedAnswer answer;
  std::optional<std::string> code;  // a code of no criterion is the store's InvalidReference
  std::optional<int> base_version;
  RequestReader reader(body, {"criterion_code", "score", "comment", "base_version"}, prefix);
  reader.text("criterion_code", code, kAnyLength)
      .check([&]() -> std::optional<domain::Error> {
        // "score" is always sent: null is "not applicable", never "left out".
        if (body.contains("score")) return std::nullopt;
        return domain::Error{ErrorCode::Required, prefix + "score"};
      })
      .integer("score", answer.score, 0, 2)
      .text("comment", answer.comment, store::kMaxComment)
      .integer("base_version", base_version, 0, std::numeric_limits<int>::max())
      .check([&]() -> std::optional<domain::Error> {
        if (base_version) return std::nullopt;
        return domain::Error{ErrorCode::Required, prefix + "base_version"};
      });
  answer.criterion_code = code.value_or("");
  answer.base_version = base_version.value_or(0);
  return reader.finish(std::move(answer));
}

domain::Result<store::AnswerSync> answer_sync(const json& body) {
  store::AnswerSync request;
  return RequestReader(body, {"base_status", "answers"})
      .choice("base_status", request.base_status, {"draft", "returned", "submitted", "validated"})
      .check([&]() -> std::optional<domain::Error> {
        if (!request.base_status.empty()) return std::nullopt;
        return domain::Error{ErrorCode::Required, "base_status"};
      })
      .list<store::SyncedAnswer>("answers", request.answers, store::kMaxAnswersSaved, synced_answer)
      .finish(std::move(request));
}

// The answers of a sync, each refusal or conflict with its message in the caller's language.
domain::Result<http::Response> sync_answers(Context& c) {
  auto id = c.id();
  if (!id) return std::unexpected(id.error());
  auto request = answer_sync(c.body);
  if (!request) return std::unexpected(request.error());
  auto synced = store::sync_answers(c.db, c.caller(), *id, *request);
  const auto with_messages = [&](json& results) {
    for (auto& result : results)
      if (result.contains("code"))
        result["message"] = domain::sync_message(result["code"].get<std::string>(), c.language);
  };
  if (!synced) {
    auto refused = synced.error();
    if (refused.detail.contains("results")) with_messages(refused.detail["results"]);
    return std::unexpected(std::move(refused));
  }
  with_messages((*synced)["results"]);
  return json_response(200, *synced);
}

domain::Result<store::AtVersion> at_version(const json& body) {
  store::AtVersion request;
  return RequestReader(body, {"version"}).version(request.version).finish(request);
}

domain::Result<store::AssessmentReturn> assessment_return(const json& body) {
  store::AssessmentReturn request;
  return RequestReader(body, {"version", "reason", "notes"})
      .text("reason", request.reason, store::kMaxReason)
      .texts("notes", request.notes, store::kMaxComment)
      .version(request.version)
      .finish(request);
}

// The assessments the list answers with these parameters, one row per answer, as a file
// (api/list_export.hpp).
domain::Result<http::Response> export_answers(Context& c) {
  auto parameters = c.request.query;
  auto choice = file_choice(parameters, c.language);
  if (!choice) return std::unexpected(choice.error());
  int page = 1, page_size = 50;  // not used: every page is written
  auto filters = assessment_filters(parameters, page, page_size);
  if (!filters) return std::unexpected(filters.error());
  const auto language = choice->language;
  const auto label = [&](std::string_view key) { return export_label(key, language); };
  const bool arabic = language == domain::Language::Arabic;
  const auto named = [arabic](const json& row, const std::string& stem) {
    const auto& value = row[stem + (arabic ? "_ar" : "_fr")];
    return value.is_string() ? io::ExportCell(value.get<std::string>()) : io::ExportCell();
  };
  auto file = table_file(
      "assessments", label("assessments.export_title"), *choice,
      {{"#", io::ColumnKind::Integer, 8},
       {label("field.campaign"), io::ColumnKind::Text, 30},
       {label("field.code"), io::ColumnKind::Text, 12},
       {label("field.institution"), io::ColumnKind::Text, 30},
       {label("field.kind")},
       {label("field.status")},
       {label("field.visit_date"), io::ColumnKind::Date, 12},
       {label("field.overall"), io::ColumnKind::Integer, 10},
       {label("field.domain"), io::ColumnKind::Text, 10},
       {label("field.criterion_code"), io::ColumnKind::Text, 10},
       {label("field.criterion"), io::ColumnKind::Text, 50},
       {label("field.score"), io::ColumnKind::Integer, 10},
       {label("assessments.comment"), io::ColumnKind::Text, 40}},
      [&db = c.db, caller = c.caller(), filters = std::move(*filters), language, named](io::TableFile& table) {
        const auto choice_label = [language](std::string_view kind, const json& value) {
          const auto text = value.get<std::string>();
          return io::ExportCell(
              io::dictionary_entry("enum." + std::string(kind) + "." + text, language).value_or(text));
        };
        const auto number = [](const json& value) {
          return value.is_number() ? io::ExportCell(std::llround(value.get<double>())) : io::ExportCell();
        };
        store::each_assessment_answer(db, caller, filters, [&](json&& row) {
          const auto text = [&](const char* name) {
            return row[name].is_string() ? io::ExportCell(row[name].get<std::string>()) : io::ExportCell();
          };
          table.row({row["assessment_id"].get<long long>(), named(row, "campaign_name"), text("institution_code"),
                     named(row, "institution_name"), choice_label("assessment_kind", row["kind"]),
                     choice_label("assessment_status", row["status"]), text("visit_date"), number(row["overall"]),
                     text("domain_code"), text("criterion_code"), named(row, "criterion_text"),
                     row["score"].is_number() ? number(row["score"]) : named(row, "not_applicable"), text("comment")});
        });
      });
  return file_response(file.content_type, file.name, std::move(file.write));
}

}  // namespace

std::vector<Route> diagnostic_routes() {
  return {
      {"GET", "/api/grids", Access::SignedIn, "grids", Action::Read, "List assessment grids (every version)",
       [](Context& c) -> domain::Result<http::Response> {
         if (!c.request.query.empty()) return fail(ErrorCode::BadParameter, c.request.query.begin()->first);
         return json_response(200, store::list_grids(c.db, c.caller()));
       }},
      {"GET", "/api/grids/{id}", Access::SignedIn, "grids", Action::Read, "Read a grid with its domains and criteria",
       [](Context& c) -> domain::Result<http::Response> {
         auto id = c.id();
         if (!id) return std::unexpected(id.error());
         return record_response(200, store::get_grid(c.db, c.caller(), *id));
       }},
      {"POST", "/api/grids/import", Access::SignedIn, "grids", Action::Create,
       "Import a grid from an XLSForm file (the request body); ?dry_run=true only reports",
       [](Context& c) -> domain::Result<http::Response> {
         bool dry_run = false;
         for (const auto& [name, value] : c.request.query) {
           if (name != "dry_run" || (value != "true" && value != "false")) return fail(ErrorCode::BadParameter, name);
           dry_run = value == "true";
         }
         auto imported = io::import_xlsform(c.request.body);
         if (!imported) {
           // Not a workbook that can be read: the message says why, in the caller's language.
           auto refused = imported.error();
           refused.detail["message"] = io::describe_refusal(refused, c.language);
           return std::unexpected(std::move(refused));
         }
         json issues = json::array();
         for (const auto& issue : imported->issues)
           issues.push_back({{"sheet", issue.sheet},
                             {"row", issue.row},
                             {"column", issue.column},
                             {"value", issue.value},
                             {"blocking", issue.blocking},
                             {"message", io::describe(issue, c.language)}});
         if (!imported->grid) return fail(ErrorCode::ImportRejected, "file", {{"issues", issues}});
         // The file's texts, as a JSON body's are (Api::run), may hold no bidi control.
         if (auto refused = domain::refuse_bidi_controls(domain::grid_to_json(*imported->grid), "file"); !refused)
           return std::unexpected(refused.error());
         if (dry_run) return json_response(200, {{"grid", domain::grid_to_json(*imported->grid)}, {"issues", issues}});
         auto stored = store::import_grid(c.db, c.caller(), *imported->grid);
         if (!stored) return std::unexpected(stored.error());
         return json_response(201, {{"grid", *stored}, {"issues", issues}});
       },
       Body::File},
      {"GET", "/api/grids/{id}/xlsform", Access::SignedIn, "grids", Action::Read, "Export a grid as an XLSForm file",
       [](Context& c) -> domain::Result<http::Response> {
         auto id = c.id();
         if (!id) return std::unexpected(id.error());
         auto grid = store::get_grid(c.db, c.caller(), *id);
         if (!grid) return std::unexpected(grid.error());
         const auto parsed = domain::parse_grid((*grid)["content"]);
         if (!parsed) return std::unexpected(parsed.error());
         return file_response(std::string(kXlsxType), parsed->code + "-v" + std::to_string(parsed->version) + ".xlsx",
                              io::export_xlsform(*parsed));
       }},
      {"POST", "/api/grids/{id}/copy", Access::SignedIn, "grids", Action::Create,
       "Copy a grid under a new code, to edit it", on_record(&grid_copy, &store::copy_grid, 201)},
      {"PUT", "/api/grids/{id}", Access::SignedIn, "grids", Action::Update,
       "Replace a grid's content; a grid in use gets a new version instead",
       on_record(&grid_content, &store::update_grid)},
      {"GET", "/api/assessors", Access::SignedIn, "campaigns", Action::Update,
       "The users a division officer may assign to assessments, in scope",
       [](Context& c) -> domain::Result<http::Response> {
         if (!c.request.query.empty()) return fail(ErrorCode::BadParameter, c.request.query.begin()->first);
         return json_response(200, store::list_assessors(c.db, c.caller()));
       }},
      {"GET", "/api/campaigns/compare", Access::SignedIn, "campaigns", Action::Read,
       "Compare two campaigns (?before=id&after=id, page, page_size 1–200, default 50): per institution of the page, "
       "scores per domain and their change, and the shortcomings resolved, persisted and appeared; the total of "
       "institutions and of each list",
       [](Context& c) -> domain::Result<http::Response> {
         long long ids[2] = {0, 0};
         store::ComparisonPage page;
         for (const auto& [name, value] : c.request.query) {
           const auto paging = page_parameter(name, value, page.page, page.page_size);
           if (!paging) return std::unexpected(paging.error());
           if (*paging) continue;
           const auto number = positive_integer(name, value);
           if ((name != "before" && name != "after") || !number) return fail(ErrorCode::BadParameter, name);
           ids[name == "after"] = *number;
         }
         if (ids[0] == 0) return fail(ErrorCode::Required, "before");
         if (ids[1] == 0) return fail(ErrorCode::Required, "after");
         return cached_read(c, store::comparison_tables(),
                            [&] { return store::compare_campaigns(c.db, c.caller(), ids[0], ids[1], page); });
       }},
      {"POST", "/api/campaigns/{id}/assessments", Access::SignedIn, "campaigns", Action::Update,
       "Add an institution to a campaign, with its assessors", on_record(&new_assessment, &store::add_assessment, 201)},
      {"GET", "/api/assessments/export", Access::SignedIn, "assessments", Action::Read,
       "The assessments the list answers with the same filters, one row per answer, as a file: format=xlsx|csv,"
       " lang=ar|fr|en",
       export_answers},
      {"GET", "/api/assessments", Access::SignedIn, "assessments", Action::Read,
       "List assessments in scope (an assessor: their assignments; filters: campaign_id, institution_id, status, kind,"
       " territory_id, association_id, institution_category)",
       [](Context& c) -> domain::Result<http::Response> {
         int page = 1, page_size = 50;
         auto filters = assessment_filters(c.request.query, page, page_size);
         if (!filters) return std::unexpected(filters.error());
         return json_response(200, store::list_assessments(c.db, c.caller(), *filters, page, page_size));
       }},
      {"POST", "/api/assessments/self", Access::SignedIn, "assessments", Action::Create,
       "Start an association's self-assessment of its institution",
       on_request(&new_self_assessment, &store::start_self_assessment, 201)},
      {"GET", "/api/assessments/{id}", Access::SignedIn, "assessments", Action::Read,
       "Read an assessment: grid, answers, assessors, scores",
       [](Context& c) -> domain::Result<http::Response> {
         auto id = c.id();
         if (!id) return std::unexpected(id.error());
         return record_response(200, store::get_assessment(c.db, c.caller(), *id));
       }},
      {"PUT", "/api/assessments/{id}/answers", Access::SignedIn, "assessments", Action::Update,
       "Save answers (autosave) while draft or returned", on_record(&saved_answers, &store::save_answers)},
      {"POST", "/api/assessments/{id}/answers/sync", Access::SignedIn, "assessments", Action::Update,
       "Sync answers filled offline, each against the version it started from: saved, conflict (with the current "
       "answer) or refused, with a message per answer",
       sync_answers},
      {"POST", "/api/assessments/{id}/evidence", Access::SignedIn, "assessments", Action::Update,
       "Attach an evidence file (the request body: JPEG, PNG, WebP or PDF, 5 MiB at most) to a criterion's answer "
       "(?criterion_code=…&file_name=…)",
       [](Context& c) -> domain::Result<http::Response> {
         auto id = c.id();
         if (!id) return std::unexpected(id.error());
         auto upload = upload_query(c, true);
         if (!upload) return std::unexpected(upload.error());
         return record_response(201, store::add_evidence(c.db, c.caller(), *id, upload->criterion_code,
                                                         upload->file_name, c.request.body));
       },
       Body::File},
      {"GET", "/api/assessments/{id}/evidence/{evidence_id}", Access::SignedIn, "assessments", Action::Read,
       "Download an evidence file",
       [](Context& c) -> domain::Result<http::Response> {
         auto id = c.id();
         if (!id) return std::unexpected(id.error());
         auto evidence_id = c.id("evidence_id");
         if (!evidence_id) return std::unexpected(evidence_id.error());
         auto file = store::read_evidence(c.db, c.caller(), *id, *evidence_id);
         if (!file) return std::unexpected(file.error());
         return stored_file_response(std::move(*file));
       }},
      {"DELETE", "/api/assessments/{id}/evidence/{evidence_id}", Access::SignedIn, "assessments", Action::Update,
       "Remove an evidence file while the assessment may be changed",
       [](Context& c) -> domain::Result<http::Response> {
         auto id = c.id();
         if (!id) return std::unexpected(id.error());
         auto evidence_id = c.id("evidence_id");
         if (!evidence_id) return std::unexpected(evidence_id.error());
         auto removed = store::delete_evidence(c.db, c.caller(), *id, *evidence_id);
         if (!removed) return std::unexpected(removed.error());
         return empty_response();
       }},
      {"POST", "/api/assessments/{id}/submit", Access::SignedIn, "assessments", Action::Update,
       "Submit a complete assessment", on_record(&at_version, &store::submit_assessment)},
      {"POST", "/api/assessments/{id}/return", Access::SignedIn, "assessments", Action::Validate,
       "Return a submitted assessment to its assessors with a reason",
       on_record(&assessment_return, &store::return_assessment)},
      {"POST", "/api/assessments/{id}/validate", Access::SignedIn, "assessments", Action::Validate,
       "Validate a submitted assessment: scores kept, shortcomings raised and resolved",
       on_record(&at_version, &store::validate_assessment)},
  };
}

}  // namespace riaya::api
