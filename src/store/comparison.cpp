#include "store/comparison.hpp"

#include "store/grids.hpp"
#include "store/query.hpp"
#include "store/registry_tables.hpp"
#include "store/scoped_select.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace riaya::store {
namespace {

using domain::ErrorCode;
using domain::fail;
using domain::Result;
using nlohmann::json;

// The list a criterion falls in (comparison.hpp), from its later answer (x) and its earlier one
// (y); NULL scores (not applicable, not answered, not assessed) are below nothing.
constexpr std::string_view kList =
    "CASE WHEN y.score < 2 AND x.score < 2 THEN 'persisted' WHEN y.score < 2 THEN 'resolved' ELSE 'appeared' END";

// The earlier answer's score of a row of criteria_query, which looks up only the earlier answers
// below full (y): a full or absent one is read here, for the rows shown.
constexpr std::string_view kScoreBefore =
    "CASE WHEN y.score IS NULL THEN (SELECT z.score FROM answers z WHERE z.assessment_id = p.before_id"
    " AND z.criterion_code = x.criterion_code) ELSE y.score END";

// SELECT `columns` over the criteria resolved, persisting and appeared of the institutions
// `validated` reads (the validated assessments of both campaigns, in scope), then `tail`: per
// institution its two assessments (p), then the later one's answers (x) beside the earlier
// one's (y) found by the answers' key, kept when they fall in a list. Only an earlier answer
// below full (score < 2) changes the list (kList, the WHERE): y is looked up among those alone,
// from their index (migration 0031).
Query criteria_query(const ScopedSelect& validated, const std::string& columns, const std::string& tail) {
  return validated.around(
      "SELECT " + columns + " FROM (",
      "r.institution_id, i.name_ar, i.name_fr, MAX(CASE WHEN r.campaign_id = :before THEN r.id END) AS before_id,"
      " MAX(CASE WHEN r.campaign_id = :after THEN r.id END) AS after_id",
      " GROUP BY r.institution_id, i.name_ar, i.name_fr) p JOIN answers x ON x.assessment_id = p.after_id"
      " LEFT JOIN answers y ON y.assessment_id = p.before_id AND y.criterion_code = x.criterion_code"
      " AND y.score < 2 WHERE (x.score < 2 OR (y.score < 2 AND x.score = 2))" +
          tail);
}

// " AND <column> IN (:i0, :i1, …)" over `ids`, bound to `select`.
void only_institutions(ScopedSelect& select, const std::string& column, const std::vector<long long>& ids) {
  std::string list;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    list += (i ? ", :i" : ":i") + std::to_string(i);
    select.bind("i" + std::to_string(i), ids[i]);
  }
  select.where(column + " IN (" + list + ")");
}

}  // namespace

Result<json> compare_campaigns(Database& db, const Caller& caller, long long before, long long after,
                               std::optional<ComparisonPage> page) {
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
    json domains = json::array();
    for (const auto* grid : {&grid_after, &grid_before})
      for (const auto& d : grid->domains)
        if (std::none_of(domains.begin(), domains.end(), [&](const json& known) { return known["code"] == d.code; }))
          domains.push_back({{"code", d.code}, {"name_ar", d.name_ar}, {"name_fr", d.name_fr}});

    // The validated official assessments of both campaigns in scope.
    auto validated = scoped_select("assessments", caller, ScopeUse::Read);
    validated.where("r.campaign_id IN (:before, :after) AND r.kind = 'official' AND r.status = 'validated'")
        .live()
        .bind("before", before)
        .bind("after", after);

    // The institutions (of the page), each with both sides' assessment and overall scores.
    auto by_institution = validated.select(
        "i.id AS institution_id, i.code, i.name_ar, i.name_fr,"
        " MAX(CASE WHEN r.campaign_id = :before THEN r.id END) AS before_id,"
        " MAX(CASE WHEN r.campaign_id = :after THEN r.id END) AS after_id,"
        " MAX(CASE WHEN r.campaign_id = :before THEN r.overall_percent END) AS before_overall,"
        " MAX(CASE WHEN r.campaign_id = :after THEN r.overall_percent END) AS after_overall,"
        " MAX(CASE WHEN r.campaign_id = :before THEN r.legal_compliance_percent END) AS before_legal,"
        " MAX(CASE WHEN r.campaign_id = :after THEN r.legal_compliance_percent END) AS after_legal",
        std::string(" GROUP BY i.id, i.code, i.name_ar, i.name_fr ORDER BY i.name_ar, i.id") +
            (page ? " LIMIT :limit OFFSET :offset" : ""));
    by_institution.integers({"before_id", "after_id"})
        .reals({"before_overall", "after_overall", "before_legal", "after_legal"});
    if (page)
      by_institution.bind("limit", page->page_size)
          .bind("offset", static_cast<long long>(page->page - 1) * page->page_size);
    json rows = json::array();
    std::vector<long long> ids;
    std::map<long long, std::size_t> position;  // institution → its row
    for (auto& row : by_institution.rows(session)) {
      const auto id = row["institution_id"].get<long long>();
      const auto side = [&](const char* name) {
        const std::string prefix(name);
        if (row[prefix + "_id"].is_null()) return json(nullptr);
        return json{{"overall", row[prefix + "_overall"]},
                    {"legal_compliance", row[prefix + "_legal"]},
                    {"domains", json::object()}};
      };
      json shown = {{"institution_id", id},
                    {"code", row["code"]},
                    {"name_ar", row["name_ar"]},
                    {"name_fr", row["name_fr"]},
                    {"before", side("before")},
                    {"after", side("after")},
                    {"change", {{"overall", nullptr}, {"domains", json::object()}}}};
      if (!shown["before"].is_null() && !shown["after"].is_null()) {
        const auto& then = row["before_overall"];
        const auto& now = row["after_overall"];
        if (then.is_number() && now.is_number()) shown["change"]["overall"] = now.get<double>() - then.get<double>();
        for (const auto& d : domains) shown["change"]["domains"][d["code"].get<std::string>()] = nullptr;
      }
      position[id] = rows.size();
      ids.push_back(id);
      rows.push_back(std::move(shown));
    }

    // Each side's percent per domain, and the change where both have one.
    if (!ids.empty()) {
      auto per_domain = validated;
      per_domain.join("JOIN assessment_domain_scores d ON d.assessment_id = r.id");
      if (page) only_institutions(per_domain, "r.institution_id", ids);
      auto query = per_domain.select(
          "r.institution_id, d.domain_code,"
          " MAX(CASE WHEN r.campaign_id = :before THEN 1 ELSE 0 END) AS in_before,"
          " MAX(CASE WHEN r.campaign_id = :after THEN 1 ELSE 0 END) AS in_after,"
          " MAX(CASE WHEN r.campaign_id = :before THEN d.percent END) AS before_percent,"
          " MAX(CASE WHEN r.campaign_id = :after THEN d.percent END) AS after_percent,"
          " MAX(CASE WHEN r.campaign_id = :after THEN d.percent END)"
          " - MAX(CASE WHEN r.campaign_id = :before THEN d.percent END) AS difference",
          " GROUP BY r.institution_id, d.domain_code");
      query.integers({"in_before", "in_after"}).reals({"before_percent", "after_percent", "difference"});
      query.each(session, [&](json&& cell) {
        auto& row = rows[position.at(cell["institution_id"].get<long long>())];
        const auto code = cell["domain_code"].get<std::string>();
        if (cell["in_before"] == 1) row["before"]["domains"][code] = cell["before_percent"];
        if (cell["in_after"] == 1) row["after"]["domains"][code] = cell["after_percent"];
        auto& changes = row["change"]["domains"];
        if (changes.contains(code)) changes[code] = cell["difference"];
      });
    }

    // The criteria resolved, persisting and appeared, of the institutions of the page.
    json lists = {{"resolved", json::array()}, {"persisted", json::array()}, {"appeared", json::array()}};
    if (!ids.empty()) {
      // The register's latest entry per institution and criterion, in scope.
      auto shortcomings = scoped_select("shortcomings", caller, ScopeUse::Read);
      shortcomings.where("r.criterion_code IS NOT NULL").live();
      if (page)
        only_institutions(shortcomings, "r.institution_id", ids);
      else
        shortcomings
            .where(
                "EXISTS (SELECT 1 FROM assessments a WHERE a.institution_id = r.institution_id"
                " AND a.campaign_id IN (:before, :after))")
            .bind("before", before)
            .bind("after", after);
      std::map<std::pair<long long, std::string>, json> registered;
      for (auto& row : shortcomings
                           .select("r.institution_id, r.criterion_code, MAX(r.id) AS id",
                                   " GROUP BY r.institution_id, r.criterion_code")
                           .integers({"id"})
                           .rows(session))
        registered[{row["institution_id"].get<long long>(), row["criterion_code"].get<std::string>()}] = row["id"];

      auto criteria = validated;
      if (page) only_institutions(criteria, "r.institution_id", ids);
      auto query =
          criteria_query(criteria,
                         "p.institution_id, p.name_ar AS institution_name_ar, p.name_fr AS institution_name_fr,"
                         " x.criterion_code, " +
                             std::string(kScoreBefore) + " AS score_before, x.score AS score_after, " +
                             std::string(kList) + " AS list",
                         " ORDER BY p.name_ar, p.institution_id, x.criterion_code");
      query.integers({"score_before", "score_after"});
      query.each(session, [&](json&& row) {
        const auto code = row["criterion_code"].get<std::string>();
        const auto* criterion = grid_after.find_criterion(code);
        const auto* domain = grid_after.domain_of(code);
        const auto found = registered.find({row["institution_id"].get<long long>(), code});
        row["criterion_text_ar"] = criterion ? json(criterion->text_ar) : json(nullptr);
        row["criterion_text_fr"] = criterion ? json(criterion->text_fr) : json(nullptr);
        row["domain_code"] = domain ? json(domain->code) : json(nullptr);
        row["shortcoming_id"] = found == registered.end() ? json(nullptr) : found->second;
        const auto list = row["list"].get<std::string>();
        row.erase("list");
        lists[list].push_back(std::move(row));
      });
    }

    // What every page counts: the institutions, and the criteria in each list.
    json totals = {{"resolved", 0}, {"persisted", 0}, {"appeared", 0}};
    long long total = static_cast<long long>(rows.size());
    if (page) {
      total = validated.select("COUNT(DISTINCT r.institution_id)").scalar(session);
      auto counted = criteria_query(validated, std::string(kList) + " AS list, COUNT(*) AS count", " GROUP BY 1");
      for (const auto& row : counted.integers({"count"}).rows(session))
        totals[row["list"].get<std::string>()] = row["count"];
    } else {
      for (const auto* name : {"resolved", "persisted", "appeared"}) totals[name] = lists[name].size();
    }

    const auto identity = [&](long long id) {
      return json{{"id", id}, {"name_ar", campaigns[id]["name_ar"]}, {"name_fr", campaigns[id]["name_fr"]}};
    };
    return json{{"before", identity(before)},
                {"after", identity(after)},
                {"domains", domains},
                {"institutions", rows},
                {"total", total},
                {"page", page ? json(page->page) : json(nullptr)},
                {"page_size", page ? json(page->page_size) : json(nullptr)},
                {"shortcomings", lists},
                {"shortcoming_totals", totals}};
  });
}

const Tables& comparison_tables() {
  static const auto tables =
      read_tables({"campaigns", "assessments", "assessment_domain_scores", "answers", "grids", "shortcomings"});
  return tables;
}

}  // namespace riaya::store
