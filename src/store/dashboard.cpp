#include "store/dashboard.hpp"

#include "domain/dates.hpp"
#include "domain/money.hpp"
#include "store/audit.hpp"
#include "store/grids.hpp"
#include "store/query.hpp"
#include "store/scoped_select.hpp"
#include "store/statistics.hpp"
#include "store/trainings.hpp"

#include <algorithm>
#include <cmath>
#include <future>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace riaya::store {
namespace {

using domain::ErrorCode;
using domain::fail;
using nlohmann::json;

using Filters = std::map<std::string, json>;

// The live records of `resource` in the caller's scope, limited by the named filters of its
// table spec that `filters` gives.
ScopedSelect scoped(std::string_view resource, const Caller& caller, const Filters& filters = {}) {
  auto select = scoped_select(resource, caller, ScopeUse::Read);
  select.live().filters(filters);
  return select;
}

// A figure of data Riaya does not hold: no monthly statistics in the filters, or no school
// result in the individual registers.
json missing() { return {{"state", "missing"}}; }

// The success tile from the indicators' answer: the school results of the registers (success,
// repetition and dropout rates in all, by sex and by level) of its school year, with the trend
// of the success rate; missing when no result was counted.
json success_tile(const json& indicators) {
  const auto& year = indicators["current"];
  if (year.is_null() || year["school_results"]["all"]["counted"].get<long long>() == 0) return missing();
  const auto& results = year["school_results"];
  json trend = json::array();
  for (const auto& row : indicators["trend"])
    if (row["school_results"]["all"]["counted"].get<long long>() > 0)
      trend.push_back({{"school_year", row["school_year"]},
                       {"rate", row["school_results"]["all"]["success_rate"]},
                       {"f", row["school_results"]["f"]["success_rate"]},
                       {"m", row["school_results"]["m"]["success_rate"]}});
  return {{"school_year", indicators["school_year"]},
          {"counted", results["all"]["counted"]},
          {"rate", results["all"]["success_rate"]},
          {"f", results["f"]["success_rate"]},
          {"m", results["m"]["success_rate"]},
          {"repetition_rate", results["all"]["repetition_rate"]},
          {"dropout_rate", results["all"]["dropout_rate"]},
          {"by_level", results["by_level"]},
          {"trend", std::move(trend)}};
}

// The performance record's tiles from the indicators' answer: occupancy, beneficiaries by sex
// and dropout (with its trend) of its school year, or missing when no month was reported; the
// school results of the registers.
void performance_tiles(json& result, const json& indicators) {
  result["success_rate"] = success_tile(indicators);
  const auto& year = indicators["current"];
  if (year.is_null() || year["reports"].get<long long>() == 0) {
    result["occupancy"] = result["beneficiaries_by_sex"] = result["dropout_rate"] = missing();
    return;
  }
  const auto& school_year = indicators["school_year"];
  result["occupancy"] = {{"school_year", school_year},
                         {"rate", year["occupancy_rate"]},
                         {"institutions", year["institutions"]},
                         {"reports", year["reports"]},
                         {"average_present", year["average_present"]}};
  result["beneficiaries_by_sex"] = {{"school_year", school_year},
                                    {"f", year["average_present_f"]},
                                    {"m", year["average_present_m"]},
                                    {"by_level", year["average_present_by_level"]}};
  json trend = json::array();
  for (const auto& row : indicators["trend"])
    trend.push_back({{"school_year", row["school_year"]},
                     {"rate", row["dropout_rate"]},
                     {"f", row["dropout_rate_f"]},
                     {"m", row["dropout_rate_m"]}});
  result["dropout_rate"] = {{"school_year", school_year},
                            {"rate", year["dropout_rate"]},
                            {"f", year["dropout_rate_f"]},
                            {"m", year["dropout_rate_m"]},
                            {"trend", std::move(trend)}};
}

double one_decimal(double value) { return std::round(value * 10.0) / 10.0; }

// The filter's references, each in the caller's reach; the error names the first that is not.
domain::Result<void> check_filter(soci::session& session, const Caller& caller, const DashboardFilter& filter) {
  if (filter.territory_id) {
    const auto territory =
        scoped_record(session, caller, "territories", "r.path", *filter.territory_id, ScopeUse::Read);
    if (!territory) return fail(ErrorCode::InvalidReference, "territory_id");
    // Within the caller's territory, or above it (which then limits nothing).
    const auto& area = caller.territory_path ? caller.territory_path : caller.area_path;
    const auto path = (*territory)["path"].get<std::string>();
    if (area && !path.starts_with(*area) && !area->starts_with(path))
      return fail(ErrorCode::InvalidReference, "territory_id");
  }
  if (!filter.category.empty() && !scoped_select("categories", caller, ScopeUse::Read)
                                       .where("r.code = :code")
                                       .bind("code", filter.category)
                                       .select("r.id")
                                       .first(session))
    return fail(ErrorCode::InvalidReference, "category");
  if (filter.association_id &&
      !scoped_record(session, caller, "associations", "r.id", *filter.association_id, ScopeUse::Read))
    return fail(ErrorCode::InvalidReference, "association_id");
  if (filter.campaign_id && !scoped_record(session, caller, "campaigns", "r.id", *filter.campaign_id, ScopeUse::Read))
    return fail(ErrorCode::InvalidReference, "campaign_id");
  return {};
}

// The campaigns with validated official assessments of the filtered institutions, latest first:
// those the scores tile may show. One EXISTS per campaign (a campaign's assessments are found by
// its index), not a count over every assessment in scope.
json scored_campaigns(soci::session& session, const Caller& caller, const Filters& filters) {
  json campaigns = json::array();
  for (auto& row : scoped("assessments", caller, filters)
                       .around("SELECT x.id, x.name_ar, x.name_fr, x.starts_on, x.grid_id FROM campaigns x"
                               " WHERE x.archived_at IS NULL AND EXISTS (",
                               "1",
                               " AND r.campaign_id = x.id AND r.kind = 'official' AND r.status = 'validated')"
                               " ORDER BY x.starts_on DESC, x.id DESC")
                       .rows(session))
    campaigns.push_back(std::move(row));
  return campaigns;
}

// The validated official assessments of `campaign` (a row of scored_campaigns) among the
// filtered records in the caller's scope.
ScopedSelect validated_of(const Caller& caller, const Filters& filters, const json& campaign) {
  auto select = scoped("assessments", caller, filters);
  select.where("r.kind = 'official' AND r.status = 'validated' AND r.campaign_id = :campaign")
      .bind("campaign", campaign["id"]);
  return select;
}

// A sum of percents and how many were read.
using PercentSum = std::pair<double, long long>;

// What the heat map's rows add up to: the overall percents, and per domain of the grid (in grid
// order) its percents.
struct ScoreSums {
  PercentSum overall;
  std::vector<PercentSum> domains;
};

// The mean of a domain's percents (one decimal), or null when none was read.
json mean_of(const PercentSum& sum) {
  return sum.second > 0 ? json(one_decimal(sum.first / static_cast<double>(sum.second))) : json(nullptr);
}

// One column per domain of `grid` on the assessments of `select` (alias r), d0, d1, … in grid
// order: the domain's percent, read from the rows stored beside the assessment's scores at
// validation (migration 0027), in grid order too: each row is found by the table's whole key
// (assessment, position), its code checked. Binds the domains' positions and codes.
std::string domain_columns(ScopedSelect& select, const domain::Grid& grid) {
  std::string columns;
  for (std::size_t i = 0; i < grid.domains.size(); ++i) {
    const auto name = "d" + std::to_string(i);
    columns +=
        ", (SELECT x.percent FROM assessment_domain_scores x WHERE x.assessment_id = r.id AND x.position = :" + name +
        "_position AND x.domain_code = :" + name + ") AS " + name;
    select.bind(name, grid.domains[i].code).bind(name + "_position", static_cast<long long>(i));
  }
  return columns;
}

// Adds `count` percents summing to `sum` to `total`.
void add(PercentSum& total, double sum, long long count) {
  total.first += sum;
  total.second += count;
}

// The heat map with a row per assessment ({"assessment_id", "institution_id", "institution_code",
// "institution_name_ar", "institution_name_fr", "overall", "domains": {code: percent}}), by
// institution code; adds its percents to `sums`.
json heat_map_by_assessment(soci::session& session, ScopedSelect select, const domain::Grid& grid, ScoreSums& sums) {
  const auto columns =
      "r.id AS assessment_id, r.institution_id, i.code AS institution_code, i.name_ar AS institution_name_ar,"
      " i.name_fr AS institution_name_fr, r.overall_percent AS overall" +
      domain_columns(select, grid);
  std::vector<std::string> percents{"overall"};
  for (std::size_t i = 0; i < grid.domains.size(); ++i) percents.push_back("d" + std::to_string(i));
  json heat_map = json::array();
  auto rows = select.select(columns, " ORDER BY i.code, r.id");
  rows.reals(percents);
  rows.each(session, [&](json&& row) {
    if (row["overall"].is_number()) add(sums.overall, row["overall"].get<double>(), 1);
    json cells = json::object();
    for (std::size_t i = 0; i < grid.domains.size(); ++i) {
      const auto name = "d" + std::to_string(i);
      auto& percent = row[name];
      if (percent.is_number()) add(sums.domains[i], percent.get<double>(), 1);
      cells[grid.domains[i].code] = std::move(percent);
      row.erase(name);
    }
    row["domains"] = std::move(cells);
    heat_map.push_back(std::move(row));
  });
  return heat_map;
}

// The heat map with a row per province ({"territory_id", "territory_code", "territory_name_ar",
// "territory_name_fr", "assessments", "overall", "domains": {code: mean}}), by province code:
// each figure the mean over the province's assessments (one decimal), summed by the database in
// one statement over the assessments read once (materialized): a row per province with its
// overall percents, then a row per province and domain of the assessments' stored domain rows
// (walked by assessment from an index that holds the percent, migration 0031; a row whose
// position and code are not the grid's is not counted, as domain_columns does); adds its sums
// to `sums`.
json heat_map_by_province(soci::session& session, const ScopedSelect& select, const domain::Grid& grid,
                          ScoreSums& sums) {
  struct Province {
    json shown;
    PercentSum overall;
    std::vector<PercentSum> domains;
  };
  std::map<long long, Province> by_id;  // the rows of a province and of its domains, in any order
  const auto sum_of = [](const json& row) {
    const auto& sum = row["percent_sum"];
    return PercentSum{sum.is_number() ? sum.get<double>() : 0.0, row["percent_count"].get<long long>()};
  };
  select
      .around("WITH t AS MATERIALIZED (",
              "c.parent_id AS province_id, r.id AS assessment_id, r.overall_percent AS overall",
              ") SELECT p.id AS territory_id, p.code AS territory_code, p.name_ar AS territory_name_ar,"
              " p.name_fr AS territory_name_fr, COUNT(*) AS assessments, SUM(t.overall) AS percent_sum,"
              " COUNT(t.overall) AS percent_count, NULL AS position, NULL AS domain_code"
              " FROM t JOIN territories p ON p.id = t.province_id GROUP BY p.id, p.code, p.name_ar, p.name_fr"
              " UNION ALL SELECT t.province_id, NULL, NULL, NULL, NULL, SUM(x.percent), COUNT(x.percent),"
              " x.position, x.domain_code FROM t JOIN assessment_domain_scores x ON x.assessment_id = t.assessment_id"
              " GROUP BY t.province_id, x.position, x.domain_code")
      .integers({"territory_id", "assessments", "percent_count", "position"})
      .reals({"percent_sum"})
      .each(session, [&](json&& row) {
        auto& province = by_id[row["territory_id"].get<long long>()];
        if (province.domains.empty()) province.domains.resize(grid.domains.size());
        if (row["position"].is_null()) {
          province.shown = {{"territory_id", row["territory_id"]},
                            {"territory_code", row["territory_code"]},
                            {"territory_name_ar", row["territory_name_ar"]},
                            {"territory_name_fr", row["territory_name_fr"]},
                            {"assessments", row["assessments"]}};
          province.overall = sum_of(row);
          return;
        }
        const auto position = row["position"].get<long long>();
        const auto sum = sum_of(row);
        if (position >= 0 && static_cast<std::size_t>(position) < grid.domains.size() &&
            grid.domains[static_cast<std::size_t>(position)].code == row["domain_code"].get<std::string>())
          add(province.domains[static_cast<std::size_t>(position)], sum.first, sum.second);
      });
  std::vector<Province> provinces;
  for (auto& entry : by_id)
    if (!entry.second.shown.is_null()) provinces.push_back(std::move(entry.second));
  std::sort(provinces.begin(), provinces.end(), [](const Province& a, const Province& b) {
    return a.shown["territory_code"].get<std::string>() < b.shown["territory_code"].get<std::string>();
  });
  json heat_map = json::array();
  for (auto& province : provinces) {
    add(sums.overall, province.overall.first, province.overall.second);
    province.shown["overall"] = mean_of(province.overall);
    province.shown["domains"] = json::object();
    for (std::size_t i = 0; i < grid.domains.size(); ++i) {
      add(sums.domains[i], province.domains[i].first, province.domains[i].second);
      province.shown["domains"][grid.domains[i].code] = mean_of(province.domains[i]);
    }
    heat_map.push_back(std::move(province.shown));
  }
  return heat_map;
}

// The scores tile of `campaign` (a row of scored_campaigns, or null): the mean per domain of the
// validated official assessments, their mean overall percent, and the heat map, by assessment or
// (`by_province`) by province; "heat_map_by" says which, "assessments" counts them.
json scores_tile(soci::session& session, const Caller& caller, const Filters& filters, const json& campaign,
                 bool by_province) {
  const char* by = by_province ? "province" : "assessment";
  if (campaign.is_null())
    return {{"campaign", nullptr}, {"domains", json::array()}, {"heat_map_by", by},
            {"assessments", 0},    {"overall", nullptr},       {"heat_map", json::array()}};
  const auto grid = stored_grid(session, campaign["grid_id"].get<long long>());
  ScoreSums sums{{0.0, 0}, std::vector<PercentSum>(grid.domains.size())};
  auto select = validated_of(caller, filters, campaign);
  auto heat_map = by_province ? heat_map_by_province(session, select, grid, sums)
                              : heat_map_by_assessment(session, std::move(select), grid, sums);
  long long assessments = 0;
  for (const auto& row : heat_map) assessments += by_province ? row["assessments"].get<long long>() : 1;
  json domains = json::array();
  for (std::size_t i = 0; i < grid.domains.size(); ++i) {
    const auto& domain = grid.domains[i];
    domains.push_back({{"code", domain.code},
                       {"name_ar", domain.name_ar},
                       {"name_fr", domain.name_fr},
                       {"mean", mean_of(sums.domains[i])},
                       {"assessments", sums.domains[i].second}});
  }
  json shown = campaign;
  shown.erase("grid_id");
  return {{"campaign", shown},
          {"domains", domains},
          {"heat_map_by", by},
          {"assessments", assessments},
          {"overall", mean_of(sums.overall)},
          {"heat_map", std::move(heat_map)}};
}

// Whether the heat map has a row per province rather than per assessment: when the dashboard
// covers a region or the whole country (the caller's territory or, deeper, the filter's) and no
// association — thousands of rows nobody reads at once; a province row drills down to it.
bool province_rows_wanted(soci::session& session, const Caller& caller, const DashboardFilter& filter) {
  if (caller.association_id || filter.association_id || !caller.territory_path) return false;
  std::string area = *caller.territory_path;
  if (filter.territory_id) {
    const auto path =
        Query("SELECT path FROM territories WHERE id = :id").bind("id", *filter.territory_id).first(session);
    if (path && (*path)["path"].get<std::string>().size() > area.size()) area = (*path)["path"].get<std::string>();
  }
  return Query("SELECT COUNT(*) FROM territories WHERE path = :path AND level IN ('country', 'region')")
             .bind("path", area)
             .scalar(session) > 0;
}

// Open shortcomings (open or in progress) by domain and severity.
json shortcomings_tile(soci::session& session, const Caller& caller, const Filters& records) {
  json shortcomings = json::array();
  long long open = 0, in_progress = 0;
  for (auto& row : scoped("shortcomings", caller, records)
                       .lean()
                       .where("r.status IN ('open', 'in_progress')")
                       .select("r.domain_code, r.severity,"
                               " SUM(CASE WHEN r.status = 'open' THEN 1 ELSE 0 END) AS open,"
                               " SUM(CASE WHEN r.status = 'in_progress' THEN 1 ELSE 0 END) AS in_progress",
                               " GROUP BY r.domain_code, r.severity ORDER BY r.domain_code, r.severity")
                       .integers({"open", "in_progress"})
                       .rows(session)) {
    open += row["open"].get<long long>();
    in_progress += row["in_progress"].get<long long>();
    shortcomings.push_back(std::move(row));
  }
  return {{"items", shortcomings}, {"open", open}, {"in_progress", in_progress}};
}

// The staff's tiles: their total (`totals.staff`) and those trained in the last 12 months, as
// GET /api/trained_staff counts them.
json staff_tiles(soci::session& session, const Caller& caller, const Filters& records, const Filters& institutions,
                 domain::Date today) {
  json result = json::object();
  if (domain::may(caller.role, "staff", domain::Action::Read))
    result["totals"]["staff"] = scoped("staff", caller, records).lean().count().scalar(session);
  if (domain::may(caller.role, "trained_staff", domain::Action::Read))
    result["trained_staff"] = trained_staff_totals(session, caller, today, institutions);
  return result;
}

// The follow-up's tiles: the programme's progress, funding, expiring documents, the latest
// changes. `limit`: the last day of expiry shown.
json follow_up_tiles(soci::session& session, const Caller& caller, const DashboardFilter& filter,
                     const Filters& records, domain::Date today, const std::string& limit) {
  json result;
  // Programme progress: actions by status, and those overdue (domain::overdue_sql).
  json progress = {{"planned", 0}, {"ongoing", 0}, {"done", 0}, {"cancelled", 0}, {"overdue", 0}};
  for (const auto& row : scoped("actions", caller, records)
                             .lean()
                             .select("r.status, COUNT(*) AS count, SUM(CASE WHEN " + domain::overdue_sql("r", "today") +
                                         " THEN 1 ELSE 0 END) AS overdue",
                                     " GROUP BY r.status")
                             .bind("today", domain::to_iso(today))
                             .integers({"count", "overdue"})
                             .rows(session)) {
    progress[row["status"].get<std::string>()] = row["count"];
    progress["overdue"] = progress["overdue"].get<long long>() + row["overdue"].get<long long>();
  }
  result["programme"] = progress;

  // Funding by source and year of commitment.
  auto grants_filters = records;
  if (filter.year) grants_filters["year"] = std::to_string(*filter.year);
  json funding = json::array();
  long long committed = 0, disbursed = 0;
  for (auto& row : scoped("grants", caller, grants_filters)
                       .lean()
                       .select("r.source, substr(r.committed_on, 1, 4) AS year, COUNT(*) AS grants,"
                               " SUM(r.committed_centimes) AS committed_centimes,"
                               " SUM(r.disbursed_centimes) AS disbursed_centimes",
                               " GROUP BY r.source, substr(r.committed_on, 1, 4) ORDER BY 2, 1")
                       .integers({"grants", "committed_centimes", "disbursed_centimes"})
                       .rows(session)) {
    row["gap_centimes"] = row["committed_centimes"].get<long long>() - row["disbursed_centimes"].get<long long>();
    committed += row["committed_centimes"].get<long long>();
    disbursed += row["disbursed_centimes"].get<long long>();
    funding.push_back(std::move(row));
  }
  result["funding"] = {{"items", funding},
                       {"committed_centimes", committed},
                       {"disbursed_centimes", disbursed},
                       {"gap_centimes", committed - disbursed}};

  if (domain::may(caller.role, "documents", domain::Action::Read)) {
    json expiring = json::array();
    for (auto& row : scoped("documents", caller)
                         .select("r.id, r.association_id, r.kind, r.reference, r.expires_on,"
                                 " a.name_ar AS association_name_ar, a.name_fr AS association_name_fr",
                                 " AND r.expires_on IS NOT NULL AND r.expires_on <= :limit"
                                 " ORDER BY r.expires_on LIMIT 20")
                         .bind("limit", limit)
                         .rows(session))
      expiring.push_back(std::move(row));
    result["expiring_documents"] = expiring;
  }
  if (domain::may(caller.role, "audit", domain::Action::Read))
    result["latest_changes"] = list_audit(
        session, caller, {.record_changes_only = true, .with_total = false, .page = 1, .page_size = 10})["items"];
  return result;
}

}  // namespace

domain::Result<json> dashboard(Database& db, const Caller& caller, const DashboardFilter& filter,
                               std::string_view today_iso, int expiry_window_days) {
  const auto today = domain::parse_iso_date(today_iso).value_or(domain::today_utc());
  const auto limit = domain::to_iso(domain::add_days(today, expiry_window_days));
  // The filters as the lists name them: `category` is the institutions' own column, and
  // `institution_category` on the records of an institution.
  Filters institutions, records;
  if (filter.territory_id) institutions["territory_id"] = records["territory_id"] = *filter.territory_id;
  if (filter.association_id) institutions["association_id"] = records["association_id"] = *filter.association_id;
  if (!filter.category.empty()) {
    institutions["category"] = filter.category;
    records["institution_category"] = filter.category;
  }
  // The staff's tiles and the follow-up's are read on another pooled connection while this one
  // reads the rest (the registry's totals, the indicators, the scores and heat map, the open
  // shortcomings): the country's dashboard took 55–82 ms on PostgreSQL and 44–49 ms on SQLite
  // one statement after the other (docs/PERFORMANCE.md; a third connection made SQLite's slowest
  // runs slower). Each statement sees the data as committed when it starts, on one connection as
  // on two (a read is no transaction: Database::read). This connection is given back before the
  // other is waited for, so a full pool only delays. The tables read on the other thread are added
  // to this thread's ReadTables (the API tests' check of a cached answer).
  const bool gathering = ReadTables::active();
  std::vector<std::string> side_tables;
  auto side = std::async(std::launch::async, [&] {
    std::optional<ReadTables> read;
    if (gathering) read.emplace();
    auto tiles = db.read([&](soci::session& session) {
      auto staff = staff_tiles(session, caller, records, institutions, today);
      staff.update(follow_up_tiles(session, caller, filter, records, today, limit));
      return staff;
    });
    if (read) side_tables = read->tables;
    return tiles;
  });
  auto answer = db.read([&](soci::session& session) -> domain::Result<json> {
    if (auto ok = check_filter(session, caller, filter); !ok) return std::unexpected(ok.error());
    json result;
    json categories = json::array();
    for (auto& row : scoped("institutions", caller, institutions)
                         .select("r.category, k.name_ar, k.name_fr, k.name_en, COUNT(*) AS count,"
                                 " COALESCE(SUM(r.capacity), 0) AS capacity",
                                 " GROUP BY r.category, k.name_ar, k.name_fr, k.name_en ORDER BY r.category")
                         .integers({"count", "capacity"})
                         .rows(session))
      categories.push_back(std::move(row));
    result["institutions_by_category"] = categories;
    long long count = 0, capacity = 0;
    for (const auto& row : categories) {
      count += row["count"].get<long long>();
      capacity += row["capacity"].get<long long>();
    }
    auto associations = scoped("associations", caller, institutions);
    if (filter.association_id)
      associations.where("r.id = :association_id").bind("association_id", *filter.association_id);
    result["totals"] = {
        {"institutions", count}, {"capacity", capacity}, {"associations", associations.lean().count().scalar(session)}};
    // The indicators of the same institutions; for `year`, of the school year that starts in it
    // (the campaign of September 2018 belongs to 2018-2019).
    auto performance = institutions;
    if (filter.year) performance["school_year"] = std::to_string(*filter.year) + "-" + std::to_string(*filter.year + 1);
    performance_tiles(result, indicators(session, caller, performance));

    // Scores and heat map: the campaign asked for, or the latest scored one (of `year`).
    const auto campaigns = scored_campaigns(session, caller, records);
    json campaign = nullptr;
    for (const auto& row : campaigns) {
      const auto starts = row["starts_on"].is_string() ? row["starts_on"].get<std::string>() : std::string();
      if (filter.campaign_id ? row["id"] == *filter.campaign_id
                             : !filter.year || starts.starts_with(std::to_string(*filter.year))) {
        campaign = row;
        break;
      }
    }
    json listed = json::array();
    for (auto row : campaigns) {
      row.erase("grid_id");
      listed.push_back(std::move(row));
    }
    result["campaigns"] = listed;
    result["scores"] = scores_tile(session, caller, records, campaign, province_rows_wanted(session, caller, filter));
    result["shortcomings"] = shortcomings_tile(session, caller, records);
    return result;
  });
  // A filter refused by check_filter drops the other connection's tiles, read in the caller's
  // scope all the same, and whatever went wrong with them: the answer is the refusal.
  if (!answer) {
    side.wait();
    return answer;
  }
  answer->update(side.get(), true);
  for (const auto& table : side_tables) ReadTables::add(table);
  auto& result = answer;
  (*result)["filters"] = {{"territory_id", filter.territory_id ? json(*filter.territory_id) : json(nullptr)},
                          {"category", filter.category.empty() ? json(nullptr) : json(filter.category)},
                          {"association_id", filter.association_id ? json(*filter.association_id) : json(nullptr)},
                          {"campaign_id", filter.campaign_id ? json(*filter.campaign_id) : json(nullptr)},
                          {"year", filter.year ? json(*filter.year) : json(nullptr)}};
  return answer;
}

}  // namespace riaya::store
