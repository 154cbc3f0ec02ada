#pragma once

// Each institution's figures per school year (table indicator_sums, migration 0023), kept up to
// date in the transaction of every write that changes them, so that the indicators of many
// institutions are sums the database adds over the rows of the institutions in scope, instead of
// reading every month and every school result (issue 16's indicators at national scale,
// docs/PERFORMANCE.md). A row holds, for one institution and school year:
//  - its months summed as the indicators need them (domain::totals_of, domain/indicators.hpp);
//  - each calendar month's present and capacity (the chosen year's months, month by month);
//  - its register's school results, counted by level, sex and result.
// The formulas stay in src/domain/: a row holds only sums.

#include "domain/indicators.hpp"
#include "store/caller.hpp"
#include "store/database.hpp"
#include "store/scoped_select.hpp"

#include <soci/soci.h>
#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace riaya::store {

// Recomputes the rows of institution `institution_id` from its live monthly statistics and
// its register's live school years, then the rows of its province (and of the province it was
// summed into before, when it moved). Called by store::refresh_institution_figures, after the
// institution's row is locked (store/beneficiaries.hpp).
void refresh_indicator_sums(soci::session& session, long long institution_id);

// Sets staff.educational where it is unknown and recomputes the rows of every institution and
// province: run by store::migrate when it applies migration 0023 to a database that holds
// figures already.
void fill_indicator_sums(Database& db);

// The TableSpec::derived_columns of staff: "educational", whether its function is
// (domain::is_educational_function), so that the indicators count educators in SQL.
nlohmann::json staff_derived_columns(const nlohmann::json& values);

// The rows that hold the sums of the institutions a caller asks the indicators of: a scoped
// select and the alias of the rows' table in it.
struct IndicatorRows {
  ScopedSelect select;
  std::string alias;
};

// For a caller whose scope is a province or more and who filters by nothing but a territory of
// that rank (and the school year), the provinces' rows (indicator_province_sums), a few per
// year; else the rows of the institutions in the caller's scope that the filters
// (institution_id, association_id, category, territory_id) leave.
IndicatorRows indicator_rows(soci::session& session, const Caller& caller,
                             const std::map<std::string, nlohmann::json>& filters);

// One school year summed over rows: the institutions' totals and their school results
// (domain::SchoolResult, one per level, sex and result counted).
struct YearSums {
  domain::IndicatorTotals totals;
  std::vector<domain::SchoolResult> results;
};

// The school years ("2019-2020") of `rows`, each summed over them.
std::map<std::string, YearSums> sum_school_years(soci::session& session, const IndicatorRows& rows);

// One month of a school year summed over institutions: how many reported it, and their present
// and capacity as domain::InstitutionMonths of one month.
struct MonthSums {
  std::string month;  // "YYYY-MM"
  long long reports = 0;
  domain::InstitutionMonths sums;
};

// The months of school year `school_year` ("2019-2020") that at least one institution of
// `rows` reported, in order, each summed over them.
std::vector<MonthSums> sum_school_year_months(soci::session& session, IndicatorRows rows,
                                              const std::string& school_year);

}  // namespace riaya::store
