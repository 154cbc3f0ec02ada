#include "store/programme.hpp"

#include "domain/dates.hpp"
#include "domain/grid.hpp"
#include "domain/money.hpp"
#include "domain/schema.hpp"
#include "domain/search_key.hpp"
#include "domain/shortcomings.hpp"
#include "store/audit.hpp"
#include "store/grids.hpp"
#include "store/query.hpp"
#include "store/records.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace riaya::store {
namespace {

using domain::ErrorCode;
using domain::fail;
using domain::Result;
using nlohmann::json;

constexpr std::size_t kMaxTitle = 300;

// An action as a write needs it, with the columns that scope its audit entries.
std::string action_columns() {
  return "r.id, r.programme_id, r.institution_id, r.status, r.progress, r.version, r.title_ar, " +
         scope_columns("actions");
}

AuditEntry audit_of(std::string action, std::string entity, long long id, const json& scoped, json before, json after) {
  AuditEntry entry{.action = std::move(action),
                   .entity = std::move(entity),
                   .entity_id = id,
                   .before = std::move(before),
                   .after = std::move(after)};
  scope_entry(entry, scoped);
  return entry;
}

// Text cut to `limit` code points (a remedy can be longer than a title).
std::string shortened(const std::string& text, std::size_t limit) {
  if (domain::code_points(text) <= limit) return text;
  std::size_t at = 0, count = 0;
  while (at < text.size() && count < limit - 1) {
    ++count;
    do ++at;
    while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80);
  }
  return text.substr(0, at) + "…";
}

// The action category that remedies a shortcoming of a default-grid domain (GRID.md).
std::string category_of_domain(const json& domain_code) {
  static const std::map<std::string, std::string> categories = {
      {"D1", "legal"},     {"D2", "management"}, {"D3", "management"}, {"D4", "activities"}, {"D5", "works"},
      {"D6", "equipment"}, {"D7", "training"},   {"D8", "activities"}, {"D9", "management"}};
  const auto it = domain_code.is_string() ? categories.find(domain_code.get<std::string>()) : categories.end();
  return it == categories.end() ? "management" : it->second;
}

// Whether the institution lies within the programme's territory.
bool institution_in_programme(soci::session& session, const json& institution_id, const json& programme_id) {
  return Query(
             "SELECT COUNT(*) FROM institutions i JOIN territories c ON c.id = i.commune_id,"
             " programmes p JOIN territories t ON t.id = p.territory_id"
             " WHERE i.id = :i AND p.id = :p AND c.path LIKE t.path || '%'")
             .bind("i", institution_id)
             .bind("p", programme_id)
             .scalar(session) > 0;
}

// Sets a shortcoming's status from the actions that remedy it, as the status machine says
// (domain::next_shortcoming_state): in progress while some live action is not done, "resolved"
// (to verify by the next assessment) when all are done, dated by the last one completed.
void sync_shortcoming(soci::session& session, const Caller& caller, long long shortcoming_id) {
  // Locked before its actions are counted: two actions done at once both count.
  // Unscoped: an action in the caller's scope moves the shortcomings it remedies.
  unscoped_select("shortcomings", true).where("r.id = :id").bind("id", shortcoming_id).select("r.id").rows(session);
  const auto row =
      unscoped_select("shortcomings")
          .where("r.id = :id")
          .live()
          .bind("id", shortcoming_id)
          .select("r.status, r.resolved_by_assessment_id, r.version, " + scope_columns("shortcomings") +
                  ", (SELECT COUNT(*) FROM action_shortcomings s JOIN actions x ON x.id = s.action_id"
                  "  WHERE s.shortcoming_id = r.id AND x.archived_at IS NULL AND x.status <> 'cancelled') AS live,"
                  " (SELECT COUNT(*) FROM action_shortcomings s JOIN actions x ON x.id = s.action_id"
                  "  WHERE s.shortcoming_id = r.id AND x.archived_at IS NULL AND x.status = 'done') AS done,"
                  " (SELECT MAX(x.completed_on) FROM action_shortcomings s JOIN actions x ON x.id = s.action_id"
                  "  WHERE s.shortcoming_id = r.id AND x.archived_at IS NULL AND x.status = 'done') AS completed_on")
          .integers({"live", "done"})
          .first(session);
  if (!row) return;
  const auto status = (*row)["status"].get<std::string>();
  const domain::ShortcomingState before{*domain::parse_shortcoming_status(status),
                                        !(*row)["resolved_by_assessment_id"].is_null()};
  const auto after = domain::next_shortcoming_state(
      before, domain::ActionsChanged{(*row)["live"].get<long long>(), (*row)["done"].get<long long>()});
  if (after == before) return;
  const std::string wanted(domain::shortcoming_status_name(after.status));
  Query(
      "UPDATE shortcomings SET status = :status, resolved_on = :resolved_on, version = version + 1, updated_at = :now"
      " WHERE id = :id")
      .bind("status", wanted)
      .bind("resolved_on", wanted == "resolved" ? (*row)["completed_on"] : json(nullptr))
      .bind("now", utc_now())
      .bind("id", shortcoming_id)
      .execute(session);
  write_audit(session, caller,
              audit_of("status", "shortcoming", shortcoming_id, *row, {{"status", status}}, {{"status", wanted}}));
}

// Whether `action` (with its status and due date) is overdue today.
bool overdue_today(const json& action) {
  return domain::is_overdue(action["status"].get<std::string>(),
                            action["due_on"].is_string() ? action["due_on"].get<std::string>() : "",
                            domain::today_iso());
}

// Programme `programme_id` in the caller's write scope, still taking actions (not closed).
Result<void> open_programme(soci::session& session, const Caller& caller, long long programme_id) {
  const auto programme = scoped_record(session, caller, "programmes", "r.status", programme_id, ScopeUse::Write);
  if (!programme) return fail(ErrorCode::NotFound);
  if ((*programme)["status"] == "closed") return fail(ErrorCode::InvalidState, "status");
  return {};
}

// A new action from `fields` (what the body of POST /api/actions holds), checked as that route
// checks it; `stored_columns` as insert_record takes them.
Result<json> insert_action(soci::session& session, const Caller& caller, const json& fields,
                           const json& stored_columns = json::object()) {
  const auto* spec = domain::find_spec("actions");
  auto values = domain::validate_input(*spec, fields);  // every field of the spec, null where absent
  if (!values) return std::unexpected(values.error());
  return insert_record(session, *spec, caller, *values, stored_columns);
}

// Moves the equipment needs an action plans along with it: planned while the action is
// planned or ongoing, met when it is done; open again, and unlinked, when it is cancelled or
// archived.
void sync_needs(soci::session& session, const Caller& caller, const json& action) {
  const bool released = !action["archived_at"].is_null() || action["status"] == "cancelled";
  const std::string wanted = released ? "open" : action["status"] == "done" ? "met" : "planned";
  const json link = released ? json(nullptr) : action["id"];
  // Unscoped: the needs an action plans move with it, wherever they lie.
  const auto needs = unscoped_select("equipment_needs")
                         .where("r.action_id = :a")
                         .live()
                         .bind("a", action["id"])
                         .select("r.id, r.status, " + scope_columns("equipment_needs"))
                         .rows(session);
  for (const auto& need : needs) {
    if (need["status"] == wanted && !released) continue;
    Query(
        "UPDATE equipment_needs SET status = :status, action_id = :action, version = version + 1, updated_at = :now"
        " WHERE id = :id")
        .bind("status", wanted)
        .bind("action", link)
        .bind("now", utc_now())
        .bind("id", need["id"])
        .execute(session);
    write_audit(
        session, caller,
        audit_of("status", "equipment_need", need["id"].get<long long>(), need,
                 {{"status", need["status"]}, {"action_id", action["id"]}}, {{"status", wanted}, {"action_id", link}}));
  }
}

// Conflict with action `action_id` as it now is.
std::unexpected<domain::Error> action_conflict(soci::session& session, const Caller& caller, long long action_id) {
  return fail(
      ErrorCode::Conflict, "version",
      {{"current",
        scoped_record(session, caller, "actions", action_columns(), action_id, ScopeUse::Read).value_or(nullptr)}});
}

// Action `action_id` in the caller's write scope, read locked for a change, at `version`;
// NotFound, or Conflict with the current action.
Result<json> action_for_change(soci::session& session, const Caller& caller, long long action_id, long long version) {
  const auto action = scoped_record(session, caller, "actions", action_columns(), action_id, ScopeUse::Change);
  if (!action) return fail(ErrorCode::NotFound);
  if ((*action)["version"] != version) return fail(ErrorCode::Conflict, "version", {{"current", *action}});
  return *action;
}

// Links the shortcomings `ids` (in scope, of the action's institution or, for a province-wide
// action, within its programme's territory) to action `action`, replacing its links; then
// moves every shortcoming concerned.
Result<void> set_links(soci::session& session, const Caller& caller, const json& action,
                       const std::vector<long long>& ids) {
  const auto action_id = action["id"].get<long long>();
  std::vector<long long> concerned;
  for (const auto& row :
       Query("SELECT shortcoming_id FROM action_shortcomings WHERE action_id = :a").bind("a", action_id).rows(session))
    concerned.push_back(row["shortcoming_id"].get<long long>());
  Query("DELETE FROM action_shortcomings WHERE action_id = :a").bind("a", action_id).execute(session);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const auto field = "shortcoming_ids[" + std::to_string(i) + "]";
    const auto shortcoming =
        scoped_record(session, caller, "shortcomings", "r.institution_id, r.status", ids[i], ScopeUse::Write);
    if (!shortcoming) return fail(ErrorCode::InvalidReference, field);
    const bool fits = action["institution_id"].is_null()
                          ? institution_in_programme(session, (*shortcoming)["institution_id"], action["programme_id"])
                          : (*shortcoming)["institution_id"] == action["institution_id"];
    if (!fits) return fail(ErrorCode::InvalidReference, field);
    Query("INSERT INTO action_shortcomings (action_id, shortcoming_id) VALUES (:a, :s) ON CONFLICT DO NOTHING")
        .bind("a", action_id)
        .bind("s", ids[i])
        .execute(session);
    concerned.push_back(ids[i]);
  }
  // In id order, as every writer locks shortcomings: two never wait on each other in a circle.
  std::sort(concerned.begin(), concerned.end());
  concerned.erase(std::unique(concerned.begin(), concerned.end()), concerned.end());
  for (const auto id : concerned) sync_shortcoming(session, caller, id);
  return {};
}

}  // namespace

Result<void> check_action(soci::session& session, const Caller&, json& values, const json* before) {
  if (before && (*before)["status"] == "cancelled") return fail(ErrorCode::InvalidState, "status");
  if (values["status"] == "done") {
    if (values["completed_on"].is_null()) return fail(ErrorCode::Required, "completed_on");
    values["progress"] = 100;
  }
  if (!values["institution_id"].is_null() &&
      !institution_in_programme(session, values["institution_id"], values["programme_id"]))
    return fail(ErrorCode::InvalidReference, "institution_id");
  return {};
}

void after_action_write(soci::session& session, const Caller& caller, const json& record) {
  for (const auto& row :
       Query("SELECT shortcoming_id FROM action_shortcomings WHERE action_id = :a ORDER BY shortcoming_id")
           .bind("a", record["id"])
           .rows(session))
    sync_shortcoming(session, caller, row["shortcoming_id"].get<long long>());
  sync_needs(session, caller, record);
}

// A need an action plans follows that action: what it asks for and its status change through
// the action, not by hand.
Result<void> check_need(soci::session&, const Caller&, json& values, const json* before) {
  if (!before || (*before)["action_id"].is_null()) return {};
  for (const char* field : {"institution_id", "item_id", "quantity", "unit_cost_centimes", "status"})
    if (values[field] != (*before)[field]) return fail(ErrorCode::InvalidState, field);
  return {};
}

void complete_action(json& record) {
  const auto cost =
      record["estimated_cost_centimes"].is_number() ? record["estimated_cost_centimes"].get<long long>() : 0;
  const auto money = domain::funding(cost, record.value("funded_centimes", 0LL));
  record["gap_centimes"] = money.gap;
  record["surplus_centimes"] = money.surplus;
  record["overdue"] = overdue_today(record);
}

void complete_programme(json& record) {
  const auto money = domain::funding(record.value("cost_centimes", 0LL), record.value("funded_centimes", 0LL));
  record["gap_centimes"] = money.gap;
  record["surplus_centimes"] = money.surplus;
}

Result<void> check_grant(soci::session& session, const Caller&, json& values, const json* before) {
  if (values["disbursed_centimes"].is_null()) values["disbursed_centimes"] = 0;
  const auto committed = values["committed_centimes"].get<long long>();
  if (values["disbursed_centimes"].get<long long>() > committed)
    return fail(ErrorCode::OutOfRange, "disbursed_centimes", {{"min", 0}, {"max", committed}});
  if (before) {
    const auto allocated = Query(
                               "SELECT COALESCE(SUM(amount_centimes), 0) FROM funding_lines"
                               " WHERE grant_id = :g AND archived_at IS NULL")
                               .bind("g", (*before)["id"])
                               .scalar(session);
    if (committed < allocated)
      return fail(ErrorCode::OutOfRange, "committed_centimes", {{"min", allocated}, {"max", domain::kMaxCentimes}});
  }
  return {};
}

Result<void> check_funding_line(soci::session& session, const Caller&, json& values, const json* before) {
  // The lines of a grant must fit in it: the grant is locked before they are summed.
  Query("SELECT g.id FROM grants g WHERE g.id = :g" + locked_rows(session, "g"))
      .bind("g", values["grant_id"])
      .rows(session);
  const auto grant =
      Query(
          "SELECT g.committed_centimes, g.association_id, g.institution_id,"
          " COALESCE(gi.association_id, g.association_id) AS recipient_association,"
          " COALESCE(c.path, at.path) AS recipient_path,"
          " (SELECT COALESCE(SUM(f.amount_centimes), 0) FROM funding_lines f WHERE f.grant_id = g.id"
          "  AND f.archived_at IS NULL AND f.id <> :self) AS allocated"
          " FROM grants g LEFT JOIN institutions gi ON gi.id = g.institution_id"
          " LEFT JOIN territories c ON c.id = gi.commune_id"
          " LEFT JOIN associations a ON a.id = g.association_id LEFT JOIN territories at ON at.id = a.territory_id"
          " WHERE g.id = :g")
          .bind("g", values["grant_id"])
          .bind("self", before ? (*before)["id"] : json(0))
          .integers({"allocated"})
          .first(session);
  const auto action =
      Query(
          "SELECT x.status, x.institution_id, i.association_id, t.path AS programme_path"
          " FROM actions x JOIN programmes p ON p.id = x.programme_id JOIN territories t ON t.id = p.territory_id"
          " LEFT JOIN institutions i ON i.id = x.institution_id WHERE x.id = :a")
          .bind("a", values["action_id"])
          .first(session);
  if ((*action)["status"] == "cancelled") return fail(ErrorCode::InvalidReference, "action_id");
  // The grant must go to the action's institution or its association; a province-wide
  // action takes grants of recipients within the programme's territory.
  const bool fits =
      (*action)["institution_id"].is_null()
          ? (*grant)["recipient_path"].is_string() && (*grant)["recipient_path"].get<std::string>().starts_with(
                                                          (*action)["programme_path"].get<std::string>())
          : (*grant)["institution_id"] == (*action)["institution_id"] ||
                ((*grant)["institution_id"].is_null() && (*grant)["association_id"] == (*action)["association_id"]);
  if (!fits) return fail(ErrorCode::InvalidReference, "grant_id");
  const auto remaining = (*grant)["committed_centimes"].get<long long>() - (*grant)["allocated"].get<long long>();
  if (values["amount_centimes"].get<long long>() > remaining)
    return fail(ErrorCode::OutOfRange, "amount_centimes", {{"min", 1}, {"max", remaining}});
  return {};
}

Result<json> actions_from_shortcomings(Database& db, const Caller& caller, long long programme_id,
                                       const ActionsFromShortcomings& body) {
  const auto& ids = body.shortcoming_ids;
  const auto due_on = body.due_on ? json(*body.due_on) : json(nullptr);
  return db.write([&](soci::session& session) -> Result<json> {
    if (auto open = open_programme(session, caller, programme_id); !open) return std::unexpected(open.error());
    json items = json::array();
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const auto field = "shortcoming_ids[" + std::to_string(i) + "]";
      const auto shortcoming =
          scoped_record(session, caller, "shortcomings",
                        "r.id, r.institution_id, r.domain_code, r.criterion_code, r.criterion_text_ar,"
                        " r.criterion_text_fr, r.description, r.assessment_id, r.status",
                        ids[i], ScopeUse::Write);
      if (!shortcoming || (*shortcoming)["status"] == "verified") return fail(ErrorCode::InvalidReference, field);
      if (!institution_in_programme(session, (*shortcoming)["institution_id"], programme_id))
        return fail(ErrorCode::InvalidReference, field);
      // The title: the criterion's suggested remedy in the grid the assessment used.
      std::string title_ar, title_fr;
      if ((*shortcoming)["assessment_id"].is_number() && (*shortcoming)["criterion_code"].is_string()) {
        const auto grid_id =
            Query("SELECT m.grid_id FROM assessments a JOIN campaigns m ON m.id = a.campaign_id WHERE a.id = :a")
                .bind("a", (*shortcoming)["assessment_id"])
                .scalar(session);
        const auto grid = stored_grid(session, grid_id);
        if (const auto* criterion = grid.find_criterion((*shortcoming)["criterion_code"].get<std::string>())) {
          title_ar = criterion->remedy_ar;
          title_fr = criterion->remedy_fr;
        }
      }
      const auto text = [&](const char* column) {
        return (*shortcoming)[column].is_string() ? (*shortcoming)[column].get<std::string>() : std::string();
      };
      if (title_ar.empty()) title_ar = text("criterion_text_ar");
      if (title_fr.empty()) title_fr = text("criterion_text_fr");
      if (title_ar.empty()) title_ar = text("description");
      if (title_ar.empty()) return fail(ErrorCode::InvalidReference, field);
      const json fields = {{"programme_id", programme_id},
                           {"institution_id", (*shortcoming)["institution_id"]},
                           {"category", category_of_domain((*shortcoming)["domain_code"])},
                           {"title_ar", shortened(title_ar, kMaxTitle)},
                           {"title_fr", title_fr.empty() ? json(nullptr) : json(shortened(title_fr, kMaxTitle))},
                           {"due_on", due_on},
                           {"status", "planned"},
                           {"progress", 0}};
      auto created = insert_action(session, caller, fields);
      if (!created) return created;
      if (auto ok = set_links(session, caller, *created, {ids[i]}); !ok) return std::unexpected(ok.error());
      (*created)["shortcomings"] = Query("SELECT COUNT(*) FROM action_shortcomings WHERE action_id = :a")
                                       .bind("a", (*created)["id"])
                                       .scalar(session);
      items.push_back(std::move(*created));
    }
    return json{{"items", items}};
  });
}

Result<json> actions_from_needs(Database& db, const Caller& caller, long long programme_id,
                                const ActionsFromNeeds& body) {
  const auto& ids = body.need_ids;
  const auto& grouping = body.grouping;
  const auto due_on = body.due_on ? json(*body.due_on) : json(nullptr);
  return db.write([&](soci::session& session) -> Result<json> {
    if (auto open = open_programme(session, caller, programme_id); !open) return std::unexpected(open.error());
    // The needs, grouped by the action each goes to (key 0: the one action of "single").
    std::map<long long, std::vector<json>> groups;
    std::set<long long> seen;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const auto field = "need_ids[" + std::to_string(i) + "]";
      if (!seen.insert(ids[i]).second) return fail(ErrorCode::Duplicate, field);
      auto need =
          scoped_record(session, caller, "equipment_needs",
                        "r.id, r.institution_id, r.item_id, r.quantity, r.unit_cost_centimes, r.status, r.action_id,"
                        " e.name_ar AS item_name_ar, e.name_fr AS item_name_fr, " +
                            scope_columns("equipment_needs"),
                        ids[i], ScopeUse::Write);
      if (!need || !institution_in_programme(session, (*need)["institution_id"], programme_id))
        return fail(ErrorCode::InvalidReference, field);
      if ((*need)["status"] != "open" || !(*need)["action_id"].is_null()) return fail(ErrorCode::InvalidState, field);
      const auto key = grouping == "per_institution" ? (*need)["institution_id"].get<long long>() : 0;
      groups[key].push_back(std::move(*need));
    }
    json items = json::array();
    for (const auto& [key, needs] : groups) {
      // Quantities by item, in the order the items first come.
      std::vector<std::pair<const json*, long long>> quantities;
      std::set<long long> institutions;
      long long cost = 0;
      for (const auto& need : needs) {
        institutions.insert(need["institution_id"].get<long long>());
        cost += need["quantity"].get<long long>() * need["unit_cost_centimes"].get<long long>();
        auto same =
            std::ranges::find_if(quantities, [&](const auto& q) { return (*q.first)["item_id"] == need["item_id"]; });
        if (same == quantities.end())
          quantities.emplace_back(&need, need["quantity"].get<long long>());
        else
          same->second += need["quantity"].get<long long>();
      }
      if (cost > domain::kMaxCentimes)
        return fail(ErrorCode::OutOfRange, "need_ids", {{"min", 0}, {"max", domain::kMaxCentimes}});
      std::string title_ar = "اقتناء ", title_fr = "Acquisition : ";
      for (std::size_t i = 0; i < quantities.size(); ++i) {
        const auto& item = *quantities[i].first;
        const auto name_fr = item["item_name_fr"].is_string() ? item["item_name_fr"] : item["item_name_ar"];
        const auto quantity = " (" + std::to_string(quantities[i].second) + ")";
        title_ar += (i ? "، " : "") + item["item_name_ar"].get<std::string>() + quantity;
        title_fr += (i ? ", " : "") + name_fr.get<std::string>() + quantity;
      }
      const json fields = {{"programme_id", programme_id},
                           {"institution_id", institutions.size() == 1 ? json(*institutions.begin()) : json(nullptr)},
                           {"category", "equipment"},
                           {"title_ar", shortened(title_ar, kMaxTitle)},
                           {"title_fr", shortened(title_fr, kMaxTitle)},
                           {"due_on", due_on},
                           {"estimated_cost_centimes", cost},
                           {"status", "planned"},
                           {"progress", 0}};
      auto created = insert_action(session, caller, fields);
      if (!created) return created;
      for (const auto& need : needs) {
        Query(
            "UPDATE equipment_needs SET status = 'planned', action_id = :a, version = version + 1, updated_at = :now"
            " WHERE id = :id")
            .bind("a", (*created)["id"])
            .bind("now", utc_now())
            .bind("id", need["id"])
            .execute(session);
        write_audit(session, caller,
                    audit_of("plan", "equipment_need", need["id"].get<long long>(), need, {{"status", "open"}},
                             {{"status", "planned"}, {"action_id", (*created)["id"]}}));
      }
      (*created)["needs"] = static_cast<long long>(needs.size());
      items.push_back(std::move(*created));
    }
    return json{{"items", items}};
  });
}

Result<json> link_shortcomings(Database& db, const Caller& caller, long long action_id, const ShortcomingLinks& body) {
  const auto version = body.version;
  const auto& ids = body.shortcoming_ids;
  return db.write([&](soci::session& session) -> Result<json> {
    const auto action = action_for_change(session, caller, action_id, version);
    if (!action) return std::unexpected(action.error());
    if ((*action)["status"] == "cancelled") return fail(ErrorCode::InvalidState, "status");
    if (auto ok = set_links(session, caller, *action, ids); !ok) return std::unexpected(ok.error());
    if (!changed_one(session, Query("UPDATE actions SET version = version + 1, updated_at = :now"
                                    " WHERE id = :id AND version = :version")
                                  .bind("now", utc_now())
                                  .bind("id", action_id)
                                  .bind("version", version)))
      return action_conflict(session, caller, action_id);
    write_audit(session, caller, audit_of("link", "action", action_id, *action, nullptr, {{"shortcoming_ids", ids}}));
    return json{{"id", action_id}, {"version", version + 1}, {"shortcoming_ids", ids}};
  });
}

Result<json> add_followup(Database& db, const Caller& caller, long long action_id, const FollowupEntry& body) {
  const auto version = body.version;
  const auto& entry_date = body.entry_date;
  const auto& note = body.note;
  const auto progress = body.progress ? json(*body.progress) : json(nullptr);
  return db.write([&](soci::session& session) -> Result<json> {
    const auto action = action_for_change(session, caller, action_id, version);
    if (!action) return std::unexpected(action.error());
    if ((*action)["status"] == "cancelled" || ((*action)["status"] == "done" && !progress.is_null()))
      return fail(ErrorCode::InvalidState, "status");
    Query(
        "INSERT INTO followups (action_id, entry_date, progress, note, created_by, created_at)"
        " VALUES (:a, :d, :p, :n, :by, :now)")
        .bind("a", action_id)
        .bind("d", entry_date)
        .bind("p", progress)
        .bind("n", note)
        .bind("by", acting_user(caller))
        .bind("now", utc_now())
        .execute(session);
    const bool starts = !progress.is_null() && progress.get<long long>() > 0 && (*action)["status"] == "planned";
    if (!changed_one(session, Query("UPDATE actions SET progress = COALESCE(:p, progress), status = :status,"
                                    " version = version + 1, updated_at = :now WHERE id = :id AND version = :version")
                                  .bind("p", progress)
                                  .bind("status", starts ? json("ongoing") : (*action)["status"])
                                  .bind("now", utc_now())
                                  .bind("id", action_id)
                                  .bind("version", version)))
      return action_conflict(session, caller, action_id);
    write_audit(session, caller,
                audit_of("followup", "action", action_id, *action,
                         {{"progress", (*action)["progress"]}, {"status", (*action)["status"]}},
                         {{"entry_date", entry_date}, {"note", note}, {"progress", progress}}));
    return *scoped_record(session, caller, "actions", "r.id, r.progress, r.status, r.version, r.updated_at", action_id,
                          ScopeUse::Read);
  });
}

Result<json> list_followups(Database& db, const Caller& caller, long long action_id) {
  return db.read([&](soci::session& session) -> Result<json> {
    if (!scoped_record(session, caller, "actions", "r.id", action_id, ScopeUse::Read)) return fail(ErrorCode::NotFound);
    return json{
        {"items", Query("SELECT f.id, f.entry_date, f.progress, f.note, u.display_name AS created_by_name, f.created_at"
                        " FROM followups f LEFT JOIN users u ON u.id = f.created_by WHERE f.action_id = :a"
                        " ORDER BY f.entry_date DESC, f.id DESC")
                      .bind("a", action_id)
                      .rows(session)}};
  });
}

Result<json> action_from_recommendation(Database& db, const Caller& caller, long long recommendation_id, json body) {
  if (!body.is_object()) return fail(ErrorCode::WrongType, "body");
  return db.write([&](soci::session& session) -> Result<json> {
    const auto recommendation = scoped_record(session, caller, "recommendations", "r.id, r.text_ar, r.text_fr",
                                              recommendation_id, ScopeUse::Change);  // one action each
    if (!recommendation) return fail(ErrorCode::NotFound);
    if (Query("SELECT COUNT(*) FROM actions WHERE recommendation_id = :r")
            .bind("r", recommendation_id)
            .scalar(session) > 0)
      return fail(ErrorCode::Duplicate, "recommendation_id");
    if (!body.contains("title_ar"))
      body["title_ar"] = shortened((*recommendation)["text_ar"].get<std::string>(), kMaxTitle);
    if (!body.contains("title_fr") && (*recommendation)["text_fr"].is_string())
      body["title_fr"] = shortened((*recommendation)["text_fr"].get<std::string>(), kMaxTitle);
    if (!body.contains("status")) body["status"] = "planned";
    if (!body.contains("progress")) body["progress"] = 0;
    return insert_action(session, caller, body, {{"recommendation_id", recommendation_id}});
  });
}

Result<json> meeting_actions(Database& db, const Caller& caller, long long meeting_id) {
  return db.read([&](soci::session& session) -> Result<json> {
    if (!scoped_record(session, caller, "meetings", "r.id", meeting_id, ScopeUse::Read))
      return fail(ErrorCode::NotFound);
    auto items = scoped_select("actions", caller, ScopeUse::Read)
                     .live()
                     .where(
                         "r.status IN ('planned', 'ongoing') AND r.institution_id IN ("
                         "  SELECT q.institution_id FROM participants q WHERE q.meeting_id = :m"
                         "  AND q.archived_at IS NULL"
                         "  UNION SELECT n.id FROM participants q JOIN institutions n"
                         "  ON n.association_id = q.association_id WHERE q.meeting_id = :m AND q.archived_at IS NULL)")
                     .bind("m", meeting_id)
                     .select(
                         "r.id, r.title_ar, r.title_fr, r.status, r.progress, r.due_on, r.institution_id,"
                         " i.name_ar AS institution_name_ar, i.name_fr AS institution_name_fr,"
                         " p.name_ar AS programme_name_ar, p.name_fr AS programme_name_fr",
                         " ORDER BY r.due_on, r.id")
                     .rows(session);
    for (auto& row : items) row["overdue"] = overdue_today(row);
    std::stable_partition(items.begin(), items.end(), [](const json& row) { return row["overdue"].get<bool>(); });
    return json{{"items", items}};
  });
}

Result<json> meeting_minutes(Database& db, const Caller& caller, long long meeting_id) {
  return db.read([&](soci::session& session) -> Result<json> {
    // The issuer: the province whose path starts the meeting territory's, else that territory.
    const auto meeting = scoped_select("meetings", caller, ScopeUse::Read)
                             .join("LEFT JOIN territories p ON p.level = 'province' AND t.path LIKE p.path || '%'")
                             .where("r.id = :id")
                             .bind("id", meeting_id)
                             .select(
                                 "r.kind, r.title_ar, r.title_fr, r.held_on, r.place, r.chair, r.agenda, r.minutes,"
                                 " CASE WHEN p.id IS NULL THEN t.name_ar ELSE p.name_ar END AS issuer_name_ar,"
                                 " CASE WHEN p.id IS NULL THEN t.name_fr ELSE p.name_fr END AS issuer_name_fr,"
                                 " CASE WHEN p.id IS NULL THEN t.level ELSE p.level END AS issuer_level")
                             .first(session);
    if (!meeting) return fail(ErrorCode::NotFound);
    const std::map<std::string, json> of_meeting = {{"meeting_id", meeting_id}};
    json minutes = {
        {"meeting", *meeting},
        {"participants", scoped_select("participants", caller, ScopeUse::Read)
                             .live()
                             .filters(of_meeting)
                             .select("r.full_name, r.function, r.organisation, a.name_ar AS association_name_ar,"
                                     " a.name_fr AS association_name_fr, i.name_ar AS institution_name_ar,"
                                     " i.name_fr AS institution_name_fr",
                                     " ORDER BY r.id")
                             .rows(session)},
        {"recommendations", json::array()}};
    std::map<long long, json> actions;
    if (domain::may(caller.role, "actions", domain::Action::Read)) {
      const auto query =
          scoped_select("actions", caller, ScopeUse::Read)
              .live()
              .where("r.recommendation_id IN (SELECT x.id FROM recommendations x WHERE x.meeting_id = :meeting)")
              .bind("meeting", meeting_id)
              .select("r.recommendation_id, r.title_ar, r.title_fr, r.status");
      for (auto& row : query.rows(session)) {
        const auto id = row["recommendation_id"].get<long long>();
        row.erase("recommendation_id");
        actions[id] = std::move(row);
      }
    }
    for (auto& row : scoped_select("recommendations", caller, ScopeUse::Read)
                         .live()
                         .filters(of_meeting)
                         .select("r.id, r.text_ar, r.text_fr", " ORDER BY r.id")
                         .rows(session)) {
      const auto found = actions.find(row["id"].get<long long>());
      row["action"] = found == actions.end() ? json(nullptr) : found->second;
      row.erase("id");
      minutes["recommendations"].push_back(std::move(row));
    }
    return minutes;
  });
}

}  // namespace riaya::store
