#pragma once

// The DHIS2 data value set as a file (issue 17), for GET /api/dhis2/data-value-set and
// `riaya export dhis2`.

#include "api/routes.hpp"
#include "domain/error.hpp"
#include "store/caller.hpp"
#include "store/database.hpp"

#include <map>
#include <string>

namespace riaya::api {

struct Dhis2File {
  std::string content_type;  // "application/json" or "text/csv; charset=utf-8"
  std::string name;          // "dhis2-2019-MA-BOD.json"
  std::string bytes;
};

// The data value set (store::dhis2_export) of the parameters `query`: period (required, yearly:
// "2019"), territory_id (an id; default the caller's territory), format ("json", the default, or
// "csv"). Errors: Required on "period"; BadParameter naming a malformed or unknown parameter
// (a monthly period included); those of store::dhis2_export.
// The routes of the DHIS2 mapping and export, registered by api.cpp with the other areas'.
std::vector<Route> dhis2_routes();

domain::Result<Dhis2File> dhis2_file(store::Database& db, const store::Caller& caller,
                                     const std::map<std::string, std::string>& query);

}  // namespace riaya::api
