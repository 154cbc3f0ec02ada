#include "api/list_params.hpp"

#include "domain/dates.hpp"
#include "domain/search_key.hpp"
#include "domain/statistics.hpp"

#include <algorithm>

namespace riaya::api {

using domain::ErrorCode;
using domain::fail;

domain::Result<long long> positive_integer(const std::string& name, const std::string& text) {
  if (text.empty() || text.size() > 15 || text.find_first_not_of("0123456789") != std::string::npos)
    return fail(ErrorCode::BadParameter, name);
  const auto value = std::stoll(text);
  if (value < 1) return fail(ErrorCode::BadParameter, name);
  return value;
}

domain::Result<bool> institution_filter(const std::string& name, const std::string& value,
                                        std::map<std::string, nlohmann::json>& filters) {
  if (name == "territory_id" || name == "association_id" || name == "institution_id" || name == "campaign_id") {
    auto id = positive_integer(name, value);
    if (!id) return std::unexpected(id.error());
    filters[name] = *id;
    return true;
  }
  if (name == "category") {
    if (value.size() > 60 || !domain::is_valid_utf8(value)) return fail(ErrorCode::BadParameter, name);
    filters[name] = value;
    return true;
  }
  return false;
}

domain::Result<store::ListRequest> parse_list_params(const domain::EntitySpec& spec,
                                                     const std::map<std::string, std::string>& query) {
  store::ListRequest request;
  for (const auto& [name, value] : query) {
    if (!domain::is_valid_utf8(value) || !domain::is_valid_utf8(name)) return fail(ErrorCode::InvalidUtf8, "");
    if (name == "page") {
      auto page = positive_integer(name, value);
      if (!page || *page > 1'000'000) return fail(ErrorCode::BadParameter, name);
      request.page = static_cast<int>(*page);
    } else if (name == "page_size") {
      auto size = positive_integer(name, value);
      if (!size || *size > 200) return fail(ErrorCode::BadParameter, name);
      request.page_size = static_cast<int>(*size);
    } else if (name == "sort") {
      if (value != "id" && std::find(spec.sortable.begin(), spec.sortable.end(), value) == spec.sortable.end())
        return fail(ErrorCode::BadParameter, name);
      request.sort = value;
    } else if (name == "order") {
      if (value != "asc" && value != "desc") return fail(ErrorCode::BadParameter, name);
      request.descending = value == "desc";
    } else if (name == "q") {
      if (value.size() > 800) return fail(ErrorCode::BadParameter, name);
      request.q = value;
    } else if (name == "archived") {
      if (value != "true" && value != "false") return fail(ErrorCode::BadParameter, name);
      request.archived = value == "true";
    } else if (std::find(spec.filters.begin(), spec.filters.end(), name) != spec.filters.end()) {
      if (value.empty()) continue;
      if (name == "expiring_within_days") {
        auto days = positive_integer(name, value);
        if (!days || *days > 3650) return fail(ErrorCode::BadParameter, name);
        request.filters[name] = domain::to_iso(domain::add_days(domain::today_utc(), static_cast<int>(*days)));
      } else if (name == "overdue") {
        if (value != "true") return fail(ErrorCode::BadParameter, name);
        request.filters[name] = domain::today_iso();  // due before today
      } else if (name == "month" || name.ends_with("_month")) {
        if (!domain::is_month(value)) return fail(ErrorCode::BadParameter, name);
        request.filters[name] = value;
      } else if (name == "exited") {
        if (value != "true" && value != "false") return fail(ErrorCode::BadParameter, name);
        request.filters[name] = value;
      } else if (name == "date_from" || name == "date_to" || name == "present_on") {
        if (!domain::parse_iso_date(value)) return fail(ErrorCode::BadParameter, name);
        request.filters[name] = value;
      } else if (name == "school_year") {
        if (!domain::school_year_months(value)) return fail(ErrorCode::BadParameter, name);
        request.filters[name] = value;
      } else if (name == "sex") {
        if (value != "f" && value != "m") return fail(ErrorCode::BadParameter, name);
        request.filters[name] = value;
      } else if (name.ends_with("_id")) {
        auto id = positive_integer(name, value);
        if (!id) return std::unexpected(id.error());
        request.filters[name] = *id;
      } else {
        if (value.size() > 60) return fail(ErrorCode::BadParameter, name);
        request.filters[name] = value;
      }
    } else {
      return fail(ErrorCode::BadParameter, name);
    }
  }
  return request;
}

}  // namespace riaya::api
