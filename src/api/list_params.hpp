#pragma once

#include "domain/error.hpp"
#include "domain/schema.hpp"
#include "store/records.hpp"

#include <map>
#include <string>

namespace riaya::api {

// Reads a list's query parameters: page (≥ 1), page_size (1–200, default 50), sort (a
// sortable field of `spec`), order (asc|desc), q (≤ 200 characters), archived
// (true|false) and the spec's filters (ids and day counts are positive integers).
// Any other parameter, or a bad value, is a BadParameter error naming it.
domain::Result<store::ListRequest> parse_list_params(const domain::EntitySpec& spec,
                                                     const std::map<std::string, std::string>& query);

// A positive integer query value; BadParameter naming `name` otherwise.
domain::Result<long long> positive_integer(const std::string& name, const std::string& text);

// Reads `name`=`value` into `filters` when it names the institutions a figure counts:
// territory_id, association_id, institution_id or campaign_id (a positive integer), or category
// (a code: up to 60 bytes of UTF-8). Answers whether it was one of them; BadParameter naming
// it when its value is malformed. What the figures' routes (dashboard, indicators, trained
// staff) share; each refuses the ones it does not take.
domain::Result<bool> institution_filter(const std::string& name, const std::string& value,
                                        std::map<std::string, nlohmann::json>& filters);

}  // namespace riaya::api
