#pragma once

#include "store/caller.hpp"
#include "store/database.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>

namespace riaya::store {

// The consolidated equipment needs: the live needs of live institutions in the caller's scope,
// summed by catalogue item. `filters` are checked for shape by the caller: territory_id (the
// institutions under that territory), category (of the item), priority, status. Without a
// status, the needs not met yet (open and planned).
//
// {"items": [{"item_id", "item_code", "item_name_ar", "item_name_fr", "item_unit",
//             "item_category", "quantity", "total_centimes", "institutions", "lines",
//             "need_ids": [...], "open_need_ids": [...]}], by category, then item code
//  "totals": {"total_centimes", "institutions", "lines"}}
// quantity and total_centimes (Σ quantity × unit cost) are summed in SQL, as integers;
// institutions counts distinct institutions; open_need_ids are the needs no action plans yet
// (what POST /api/programmes/{id}/actions-from-needs takes). Two queries, whatever the size.
nlohmann::json consolidated_needs(Database& db, const Caller& caller,
                                  const std::map<std::string, nlohmann::json>& filters);

}  // namespace riaya::store
