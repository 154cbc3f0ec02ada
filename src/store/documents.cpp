#include "store/documents.hpp"

#include "domain/dates.hpp"
#include "domain/money.hpp"
#include "store/comparison.hpp"
#include "store/equipment.hpp"
#include "store/grids.hpp"
#include "store/query.hpp"
#include "store/records.hpp"
#include "store/scoped_select.hpp"
#include "store/statistics.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace riaya::store {
namespace {

using domain::ErrorCode;
using domain::fail;
using domain::Result;
using nlohmann::json;

// The province whose path starts `path` (a territory's), else the territory of `path` itself.
json issuer_of(soci::session& session, const json& path) {
  const auto province = Query(
                            "SELECT name_ar, name_fr, level FROM territories WHERE level = 'province'"
                            " AND :path LIKE path || '%' ORDER BY LENGTH(path) DESC")
                            .bind("path", path)
                            .first(session);
  if (province) return *province;
  return Query("SELECT name_ar, name_fr, level FROM territories WHERE path = :path")
      .bind("path", path)
      .first(session)
      .value_or(json{{"name_ar", ""}, {"name_fr", ""}, {"level", "province"}});
}

json parsed(const json& text) { return text.is_string() ? json::parse(text.get<std::string>()) : json::object(); }

// The most severe first, as the register sorts them.
constexpr std::string_view kSeverityOrder =
    " ORDER BY CASE r.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END, r.id";

// Marks each action (as listed: status, due_on) "overdue" or not, by the one rule.
void mark_overdue(std::vector<json>& actions) {
  const auto today = domain::today_iso();
  for (auto& action : actions)
    action["overdue"] =
        domain::is_overdue(action["status"].get<std::string>(),
                           action["due_on"].is_string() ? action["due_on"].get<std::string>() : "", today);
}

}  // namespace

Result<json> institution_card(Database& db, const Caller& caller, long long institution_id) {
  return db.read([&](soci::session& session) -> Result<json> {
    const auto institution =
        scoped_select("institutions", caller, ScopeUse::Read)
            .live()
            .where("r.id = :id")
            .bind("id", institution_id)
            .select(
                "r.id, r.code, r.name_ar, r.name_fr, r.category, k.name_ar AS category_name_ar,"
                " k.name_fr AS category_name_fr, a.name_ar AS association_name_ar, a.name_fr AS association_name_fr,"
                " a.registration_number AS association_registration_number, a.president_name AS association_president,"
                " c.name_ar AS commune_name_ar, c.name_fr AS commune_name_fr, c.path AS territory_path, r.address,"
                " r.capacity, r.opening_date, r.authorisation_number, r.authorisation_date, r.authorisation_status,"
                " r.director_name, r.services, r.activities, r.status")
            .first(session);
    if (!institution) return fail(ErrorCode::NotFound);
    const std::map<std::string, json> of_institution = {{"institution_id", institution_id}};
    json card = {{"issuer", issuer_of(session, (*institution)["territory_path"])}, {"institution", *institution}};
    card["institution"].erase("territory_path");

    const auto record = indicators(session, caller, of_institution);
    card["occupancy"] =
        record["current"].is_null() || record["current"]["reports"] == 0
            ? json(nullptr)
            : json{{"school_year", record["school_year"]}, {"rate", record["current"]["occupancy_rate"]}};

    card["staff"] = json::array();
    if (domain::may(caller.role, "staff", domain::Action::Read))
      card["staff"] =
          scoped_select("staff", caller, ScopeUse::Read)
              .live()
              .filters(of_institution)
              .select("r.function, COUNT(*) AS count", " GROUP BY r.function ORDER BY COUNT(*) DESC, r.function")
              .integers({"count"})
              .rows(session);

    // The catalogue services it offers, and how many activities it has recorded (issue 16, S10).
    card["services"] = json::array();
    card["activities"] = 0;
    if (domain::may(caller.role, "institution_services", domain::Action::Read))
      card["services"] = scoped_select("institution_services", caller, ScopeUse::Read)
                             .live()
                             .filters(of_institution)
                             .select("v.name_ar, v.name_fr, r.since", " ORDER BY v.code")
                             .rows(session);
    if (domain::may(caller.role, "activities", domain::Action::Read))
      card["activities"] =
          scoped_select("activities", caller, ScopeUse::Read).live().filters(of_institution).count().scalar(session);

    card["scores"] = json::array();
    if (domain::may(caller.role, "assessments", domain::Action::Read)) {
      const auto assessed = scoped_select("assessments", caller, ScopeUse::Read)
                                .live()
                                .where("r.institution_id = :id AND r.kind = 'official' AND r.status = 'validated'")
                                .bind("id", institution_id)
                                .select(
                                    "r.scores, r.visit_date, m.name_ar AS campaign_name_ar,"
                                    " m.name_fr AS campaign_name_fr, m.grid_id",
                                    " ORDER BY COALESCE(r.visit_date, m.starts_on, r.validated_at) DESC, r.id DESC")
                                .rows(session);
      for (std::size_t i = 0; i < assessed.size() && i < 2; ++i) {
        const auto& row = assessed[i];
        const auto grid = stored_grid(session, row["grid_id"].get<long long>());
        const auto scores = parsed(row["scores"]);
        json side = {{"campaign_name_ar", row["campaign_name_ar"]},
                     {"campaign_name_fr", row["campaign_name_fr"]},
                     {"visit_date", row["visit_date"]},
                     {"overall", scores.value("overall", json(nullptr))},
                     {"legal_compliance", scores.value("legal_compliance", json(nullptr))},
                     {"domains", json::array()}};
        for (const auto& d : grid.domains) {
          json percent = nullptr;
          for (const auto& s : scores.value("domains", json::array()))
            if (s["code"] == d.code) percent = s["percent"];
          side["domains"].push_back(
              {{"code", d.code}, {"name_ar", d.name_ar}, {"name_fr", d.name_fr}, {"percent", percent}});
        }
        card["scores"].push_back(std::move(side));
      }
    }

    card["shortcomings"] = json::array();
    if (domain::may(caller.role, "shortcomings", domain::Action::Read))
      card["shortcomings"] = scoped_select("shortcomings", caller, ScopeUse::Read)
                                 .live()
                                 .filters(of_institution)
                                 .where("r.status IN ('open', 'in_progress')")
                                 .select(
                                     "r.domain_code, r.criterion_code, r.criterion_text_ar, r.criterion_text_fr,"
                                     " r.description, r.severity, r.status, r.raised_on",
                                     kSeverityOrder)
                                 .rows(session);

    card["actions"] = json::array();
    if (domain::may(caller.role, "actions", domain::Action::Read)) {
      auto actions = scoped_select("actions", caller, ScopeUse::Read)
                         .live()
                         .filters(of_institution)
                         .select("r.title_ar, r.title_fr, r.status, r.progress, r.due_on, r.estimated_cost_centimes, " +
                                     display_columns("actions"),
                                 " ORDER BY r.due_on, r.id")
                         .integers({"funded_centimes", "shortcomings", "needs"})
                         .rows(session);
      mark_overdue(actions);
      card["actions"] = std::move(actions);
    }

    card["grants"] = json::array();
    if (domain::may(caller.role, "grants", domain::Action::Read))
      card["grants"] = scoped_select("grants", caller, ScopeUse::Read)
                           .live()
                           .filters(of_institution)
                           .select(
                               "r.source, r.source_name, r.purpose, r.committed_centimes, r.disbursed_centimes,"
                               " r.committed_on",
                               " ORDER BY r.committed_on, r.id")
                           .rows(session);
    return card;
  });
}

Result<json> campaign_synthesis(Database& db, const Caller& caller, long long campaign_id) {
  auto synthesis = db.read([&](soci::session& session) -> Result<json> {
    const auto campaign = scoped_select("campaigns", caller, ScopeUse::Read)
                              .live()
                              .where("r.id = :id")
                              .bind("id", campaign_id)
                              .select(
                                  "r.id, r.name_ar, r.name_fr, r.starts_on, r.ends_on, r.status, r.grid_id,"
                                  " r.territory_id, t.path AS territory_path, t.name_ar AS territory_name_ar,"
                                  " t.name_fr AS territory_name_fr")
                              .first(session);
    if (!campaign) return fail(ErrorCode::NotFound);
    json result = {{"issuer", issuer_of(session, (*campaign)["territory_path"])}, {"campaign", *campaign}};
    result["campaign"].erase("territory_path");

    const auto grid = stored_grid(session, (*campaign)["grid_id"].get<long long>());
    json domains = json::array();
    std::size_t legal = 0;
    for (const auto& d : grid.domains) {
      domains.push_back({{"code", d.code},
                         {"name_ar", d.name_ar},
                         {"name_fr", d.name_fr},
                         {"weight", d.weight},
                         {"criteria", d.criteria.size()}});
      for (const auto& criterion : d.criteria) legal += criterion.legal == domain::LegalStatus::Yes ? 1 : 0;
    }
    result["grid"] = {{"code", grid.code},
                      {"name_ar", grid.name_ar},
                      {"name_fr", grid.name_fr},
                      {"grid_version", grid.version},
                      {"criteria", grid.criterion_count()},
                      {"legal_criteria", legal},
                      {"domains", domains}};

    result["institutions"] = json::array();
    std::map<std::string, std::set<long long>> failed;  // criterion → institutions scoring it below 2
    for (const auto& row : scoped_select("assessments", caller, ScopeUse::Read)
                               .live()
                               .join("JOIN categories k ON k.code = i.category")
                               .where("r.campaign_id = :id AND r.kind = 'official' AND r.status = 'validated'")
                               .bind("id", campaign_id)
                               .select("r.institution_id, r.visit_date, r.scores, i.code, i.name_ar, i.name_fr,"
                                       " k.name_ar AS category_name_ar, k.name_fr AS category_name_fr",
                                       " ORDER BY i.name_ar, i.id")
                               .rows(session)) {
      const auto scores = parsed(row["scores"]);
      json institution = {{"institution_id", row["institution_id"]},
                          {"code", row["code"]},
                          {"name_ar", row["name_ar"]},
                          {"name_fr", row["name_fr"]},
                          {"category_name_ar", row["category_name_ar"]},
                          {"category_name_fr", row["category_name_fr"]},
                          {"visit_date", row["visit_date"]},
                          {"overall", scores.value("overall", json(nullptr))},
                          {"legal_compliance", scores.value("legal_compliance", json(nullptr))},
                          {"domains", json::object()},
                          {"critical_failures", scores.value("critical_failures", json::array())},
                          {"below", json::array()}};
      for (const auto& d : scores.value("domains", json::array()))
        institution["domains"][d["code"].get<std::string>()] = d["percent"];
      for (const auto& b : scores.value("below_satisfactory", json::array())) {
        const auto code = b["criterion_code"].get<std::string>();
        const auto* criterion = grid.find_criterion(code);
        institution["below"].push_back({{"criterion_code", code},
                                        {"domain_code", b["domain_code"]},
                                        {"score", b["score"]},
                                        {"text_ar", criterion ? criterion->text_ar : ""},
                                        {"text_fr", criterion ? criterion->text_fr : ""}});
        failed[code].insert(row["institution_id"].get<long long>());
      }
      result["institutions"].push_back(std::move(institution));
    }
    auto& ranked = result["institutions"];
    std::stable_sort(ranked.begin(), ranked.end(), [](const json& a, const json& b) {
      const double left = a["overall"].is_number() ? a["overall"].get<double>() : -1;
      const double right = b["overall"].is_number() ? b["overall"].get<double>() : -1;
      return left > right;
    });

    std::vector<std::pair<std::string, std::size_t>> recurring;
    for (const auto& [code, institutions] : failed)
      if (institutions.size() >= 2) recurring.emplace_back(code, institutions.size());
    std::stable_sort(recurring.begin(), recurring.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    if (recurring.size() > 15) recurring.resize(15);
    result["recurring"] = json::array();
    for (const auto& [code, count] : recurring) {
      const auto* criterion = grid.find_criterion(code);
      const auto* domain = grid.domain_of(code);
      result["recurring"].push_back({{"criterion_code", code},
                                     {"domain_code", domain ? domain->code : ""},
                                     {"text_ar", criterion ? criterion->text_ar : ""},
                                     {"text_fr", criterion ? criterion->text_fr : ""},
                                     {"institutions", count}});
    }

    result["recommendations"] = json::array();
    if (domain::may(caller.role, "meetings", domain::Action::Read)) {
      std::map<long long, json> actions;
      if (domain::may(caller.role, "actions", domain::Action::Read))
        for (auto& row : scoped_select("actions", caller, ScopeUse::Read)
                             .live()
                             .where("r.recommendation_id IS NOT NULL")
                             .select("r.recommendation_id, r.status")
                             .rows(session))
          actions[row["recommendation_id"].get<long long>()] = row["status"];
      auto recommendations = scoped_select("recommendations", caller, ScopeUse::Read)
                                 .live()
                                 .where("m.archived_at IS NULL AND t.path LIKE :within")
                                 .bind("within", (*campaign)["territory_path"].get<std::string>() + "%");
      if ((*campaign)["starts_on"].is_string())
        recommendations.where("m.held_on >= :from").bind("from", (*campaign)["starts_on"]);
      for (auto& row : recommendations
                           .select("r.id, r.text_ar, r.text_fr, m.title_ar AS meeting_title_ar,"
                                   " m.title_fr AS meeting_title_fr, m.held_on",
                                   " ORDER BY m.held_on, m.id, r.id")
                           .rows(session)) {
        const auto found = actions.find(row["id"].get<long long>());
        row["action_status"] = found == actions.end() ? json(nullptr) : found->second;
        row.erase("id");
        result["recommendations"].push_back(std::move(row));
      }
    }
    return result;
  });
  if (!synthesis) return synthesis;
  (*synthesis)["needs"] = json{{"items", json::array()}, {"totals", {{"total_centimes", 0}}}};
  if (domain::may(caller.role, "consolidated_needs", domain::Action::Read))
    (*synthesis)["needs"] =
        consolidated_needs(db, caller, {{"territory_id", (*synthesis)["campaign"]["territory_id"]}});
  return synthesis;
}

Result<json> programme_document(Database& db, const Caller& caller, long long programme_id) {
  return db.read([&](soci::session& session) -> Result<json> {
    const auto programme = scoped_select("programmes", caller, ScopeUse::Read)
                               .live()
                               .where("r.id = :id")
                               .bind("id", programme_id)
                               .select(
                                   "r.id, r.name_ar, r.name_fr, r.starts_on, r.ends_on, r.status, r.description,"
                                   " t.path AS territory_path")
                               .first(session);
    if (!programme) return fail(ErrorCode::NotFound);
    json result = {{"issuer", issuer_of(session, (*programme)["territory_path"])}, {"programme", *programme}};
    result["programme"].erase("territory_path");
    auto actions =
        scoped_select("actions", caller, ScopeUse::Read)
            .live()
            .filters({{"programme_id", programme_id}})
            .select(
                "r.title_ar, r.title_fr, r.category, r.responsible_party, r.status, r.progress, r.starts_on, r.due_on,"
                " r.estimated_cost_centimes, " +
                    display_columns("actions"),
                " ORDER BY CASE WHEN i.name_ar IS NULL THEN 0 ELSE 1 END, i.name_ar, i.id,"
                " COALESCE(r.responsible_party, ''), r.due_on, r.id")
            .integers({"funded_centimes", "shortcomings", "needs"})
            .rows(session);
    mark_overdue(actions);
    result["actions"] = std::move(actions);
    return result;
  });
}

Result<json> comparison_document(Database& db, const Caller& caller, long long before, long long after) {
  auto comparison = compare_campaigns(db, caller, before, after);
  if (!comparison) return comparison;
  return db.read([&](soci::session& session) -> Result<json> {
    std::map<long long, std::set<std::string>> codes;
    json path;
    for (const auto id : {before, after}) {
      const auto campaign = scoped_record(session, caller, "campaigns",
                                          "r.grid_id, r.starts_on, t.path AS territory_path", id, ScopeUse::Read);
      if (!campaign) return fail(ErrorCode::InvalidReference, id == before ? "before" : "after");
      for (const auto& d : stored_grid(session, (*campaign)["grid_id"].get<long long>()).domains)
        codes[id].insert(d.code);
      (*comparison)[id == before ? "before" : "after"]["starts_on"] = (*campaign)["starts_on"];
      if (id == after) path = (*campaign)["territory_path"];
    }
    json not_comparable = json::array();
    for (const auto& d : (*comparison)["domains"]) {
      const auto code = d["code"].get<std::string>();
      if (!codes[before].contains(code) || !codes[after].contains(code)) not_comparable.push_back(code);
    }
    (*comparison)["not_comparable"] = not_comparable;
    (*comparison)["issuer"] = issuer_of(session, path);
    return *comparison;
  });
}

}  // namespace riaya::store
