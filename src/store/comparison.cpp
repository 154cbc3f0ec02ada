#include "store/comparison.hpp"

#include "store/grids.hpp"
#include "store/query.hpp"
#include "store/scoped_select.hpp"

#include <algorithm>
#include <map>
#include <optional>

namespace riaya::store {
namespace {

using domain::ErrorCode;
using domain::fail;
using domain::Result;
using nlohmann::json;

// One institution's validated assessment in a campaign: its stored scores and its answers
// (criterion code → score, nullopt for not applicable).
struct Assessed {  // NOLINT(bugprone-exception-escape): holds a json (.clang-tidy)
  json institution;
  json scores;
  std::map<std::string, std::optional<int>> answers;
};

json side(const Assessed* assessed) {
  if (!assessed) return nullptr;
  json domains = json::object();
  for (const auto& d : assessed->scores["domains"]) domains[d["code"].get<std::string>()] = d["percent"];
  return {{"overall", assessed->scores["overall"]},
          {"legal_compliance", assessed->scores["legal_compliance"]},
          {"domains", domains}};
}

json difference(const json& before, const json& after) {
  if (!before.is_number() || !after.is_number()) return nullptr;
  return after.get<double>() - before.get<double>();
}

}  // namespace

Result<json> compare_campaigns(Database& db, const Caller& caller, long long before, long long after) {
  if (before == after) return fail(ErrorCode::InvalidValue, "after");
  return db.read([&](soci::session& session) -> Result<json> {
    std::map<long long, json> campaigns;
    for (const auto& [field, id] : {std::pair{"before", before}, std::pair{"after", after}}) {
      auto row =
          scoped_record(session, caller, "campaigns", "r.id, r.name_ar, r.name_fr, r.grid_id", id, ScopeUse::Read);
      if (!row) return fail(ErrorCode::InvalidReference, field);
      campaigns[id] = std::move(*row);
    }
    const auto grid_before = stored_grid(session, campaigns[before]["grid_id"].get<long long>());
    const auto grid_after = stored_grid(session, campaigns[after]["grid_id"].get<long long>());

    // The validated official assessments of both campaigns in scope, then their answers.
    auto validated = scoped_select("assessments", caller, ScopeUse::Read);
    validated.where("r.campaign_id IN (:before, :after) AND r.kind = 'official' AND r.status = 'validated'")
        .live()
        .bind("before", before)
        .bind("after", after);
    const auto assessments = validated.select(
        "r.id, r.campaign_id, r.institution_id, r.scores, i.code, i.name_ar, i.name_fr", " ORDER BY i.name_ar, i.id");
    const auto answers = validated.around(
        "SELECT x.assessment_id AS id, x.criterion_code, x.score FROM answers x"
        " WHERE x.assessment_id IN (",
        "r.id", ")");
    std::map<long long, Assessed> by_assessment;
    std::vector<long long> institutions;                                 // in the order of the list
    std::map<long long, std::map<long long, Assessed*>> by_institution;  // institution → campaign → assessment
    for (auto& row : assessments.rows(session)) {
      auto& assessed = by_assessment[row["id"].get<long long>()];
      assessed.institution = {{"institution_id", row["institution_id"]},
                              {"code", row["code"]},
                              {"name_ar", row["name_ar"]},
                              {"name_fr", row["name_fr"]}};
      assessed.scores = row["scores"].is_string() ? json::parse(row["scores"].get<std::string>()) : json::object();
      const auto institution = row["institution_id"].get<long long>();
      if (!by_institution.contains(institution)) institutions.push_back(institution);
      by_institution[institution][row["campaign_id"].get<long long>()] = &assessed;
    }
    for (const auto& row : answers.rows(session))
      by_assessment[row["id"].get<long long>()].answers[row["criterion_code"].get<std::string>()] =
          row["score"].is_null() ? std::nullopt : std::optional<int>(row["score"].get<int>());

    // The register's latest entry per institution and criterion.
    std::map<std::pair<long long, std::string>, long long> registered;
    if (!institutions.empty()) {
      // Those in scope of the institutions assessed in either campaign.
      const auto shortcomings = scoped_select("shortcomings", caller, ScopeUse::Read)
                                    .where("r.criterion_code IS NOT NULL")
                                    .live()
                                    .where(
                                        "EXISTS (SELECT 1 FROM assessments a WHERE a.institution_id = r.institution_id"
                                        " AND a.campaign_id IN (:before, :after))")
                                    .bind("before", before)
                                    .bind("after", after)
                                    .select("r.id, r.institution_id, r.criterion_code", " ORDER BY r.id");
      for (const auto& row : shortcomings.rows(session))
        registered[{row["institution_id"].get<long long>(), row["criterion_code"].get<std::string>()}] =
            row["id"].get<long long>();
    }

    json domains = json::array();
    for (const auto* grid : {&grid_after, &grid_before})
      for (const auto& d : grid->domains)
        if (std::none_of(domains.begin(), domains.end(), [&](const json& known) { return known["code"] == d.code; }))
          domains.push_back({{"code", d.code}, {"name_ar", d.name_ar}, {"name_fr", d.name_fr}});

    json rows = json::array();
    json resolved = json::array(), persisted = json::array(), appeared = json::array();
    for (const auto institution : institutions) {
      const auto& assessed = by_institution[institution];
      const Assessed* then = assessed.contains(before) ? assessed.at(before) : nullptr;
      const Assessed* now = assessed.contains(after) ? assessed.at(after) : nullptr;
      const auto& identity = (then ? then : now)->institution;
      json row = identity;
      row["before"] = side(then);
      row["after"] = side(now);
      json change = {{"overall", nullptr}, {"domains", json::object()}};
      if (then && now) {
        change["overall"] = difference(row["before"]["overall"], row["after"]["overall"]);
        for (const auto& d : domains) {
          const auto code = d["code"].get<std::string>();
          change["domains"][code] = difference(row["before"]["domains"].value(code, json(nullptr)),
                                               row["after"]["domains"].value(code, json(nullptr)));
        }
      }
      row["change"] = change;
      rows.push_back(std::move(row));
      if (!now) continue;

      for (const auto& [code, score_after] : now->answers) {
        std::optional<int> score_before;
        bool below_before = false;
        if (then && then->answers.contains(code)) {
          score_before = then->answers.at(code);
          below_before = score_before && *score_before < 2;
        }
        const bool below_after = score_after && *score_after < 2;
        json* list = nullptr;
        if (below_before && below_after)
          list = &persisted;
        else if (below_before && score_after == 2)
          list = &resolved;
        else if (!below_before && below_after)
          list = &appeared;
        if (!list) continue;
        const auto* criterion = grid_after.find_criterion(code);
        const auto* domain = grid_after.domain_of(code);
        const auto key = std::pair{institution, code};
        list->push_back({{"institution_id", institution},
                         {"institution_name_ar", identity["name_ar"]},
                         {"institution_name_fr", identity["name_fr"]},
                         {"criterion_code", code},
                         {"criterion_text_ar", criterion ? json(criterion->text_ar) : json(nullptr)},
                         {"criterion_text_fr", criterion ? json(criterion->text_fr) : json(nullptr)},
                         {"domain_code", domain ? json(domain->code) : json(nullptr)},
                         {"score_before", score_before ? json(*score_before) : json(nullptr)},
                         {"score_after", score_after ? json(*score_after) : json(nullptr)},
                         {"shortcoming_id", registered.contains(key) ? json(registered[key]) : json(nullptr)}});
      }
    }
    const auto identity = [&](long long id) {
      return json{{"id", id}, {"name_ar", campaigns[id]["name_ar"]}, {"name_fr", campaigns[id]["name_fr"]}};
    };
    return json{{"before", identity(before)},
                {"after", identity(after)},
                {"domains", domains},
                {"institutions", rows},
                {"shortcomings", {{"resolved", resolved}, {"persisted", persisted}, {"appeared", appeared}}}};
  });
}

}  // namespace riaya::store
