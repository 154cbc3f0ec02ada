#include "store/assessments.hpp"

#include "domain/dates.hpp"
#include "domain/file_type.hpp"
#include "domain/grid.hpp"
#include "domain/schema.hpp"
#include "domain/scoring.hpp"
#include "domain/search_key.hpp"
#include "domain/shortcomings.hpp"
#include "domain/sort_key.hpp"
#include "store/attachments.hpp"
#include "store/audit.hpp"
#include "store/grids.hpp"
#include "store/query.hpp"
#include "store/records.hpp"

#include <algorithm>
#include <map>
#include <vector>

namespace riaya::store {
namespace {

using domain::ErrorCode;
using domain::fail;
using domain::Result;
using nlohmann::json;

// The assessment in the caller's scope (scoped_select: for an association, its
// self-assessments and the others once validated).
std::optional<json> fetch(soci::session& session, const Caller& caller, long long id, ScopeUse use) {
  auto row = scoped_select("assessments", caller, use)
                 .where("r.id = :id")
                 .bind("id", id)
                 .select(
                     "r.id, r.campaign_id, r.institution_id, r.kind, r.status, r.visit_date, r.return_reason,"
                     " r.return_notes, r.scores, r.submitted_at, r.validated_at, r.validated_by, r.version,"
                     " r.created_at, r.updated_at, r.archived_at, m.name_ar AS campaign_name_ar, m.name_fr AS "
                     "campaign_name_fr,"
                     " m.status AS campaign_status, m.grid_id, i.name_ar AS institution_name_ar,"
                     " i.name_fr AS institution_name_fr, i.association_id, c.path AS scope_path_")
                 .first(session);
  if (!row) return std::nullopt;
  for (const char* column : {"return_notes", "scores"})
    (*row)[column] = (*row)[column].is_string() ? json::parse((*row)[column].get<std::string>()) : json(nullptr);
  return row;
}

std::vector<domain::Answer> answers_of(soci::session& session, long long id) {
  std::vector<domain::Answer> answers;
  for (const auto& row :
       Query("SELECT criterion_code, score FROM answers WHERE assessment_id = :id").bind("id", id).rows(session))
    answers.push_back({row["criterion_code"].get<std::string>(),
                       row["score"].is_null() ? std::nullopt : std::optional<int>(row["score"].get<int>())});
  return answers;
}

json scores_json(const domain::Scores& scores) {
  json domains = json::array();
  for (const auto& d : scores.domains)
    domains.push_back({{"code", d.code},
                       {"percent", d.percent ? json(*d.percent) : json(nullptr)},
                       {"scored", d.scored},
                       {"not_applicable", d.not_applicable},
                       {"unanswered", d.unanswered}});
  json below = json::array();
  for (const auto& s : scores.below_satisfactory)
    below.push_back({{"domain_code", s.domain_code},
                     {"criterion_code", s.criterion_code},
                     {"score", s.score},
                     {"critical", s.critical},
                     {"severity", s.severity}});
  return {{"domains", domains},
          {"overall", scores.overall ? json(*scores.overall) : json(nullptr)},
          {"legal_compliance", scores.legal_compliance ? json(*scores.legal_compliance) : json(nullptr)},
          {"critical_failures", scores.critical_failures},
          {"below_satisfactory", below}};
}

// The scores beside their JSON (migration 0027): `extra` and its parameters for set_status
// (the overall and legal-compliance percentages, and the JSON itself), then
// store_domain_scores writes one row per domain, in the same transaction.
std::vector<std::pair<std::string, json>> scores_params(const domain::Scores& scores) {
  return {{"scores", scores_json(scores).dump()},
          {"overall", scores.overall ? json(*scores.overall) : json(nullptr)},
          {"legal", scores.legal_compliance ? json(*scores.legal_compliance) : json(nullptr)}};
}
constexpr std::string_view kScoresColumns =
    ", scores = :scores, overall_percent = :overall, legal_compliance_percent = :legal";

void store_domain_scores(soci::session& session, long long id, const domain::Scores& scores) {
  Query("DELETE FROM assessment_domain_scores WHERE assessment_id = :id").bind("id", id).execute(session);
  for (std::size_t i = 0; i < scores.domains.size(); ++i) {
    const auto& d = scores.domains[i];
    Query(
        "INSERT INTO assessment_domain_scores (assessment_id, position, domain_code, percent)"
        " VALUES (:id, :position, :code, :percent)")
        .bind("id", id)
        .bind("position", static_cast<long long>(i))
        .bind("code", d.code)
        .bind("percent", d.percent ? json(*d.percent) : json(nullptr))
        .execute(session);
  }
}

// Who may fill an assessment of this kind (the access table's "self_assessments" and
// "official_assessments"; which ones, the scope).
bool may_fill(const Caller& caller, const json& assessment) {
  return domain::may(caller.role, assessment["kind"] == "self" ? "self_assessments" : "official_assessments",
                     domain::Action::Update);
}

// The assessment, in scope, read locked for a change, at the version the caller read, in one
// of `statuses`.
Result<json> for_change(soci::session& session, const Caller& caller, long long id, long long version,
                        std::initializer_list<std::string_view> statuses) {
  auto current = fetch(session, caller, id, ScopeUse::Change);
  if (!current) return fail(ErrorCode::NotFound);
  const auto status = (*current)["status"].get<std::string>();
  if ((*current)["version"] != version || std::find(statuses.begin(), statuses.end(), status) == statuses.end())
    return fail(ErrorCode::Conflict, "version", {{"current", *current}});
  return *current;
}

// Moves assessment `current` (as for_change read it) to `status`, setting `extra` too, and
// raises its version; Conflict with the current assessment when it is no longer at the
// version read.
Result<void> set_status(soci::session& session, const Caller& caller, const json& current, const std::string& status,
                        const std::string& extra = "", const std::vector<std::pair<std::string, json>>& params = {}) {
  Query update("UPDATE assessments SET status = :status, version = version + 1, updated_at = :now" + extra +
               " WHERE id = :id AND version = :version");
  update.bind("status", status).bind("now", utc_now()).bind("id", current["id"]).bind("version", current["version"]);
  for (const auto& [name, value] : params) update.bind(name, value);
  if (changed_one(session, update)) return {};
  return fail(ErrorCode::Conflict, "version",
              {{"current", fetch(session, caller, current["id"].get<long long>(), ScopeUse::Read).value_or(nullptr)}});
}

AuditEntry audit(std::string action, long long id, const json& before, json after) {
  return {.action = std::move(action),
          .entity = "assessment",
          .entity_id = id,
          .before = {{"status", before["status"]}, {"version", before["version"]}},
          .after = std::move(after),
          .scope_path = before["scope_path_"].get<std::string>(),
          .scope_association_id = before["association_id"].get<long long>()};
}

Result<json> reply(soci::session& session, const Caller& caller, long long id) {
  auto record = fetch(session, caller, id, ScopeUse::Read);
  if (!record) return fail(ErrorCode::NotFound);
  record->erase("scope_path_");
  record->erase("archived_at");
  return *record;
}

// The institution `value` when it is live, in the caller's write scope and within the
// territory of path `campaign_path` (the campaign's); InvalidReference on `field` otherwise.
Result<long long> institution_in_scope(soci::session& session, const Caller& caller, long long value, const char* field,
                                       const json& campaign_path) {
  const auto found = scoped_select("institutions", caller, ScopeUse::Write)
                         .where("r.id = :id")
                         .live()
                         .where("c.path LIKE :campaign_path")
                         .bind("id", value)
                         .bind("campaign_path", campaign_path.get<std::string>() + "%")
                         .count()
                         .scalar(session);
  if (found == 0) return fail(ErrorCode::InvalidReference, field);
  return value;
}

// A new draft assessment's id; Duplicate when the institution already has one of this kind.
Result<json> create(soci::session& session, long long campaign_id, long long institution_id, const std::string& kind) {
  const auto now = utc_now();
  if (Query("SELECT COUNT(*) FROM assessments WHERE campaign_id = :c AND institution_id = :i AND kind = :k")
          .bind("c", campaign_id)
          .bind("i", institution_id)
          .bind("k", kind)
          .scalar(session) > 0)
    return fail(ErrorCode::Duplicate, "institution_id");
  const auto id =
      Query(
          "INSERT INTO assessments (campaign_id, institution_id, kind, status, version, created_at, updated_at)"
          " VALUES (:c, :i, :k, 'draft', 1, :now, :now) RETURNING id")
          .bind("c", campaign_id)
          .bind("i", institution_id)
          .bind("k", kind)
          .bind("now", now)
          .scalar(session);
  return id;
}

// The assessment, in scope for writing and read locked for a change, while the caller may
// still change its answers.
Result<json> editable(soci::session& session, const Caller& caller, long long id) {
  auto current = fetch(session, caller, id, ScopeUse::Change);
  if (!current) return fail(ErrorCode::NotFound);
  if (!may_fill(caller, *current)) return fail(ErrorCode::Forbidden);
  if ((*current)["status"] != "draft" && (*current)["status"] != "returned")
    return fail(ErrorCode::InvalidState, "status");
  return *current;
}

// The files of an assessment's answers (of one criterion if named), as its routes answer them.
FileOwner evidence_owner(long long assessment_id, std::string criterion_code = {}) {
  return {"assessment", assessment_id, std::move(criterion_code)};
}

json evidence_row(json row, long long assessment_id) {
  row.erase("created_by_name");
  row["assessment_id"] = assessment_id;
  return row;
}

json evidence_of(soci::session& session, long long assessment_id) {
  auto rows = file_rows(session, evidence_owner(assessment_id));
  for (auto& row : rows) row.erase("created_by_name");
  return rows;
}

// The users an assessment may be assigned to: live assessors, delegations and divisions the
// caller may read.
ScopedSelect assignable_users(const Caller& caller) {
  auto users = scoped_select("users", caller, ScopeUse::Read);
  users.live().where("r.role IN ('assessor', 'delegation', 'division')");
  return users;
}

}  // namespace

json list_assessors(Database& db, const Caller& caller) {
  const auto query =
      assignable_users(caller).select("r.id, r.username, r.display_name, r.role", " ORDER BY r.display_name");
  return db.read([&](soci::session& session) { return json{{"items", query.rows(session)}}; });
}

Result<json> add_assessment(Database& db, const Caller& caller, long long campaign_id, const NewAssessment& body) {
  const auto& assessors = body.assessor_ids;
  return db.write([&](soci::session& session) -> Result<json> {
    const auto found = scoped_record(session, caller, "campaigns", "r.status, t.path", campaign_id, ScopeUse::Write);
    if (!found) return fail(ErrorCode::NotFound);
    if ((*found)["status"] == "closed") return fail(ErrorCode::InvalidState, "status");
    auto institution = institution_in_scope(session, caller, body.institution_id, "institution_id", (*found)["path"]);
    if (!institution) return std::unexpected(institution.error());
    auto id = create(session, campaign_id, *institution, "official");
    if (!id) return id;
    for (std::size_t i = 0; i < assessors.size(); ++i) {
      const auto field = "assessor_ids[" + std::to_string(i) + "]";
      // Only the users list_assessors offers: elsewhere, another role or nobody is the same refusal.
      if (assignable_users(caller).where("r.id = :id").bind("id", assessors[i]).select("COUNT(*)").scalar(session) == 0)
        return fail(ErrorCode::InvalidReference, field);
      Query("INSERT INTO assessment_assessors (assessment_id, user_id) VALUES (:a, :u) ON CONFLICT DO NOTHING")
          .bind("a", *id)
          .bind("u", assessors[i])
          .execute(session);
    }
    auto record = fetch(session, caller, id->get<long long>(), ScopeUse::Write);
    write_audit(session, caller, audit("create", id->get<long long>(), *record, {{"assessor_ids", assessors}}));
    return reply(session, caller, id->get<long long>());
  });
}

Result<json> start_self_assessment(Database& db, const Caller& caller, const NewSelfAssessment& body) {
  return db.write([&](soci::session& session) -> Result<json> {
    // An open campaign the caller may read (for an association: one covering its territory);
    // one elsewhere is refused as one that does not exist.
    const auto campaign =
        scoped_record(session, caller, "campaigns", "r.status, t.path", body.campaign_id, ScopeUse::Read);
    if (!campaign || (*campaign)["status"] == "closed") return fail(ErrorCode::InvalidReference, "campaign_id");
    auto institution =
        institution_in_scope(session, caller, body.institution_id, "institution_id", (*campaign)["path"]);
    if (!institution) return std::unexpected(institution.error());
    auto id = create(session, body.campaign_id, *institution, "self");
    if (!id) return id;
    auto record = fetch(session, caller, id->get<long long>(), ScopeUse::Write);
    write_audit(session, caller, audit("create", id->get<long long>(), *record, {{"kind", "self"}}));
    return reply(session, caller, id->get<long long>());
  });
}

json list_assessments(Database& db, const Caller& caller, const std::map<std::string, json>& filters, int page,
                      int page_size) {
  auto scoped = scoped_select("assessments", caller, ScopeUse::Read);
  scoped.live();
  scoped.filters(filters);
  const auto count = scoped.select("COUNT(*)");
  auto rows = scoped.select(
      "r.id, r.campaign_id, r.institution_id, r.kind, r.status, r.visit_date, r.scores,"
      " r.version, r.updated_at, m.name_ar AS campaign_name_ar, m.name_fr AS campaign_name_fr,"
      " i.name_ar AS institution_name_ar, i.name_fr AS institution_name_fr",
      " ORDER BY m.starts_on DESC, i.name_ar, r.kind LIMIT :limit OFFSET :offset");
  rows.bind("limit", page_size).bind("offset", static_cast<long long>(page - 1) * page_size);
  return db.read([&](soci::session& session) {
    json items = json::array();
    for (auto& row : rows.rows(session)) {
      const auto scores = row["scores"].is_string() ? json::parse(row["scores"].get<std::string>()) : json(nullptr);
      row["overall"] = scores.is_object() ? scores["overall"] : json(nullptr);
      row.erase("scores");
      items.push_back(std::move(row));
    }
    return json{{"items", items}, {"total", count.scalar(session)}, {"page", page}, {"page_size", page_size}};
  });
}

void each_assessment_answer(Database& db, const Caller& caller, const std::map<std::string, json>& filters,
                            const std::function<void(json&&)>& visit) {
  auto scoped = scoped_select("assessments", caller, ScopeUse::Read);
  scoped.live().filters(filters).join("JOIN answers x ON x.assessment_id = r.id");
  const auto answers = scoped.select(
      "r.id AS assessment_id, r.kind, r.status, r.visit_date, r.scores, m.grid_id,"
      " m.name_ar AS campaign_name_ar, m.name_fr AS campaign_name_fr, i.code AS institution_code,"
      " i.name_ar AS institution_name_ar, i.name_fr AS institution_name_fr, x.criterion_code, x.score, x.comment",
      " ORDER BY m.starts_on DESC, i.name_ar, r.kind, r.id");
  db.read([&](soci::session& session) {
    std::map<long long, domain::Grid> grids;
    // One assessment's answers at a time, put in the grid's order before they are visited.
    std::vector<json> pending;
    const auto flush = [&] {
      if (pending.empty()) return;
      const auto grid_id = pending.front()["grid_id"].get<long long>();
      if (!grids.contains(grid_id)) grids.emplace(grid_id, stored_grid(session, grid_id));
      const auto& grid = grids.at(grid_id);
      const auto scores = pending.front()["scores"].is_string()
                              ? json::parse(pending.front()["scores"].get<std::string>())
                              : json(nullptr);
      std::map<std::string, std::size_t> position;
      for (const auto& d : grid.domains)
        for (const auto& criterion : d.criteria) position.emplace(criterion.code, position.size());
      std::stable_sort(pending.begin(), pending.end(), [&](const json& a, const json& b) {
        const auto at = [&](const json& row) {
          const auto it = position.find(row["criterion_code"].get<std::string>());
          return it == position.end() ? position.size() : it->second;
        };
        return at(a) < at(b);
      });
      for (auto& row : pending) {
        const auto code = row["criterion_code"].get<std::string>();
        const auto* criterion = grid.find_criterion(code);
        const auto* domain = grid.domain_of(code);
        row["overall"] = scores.is_object() ? scores.value("overall", json(nullptr)) : json(nullptr);
        row["domain_code"] = domain ? json(domain->code) : json(nullptr);
        row["criterion_text_ar"] = criterion ? json(criterion->text_ar) : json(nullptr);
        row["criterion_text_fr"] = criterion ? json(criterion->text_fr) : json(nullptr);
        row["not_applicable_ar"] = grid.not_applicable_ar;
        row["not_applicable_fr"] = grid.not_applicable_fr;
        row.erase("scores");
        row.erase("grid_id");
        visit(std::move(row));
      }
      pending.clear();
    };
    answers.scan(session, [&](json&& row) {
      if (!pending.empty() && pending.front()["assessment_id"] != row["assessment_id"]) flush();
      pending.push_back(std::move(row));
    });
    flush();
  });
}

Result<json> get_assessment(Database& db, const Caller& caller, long long id) {
  return db.read([&](soci::session& session) -> Result<json> {
    auto record = reply(session, caller, id);
    if (!record) return record;
    const auto grid = stored_grid(session, (*record)["grid_id"].get<long long>());
    (*record)["grid"] = domain::grid_to_json(grid);
    json answers = json::array();
    for (auto& row : Query("SELECT criterion_code, score, comment, version FROM answers WHERE assessment_id = :id"
                           " ORDER BY criterion_code")
                         .bind("id", id)
                         .rows(session))
      answers.push_back(std::move(row));
    (*record)["answers"] = answers;
    json assessors = json::array();
    for (auto& row :
         Query("SELECT u.id, u.username, u.display_name FROM assessment_assessors x JOIN users u ON u.id = x.user_id"
               " WHERE x.assessment_id = :id ORDER BY u.display_name")
             .bind("id", id)
             .rows(session))
      assessors.push_back(std::move(row));
    (*record)["assessors"] = assessors;
    (*record)["evidence"] = evidence_of(session, id);
    if ((*record)["status"] != "validated")
      (*record)["scores"] = scores_json(*domain::score(grid, answers_of(session, id)));
    return *record;
  });
}

Result<json> save_answers(Database& db, const Caller& caller, long long id, const SavedAnswers& body) {
  return db.write([&](soci::session& session) -> Result<json> {
    auto current = for_change(session, caller, id, body.version, {"draft", "returned"});
    if (!current) return current;
    if (!may_fill(caller, *current)) return fail(ErrorCode::Forbidden);
    const auto grid = stored_grid(session, (*current)["grid_id"].get<long long>());
    const auto now = utc_now();
    json sent = json::array();  // the answers as the audit entry keeps them
    for (std::size_t i = 0; i < body.answers.size(); ++i) {
      const auto& answer = body.answers[i];
      if (!grid.find_criterion(answer.criterion_code))
        return fail(ErrorCode::InvalidReference, "answers[" + std::to_string(i) + "].criterion_code");
      const json score = answer.score ? json(*answer.score) : json(nullptr);
      const json comment = answer.comment ? json(*answer.comment) : json(nullptr);
      // An answer sent without "comment" keeps the comment saved before.
      // Each save raises the answer's own version, which offline syncs start from.
      Query(std::string("INSERT INTO answers (assessment_id, criterion_code, score, comment, updated_at, updated_by,"
                        " version) VALUES (:a, :c, :s, :m, :now, :by, 1) ON CONFLICT (assessment_id, criterion_code)"
                        " DO UPDATE SET score = :s, updated_at = :now, updated_by = :by,"
                        " version = answers.version + 1") +
            (answer.comment_sent ? ", comment = :m" : ""))
          .bind("a", id)
          .bind("c", answer.criterion_code)
          .bind("s", score)
          .bind("m", comment)
          .bind("now", now)
          .bind("by", acting_user(caller))
          .execute(session);
      json entry = {{"criterion_code", answer.criterion_code}, {"score", score}};
      if (answer.comment_sent) entry["comment"] = comment;
      sent.push_back(std::move(entry));
    }
    const json visit_date = body.visit_date ? json(*body.visit_date) : json(nullptr);
    if (auto ok = set_status(session, caller, *current, (*current)["status"].get<std::string>(),
                             body.visit_date ? ", visit_date = :visit" : "", {{"visit", visit_date}});
        !ok)
      return std::unexpected(ok.error());
    write_audit(session, caller, audit("answers", id, *current, {{"answers", sent}, {"visit_date", visit_date}}));
    return reply(session, caller, id);
  });
}

Result<json> sync_answers(Database& db, const Caller& caller, long long id, const AnswerSync& body) {
  return db.write([&](soci::session& session) -> Result<json> {
    json results = json::array();
    auto current = fetch(session, caller, id, ScopeUse::Change);
    // Deleted, out of the caller's scope or no longer assigned: a refusal per answer.
    if (!current || !(*current)["archived_at"].is_null() || !may_fill(caller, *current)) {
      for (const auto& answer : body.answers)
        results.push_back(
            {{"criterion_code", answer.criterion_code}, {"outcome", "refused"}, {"code", "assessment_unavailable"}});
      return fail(ErrorCode::NotFound, "", {{"results", results}});
    }
    const auto grid = stored_grid(session, (*current)["grid_id"].get<long long>());
    for (std::size_t i = 0; i < body.answers.size(); ++i)
      if (!grid.find_criterion(body.answers[i].criterion_code))
        return fail(ErrorCode::InvalidReference, "answers[" + std::to_string(i) + "].criterion_code");
    const auto status = (*current)["status"].get<std::string>();
    const bool editable = status == "draft" || status == "returned";
    const bool same_status = status == body.base_status;
    const auto now = utc_now();
    // The saved answers, and who saved them, by criterion: read once, the assessment being locked.
    const std::string saved_sql =
        "SELECT a.criterion_code, a.score, a.comment, a.version, a.updated_at, u.display_name AS updated_by_name"
        " FROM answers a LEFT JOIN users u ON u.id = a.updated_by WHERE a.assessment_id = :a";
    std::map<std::string, json> saved_answers;
    for (auto& row : Query(saved_sql).bind("a", id).rows(session)) {
      auto code = row["criterion_code"].get<std::string>();
      row.erase("criterion_code");
      saved_answers.emplace(std::move(code), std::move(row));
    }
    json written = json::array();  // the answers as the audit entry keeps them
    for (const auto& answer : body.answers) {
      const json score = answer.score ? json(*answer.score) : json(nullptr);
      const json comment = answer.comment ? json(*answer.comment) : json(nullptr);
      json result = {{"criterion_code", answer.criterion_code}};
      const auto found = saved_answers.find(answer.criterion_code);
      auto saved = found == saved_answers.end() ? std::nullopt : std::optional<json>(found->second);
      // Already holding the same answer (sent again after a reply lost on the way): nothing to do.
      if (saved && (*saved)["score"] == score && (*saved)["comment"] == comment) {
        result["outcome"] = "saved";
        result["version"] = (*saved)["version"];
        results.push_back(std::move(result));
        continue;
      }
      const long long saved_version = saved ? (*saved)["version"].get<long long>() : 0;
      bool stored = false, tried = false;
      if (editable && same_status && saved_version == answer.base_version) {
        tried = true;
        // The version is checked again by the write itself, whatever the lock did.
        Query write(
            answer.base_version == 0
                ? "INSERT INTO answers (assessment_id, criterion_code, score, comment, updated_at, updated_by,"
                  " version) VALUES (:a, :c, :s, :m, :now, :by, 1) ON CONFLICT DO NOTHING"
                : "UPDATE answers SET score = :s, comment = :m, updated_at = :now, updated_by = :by,"
                  " version = version + 1 WHERE assessment_id = :a AND criterion_code = :c AND version = :base");
        write.bind("a", id)
            .bind("c", answer.criterion_code)
            .bind("s", score)
            .bind("m", comment)
            .bind("now", now)
            .bind("by", acting_user(caller));
        if (answer.base_version != 0) write.bind("base", answer.base_version);
        stored = changed_one(session, write);
      }
      if (stored) {
        result["outcome"] = "saved";
        result["version"] = answer.base_version + 1;
        written.push_back({{"criterion_code", answer.criterion_code}, {"score", score}, {"comment", comment}});
      } else {
        result["outcome"] = "conflict";
        result["code"] = editable && same_status ? "conflict" : "status_changed";
        result["editable"] = editable;
        // A write refused despite the version read: the answer as it stands now.
        if (tried)
          saved = Query(saved_sql + " AND a.criterion_code = :c")
                      .bind("a", id)
                      .bind("c", answer.criterion_code)
                      .first(session);
        if (saved) saved->erase("criterion_code");
        result["current"] = saved ? *saved : json(nullptr);
      }
      results.push_back(std::move(result));
    }
    if (!written.empty()) {
      if (auto ok = set_status(session, caller, *current, status); !ok) return std::unexpected(ok.error());
      write_audit(session, caller, audit("answers", id, *current, {{"answers", written}, {"sync", true}}));
    }
    auto record = reply(session, caller, id);
    if (!record) return record;
    return json{{"assessment", {{"id", id}, {"status", (*record)["status"]}, {"version", (*record)["version"]}}},
                {"results", results}};
  });
}

Result<json> submit_assessment(Database& db, const Caller& caller, long long id, const AtVersion& body) {
  return db.write([&](soci::session& session) -> Result<json> {
    auto current = for_change(session, caller, id, body.version, {"draft", "returned"});
    if (!current) return current;
    if (!may_fill(caller, *current)) return fail(ErrorCode::Forbidden);
    const auto grid = stored_grid(session, (*current)["grid_id"].get<long long>());
    const auto answers = answers_of(session, id);
    for (const auto& domain : grid.domains)
      for (const auto& criterion : domain.criteria)
        if (std::none_of(answers.begin(), answers.end(),
                         [&](const auto& a) { return a.criterion_code == criterion.code; }))
          return fail(ErrorCode::Required, criterion.code);
    const auto scored = *domain::score(grid, answers);
    const auto scores = scores_json(scored);
    if (auto ok = set_status(session, caller, *current, "submitted",
                             ", submitted_at = :now" + std::string(kScoresColumns), scores_params(scored));
        !ok)
      return std::unexpected(ok.error());
    store_domain_scores(session, id, scored);
    write_audit(session, caller,
                audit("submit", id, *current, {{"status", "submitted"}, {"overall", scores["overall"]}}));
    return reply(session, caller, id);
  });
}

Result<json> return_assessment(Database& db, const Caller& caller, long long id, const AssessmentReturn& body) {
  const json notes(body.notes);
  return db.write([&](soci::session& session) -> Result<json> {
    auto current = for_change(session, caller, id, body.version, {"submitted"});
    if (!current) return current;
    if ((*current)["kind"] != "official") return fail(ErrorCode::Forbidden);
    const auto grid = stored_grid(session, (*current)["grid_id"].get<long long>());
    for (const auto& [code, note] : body.notes)
      if (!grid.find_criterion(code)) return fail(ErrorCode::InvalidReference, "notes." + code);
    if (auto ok = set_status(session, caller, *current, "returned", ", return_reason = :reason, return_notes = :notes",
                             {{"reason", body.reason}, {"notes", notes.dump()}});
        !ok)
      return std::unexpected(ok.error());
    write_audit(session, caller,
                audit("return", id, *current, {{"status", "returned"}, {"reason", body.reason}, {"notes", notes}}));
    return reply(session, caller, id);
  });
}

Result<json> validate_assessment(Database& db, const Caller& caller, long long id, const AtVersion& body) {
  return db.write([&](soci::session& session) -> Result<json> {
    auto current = for_change(session, caller, id, body.version, {"submitted"});
    if (!current) return current;
    if ((*current)["kind"] != "official") return fail(ErrorCode::Forbidden);
    const auto grid = stored_grid(session, (*current)["grid_id"].get<long long>());
    const auto answers = answers_of(session, id);
    const auto scores = *domain::score(grid, answers);
    const auto today = domain::to_iso(domain::today_utc());
    const auto now = utc_now();
    const auto institution = (*current)["institution_id"];
    std::map<std::string, std::string> comments;
    for (const auto& row :
         Query("SELECT criterion_code, comment FROM answers WHERE assessment_id = :id AND comment IS NOT NULL")
             .bind("id", id)
             .rows(session))
      comments[row["criterion_code"].get<std::string>()] = row["comment"].get<std::string>();

    // Shortcomings are dated by the visit that found them, or found them remedied (the day of
    // validation without one).
    const auto raised_on = (*current)["visit_date"].is_string() ? (*current)["visit_date"].get<std::string>() : today;
    const auto audit_status = [&](long long shortcoming, const char* action, const char* status) {
      write_audit(session, caller,
                  {.action = action,
                   .entity = "shortcoming",
                   .entity_id = shortcoming,
                   .after = {{"status", status}, {"assessment_id", id}},
                   .scope_path = (*current)["scope_path_"].get<std::string>(),
                   .scope_association_id = (*current)["association_id"].get<long long>()});
    };
    // The institution's live shortcomings of a criterion, oldest first, as the status machine
    // (domain/shortcomings.hpp) sees them: read in one query rather than a few per criterion
    // (some forty): on PostgreSQL that was a third of validation's time (docs/PERFORMANCE.md,
    // "Diagnostic campaigns").
    struct Known {
      json id;
      domain::ShortcomingState state;
    };
    std::map<std::string, std::vector<Known>> known;
    for (const auto& row : Query("SELECT id, criterion_code, status, resolved_by_assessment_id FROM shortcomings"
                                 " WHERE institution_id = :i AND criterion_code IS NOT NULL AND archived_at IS NULL"
                                 " ORDER BY id")
                               .bind("i", institution)
                               .rows(session))
      known[row["criterion_code"].get<std::string>()].push_back(
          {row["id"],
           {*domain::parse_shortcoming_status(row["status"].get<std::string>()),
            !row["resolved_by_assessment_id"].is_null()}});
    for (const auto& shortfall : scores.below_satisfactory) {
      std::vector<domain::ShortcomingState> live;
      const auto& rows = known[shortfall.criterion_code];
      for (const auto& row : rows) live.push_back(row.state);
      const auto finding = domain::short_finding(live);
      if (finding.reopen) {
        // One its actions marked resolved, which this visit finds still short.
        const auto& row = rows[*finding.reopen];
        Query(
            "UPDATE shortcomings SET status = 'open', resolved_on = NULL, version = version + 1, updated_at = :now"
            " WHERE id = :id")
            .bind("now", now)
            .bind("id", row.id)
            .execute(session);
        audit_status(row.id.get<long long>(), "reopen", "open");
      }
      if (!finding.raise) continue;
      const auto* criterion = grid.find_criterion(shortfall.criterion_code);
      const json description =
          comments.contains(shortfall.criterion_code) ? json(comments[shortfall.criterion_code]) : json(nullptr);
      const auto shortcoming =
          Query(
              "INSERT INTO shortcomings (institution_id, domain_code, criterion_code, criterion_text_ar, "
              "criterion_text_fr,"
              " source, assessment_id, description, severity, status, raised_on, search_key, criterion_code_sort, "
              "version,"
              " created_at, updated_at)"
              " VALUES (:i, :d, :c, :tar, :tfr, 'assessment', :a, :desc, :sev, 'open', :raised_on, :key, :c_sort, 1,"
              " :now, :now)"
              " RETURNING id")
              .bind("i", institution)
              .bind("d", shortfall.domain_code)
              .bind("c", shortfall.criterion_code)
              .bind("c_sort", domain::sort_key(shortfall.criterion_code))
              .bind("tar", criterion->text_ar)
              .bind("tfr", criterion->text_fr)
              .bind("a", id)
              .bind("desc", description)
              .bind("sev", std::string(shortfall.severity))
              .bind("raised_on", raised_on)
              .bind("key", domain::search_key(criterion->text_ar + " " + criterion->text_fr + " " +
                                              (description.is_string() ? description.get<std::string>() : "")))
              .bind("now", now)
              .scalar(session);
      write_audit(session, caller,
                  {.action = "create",
                   .entity = "shortcoming",
                   .entity_id = shortcoming,
                   .after = {{"institution_id", institution},
                             {"criterion_code", shortfall.criterion_code},
                             {"severity", shortfall.severity},
                             {"assessment_id", id}},
                   .scope_path = (*current)["scope_path_"].get<std::string>(),
                   .scope_association_id = (*current)["association_id"].get<long long>()});
    }
    // Scored 2: an open one is resolved by this assessment; one that its actions resolved
    // (to verify) is verified.
    for (const auto& answer : answers) {
      if (answer.score != 2) continue;
      for (const auto& row : known[answer.criterion_code]) {
        const auto next = domain::next_shortcoming_state(row.state, domain::AssessedSatisfactory{});
        if (next == row.state) continue;
        const bool verify = next.status == domain::ShortcomingStatus::Verified;
        Query(std::string("UPDATE shortcomings SET status = :status, resolved_by_assessment_id = :a,") +
              (verify ? "" : " resolved_on = CASE WHEN raised_on > :visit THEN raised_on ELSE :visit END,") +
              " version = version + 1, updated_at = :now WHERE id = :id")
            .bind("status", std::string(domain::shortcoming_status_name(next.status)))
            .bind("visit", raised_on)
            .bind("a", id)
            .bind("now", now)
            .bind("id", row.id)
            .execute(session);
        audit_status(row.id.get<long long>(), verify ? "verify" : "resolve", verify ? "verified" : "resolved");
      }
    }
    auto params = scores_params(scores);
    params.emplace_back("by", acting_user(caller));
    if (auto ok = set_status(session, caller, *current, "validated",
                             ", validated_at = :now, validated_by = :by" + std::string(kScoresColumns), params);
        !ok)
      return std::unexpected(ok.error());
    store_domain_scores(session, id, scores);
    write_audit(
        session, caller,
        audit("validate", id, *current, {{"status", "validated"}, {"overall", scores_json(scores)["overall"]}}));
    return reply(session, caller, id);
  });
}

Result<void> check_shortcoming(soci::session&, const Caller&, json& values, const json* before) {
  const bool raised = before && (*before)["source"] == "assessment";
  if ((values["source"] == "assessment") != raised) return fail(ErrorCode::InvalidValue, "source");
  return {};
}

Result<json> add_evidence(Database& db, const Caller& caller, long long assessment_id,
                          const std::string& criterion_code, const std::string& file_name, std::string_view bytes) {
  const auto content_type = domain::check_upload(file_name, bytes);
  if (!content_type) return std::unexpected(content_type.error());
  const auto files = evidence_owner(assessment_id, criterion_code);
  return db.write([&](soci::session& session) -> Result<json> {
    auto current = editable(session, caller, assessment_id);
    if (!current) return current;
    if (!stored_grid(session, (*current)["grid_id"].get<long long>()).find_criterion(criterion_code))
      return fail(ErrorCode::InvalidReference, "criterion_code");
    const auto id = insert_file(session, caller, files, kMaxEvidencePerCriterion, file_name, *content_type, bytes);
    if (!id) return std::unexpected(id.error());
    const json record = {{"id", *id},
                         {"assessment_id", assessment_id},
                         {"criterion_code", criterion_code},
                         {"file_name", file_name},
                         {"content_type", *content_type},
                         {"size", bytes.size()}};
    write_audit(session, caller,
                {.action = "create",
                 .entity = "evidence",
                 .entity_id = *id,
                 .after = record,
                 .scope_path = (*current)["scope_path_"].get<std::string>(),
                 .scope_association_id = (*current)["association_id"].get<long long>()});
    return evidence_row(file_rows(session, files, *id).at(0), assessment_id);
  });
}

Result<domain::StoredFile> read_evidence(Database& db, const Caller& caller, long long assessment_id,
                                         long long evidence_id) {
  return db.read([&](soci::session& session) -> Result<domain::StoredFile> {
    if (!fetch(session, caller, assessment_id, ScopeUse::Read)) return fail(ErrorCode::NotFound);
    return stored_file(session, evidence_owner(assessment_id), evidence_id);
  });
}

Result<void> delete_evidence(Database& db, const Caller& caller, long long assessment_id, long long evidence_id) {
  return db.write([&](soci::session& session) -> Result<void> {
    auto current = editable(session, caller, assessment_id);
    if (!current) return std::unexpected(current.error());
    auto removed = remove_file(session, evidence_owner(assessment_id), evidence_id);
    if (!removed) return std::unexpected(removed.error());
    write_audit(session, caller,
                {.action = "delete",
                 .entity = "evidence",
                 .entity_id = evidence_id,
                 .before = std::move(*removed),
                 .scope_path = (*current)["scope_path_"].get<std::string>(),
                 .scope_association_id = (*current)["association_id"].get<long long>()});
    return {};
  });
}

}  // namespace riaya::store
