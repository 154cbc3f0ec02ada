#include "store/equipment.hpp"

#include "store/query.hpp"
#include "store/scoped_select.hpp"

#include <set>

namespace riaya::store {

using nlohmann::json;

json consolidated_needs(Database& db, const Caller& caller, const std::map<std::string, json>& filters) {
  auto needs = scoped_select("equipment_needs", caller, ScopeUse::Read);
  needs.live().filters(filters).where("i.archived_at IS NULL");
  if (!filters.contains("status")) needs.where("r.status <> 'met'");

  auto items = needs.select(
      "e.id AS item_id, e.code AS item_code, e.name_ar AS item_name_ar,"
      " e.name_fr AS item_name_fr, e.unit AS item_unit, e.category AS item_category,"
      " SUM(r.quantity) AS quantity,"
      " CAST(SUM(r.quantity * r.unit_cost_centimes) AS BIGINT) AS total_centimes,"
      " COUNT(DISTINCT r.institution_id) AS institutions, COUNT(*) AS lines",
      " GROUP BY e.id, e.code, e.name_ar, e.name_fr, e.unit, e.category"
      " ORDER BY e.category, e.code");
  items.integers({"quantity", "total_centimes", "institutions", "lines"});
  const auto lines = needs.select("r.id, r.item_id, r.institution_id, r.status", " ORDER BY r.item_id, r.id");

  return db.read([&](soci::session& session) {
    std::map<long long, json> ids, open_ids;
    std::set<long long> institutions;
    for (const auto& line : lines.rows(session)) {
      const auto item = line["item_id"].get<long long>();
      ids.try_emplace(item, json::array()).first->second.push_back(line["id"]);
      auto& open = open_ids.try_emplace(item, json::array()).first->second;
      if (line["status"] == "open") open.push_back(line["id"]);
      institutions.insert(line["institution_id"].get<long long>());
    }
    json result = {{"items", json::array()}};
    long long total = 0, count = 0;
    for (auto& row : items.rows(session)) {
      total += row["total_centimes"].get<long long>();
      count += row["lines"].get<long long>();
      row["need_ids"] = ids[row["item_id"].get<long long>()];
      row["open_need_ids"] = open_ids[row["item_id"].get<long long>()];
      result["items"].push_back(std::move(row));
    }
    result["totals"] = {
        {"total_centimes", total}, {"institutions", static_cast<long long>(institutions.size())}, {"lines", count}};
    return result;
  });
}

}  // namespace riaya::store
