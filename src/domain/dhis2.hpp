#pragma once

// DHIS2 interop (issue 17): the identifiers DHIS2 gives its metadata, the indicators Riaya sends,
// the periods it sends them for, and the data value set in DHIS2's JSON and CSV forms. Plain
// rules; the mapping is stored by store/dhis2.hpp and the figures come from the dashboard.

#include "domain/error.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace riaya::domain {

// Whether `text` is a DHIS2 UID: exactly 11 characters, a letter first, then letters and digits
// (ASCII; DHIS2's CodeGenerator alphabet).
bool is_dhis2_uid(std::string_view text);

// The indicators Riaya sends to DHIS2, in the order a data value set lists them. Each is a
// figure of the dashboard (store/dashboard.hpp) for a territory and a year; docs/API.md, "DHIS2",
// says which. Counts are whole numbers; rates and scores are percentages with one decimal.
inline constexpr std::array<std::string_view, 21> kDhis2Indicators = {
    "institutions",              // institutions in the territory (now)
    "capacity",                  // their authorised capacity (now)
    "beneficiaries_f",           // average present, girls and women, of the school year
    "beneficiaries_m",           // average present, boys and men, of the school year
    "occupancy_rate",            // occupancy rate of the school year, %
    "dropout_rate",              // dropout rate of the school year, %
    "diagnostic_score",          // mean overall score of the validated official assessments of the year's campaign, %
    "shortcomings_open",         // shortcomings open (now)
    "shortcomings_in_progress",  // shortcomings being resolved (now)
    // Average present of the school year by school level and sex (beneficiaries_<level>_<sex>),
    // the boarding houses' breakdown: a DHIS2 data element disaggregated by level and sex maps
    // each to its category option combo.
    "beneficiaries_primary_f",
    "beneficiaries_primary_m",
    "beneficiaries_college_f",
    "beneficiaries_college_m",
    "beneficiaries_lycee_f",
    "beneficiaries_lycee_m",
    "beneficiaries_higher_f",
    "beneficiaries_higher_m",
    "beneficiaries_vocational_f",
    "beneficiaries_vocational_m",
    "beneficiaries_not_in_school_f",
    "beneficiaries_not_in_school_m",
};

bool is_dhis2_indicator(std::string_view code);

// One indicator's DHIS2 identifiers.
struct Dhis2DataElement {
  std::string indicator;
  std::string data_element;
  std::string category_option_combo;
};

struct Dhis2OrgUnit {
  long long territory_id = 0;
  std::string org_unit;
};

// The mapping as an admin writes it (read from PUT /api/dhis2/mapping by src/api/dhis2_routes.cpp).
struct Dhis2Mapping {
  std::string data_set;  // empty: not mapped yet
  std::vector<Dhis2OrgUnit> org_units;
  std::vector<Dhis2DataElement> data_elements;
};

// A DHIS2 period Riaya exports: yearly only ("2019"), the year whose school year starts in
// September of it (2019 → 2019-2020) and whose campaign started in it. Nothing when `text` is
// not a year from 2000 to 2099. (Monthly periods, "201904", are not exported.)
std::optional<int> parse_dhis2_period(std::string_view text);

// What is missing for an export, one entry each: {"what": "data_set"}, {"what": "org_unit",
// "territory_id"}, {"what": "data_elements"} (no indicator mapped), {"what": "uid", "field",
// "value"} (a stored UID that is not one).
using Dhis2Missing = std::vector<nlohmann::json>;

// The data value set of `figures` (indicator code → value as DHIS2 text, for the figures that
// exist), for the mapped indicators in kDhis2Indicators order:
//   {"dataSet", "period", "orgUnit", "dataValues": [{"dataElement", "categoryOptionCombo",
//    "orgUnit", "period", "value"}…]}
// A figure without data (no month reported, no validated assessment) is left out, as DHIS2
// reads an absent value: no data.
nlohmann::json dhis2_data_value_set(const Dhis2Mapping& mapping, const std::string& org_unit, const std::string& period,
                                    const nlohmann::json& figures);

// The same data values in DHIS2's CSV form: the header
// "dataelement,period,orgunit,catoptcombo,attroptcombo,value" then a line per value, CRLF ended
// (DHIS2 reads the columns by position; an empty attribute option combo is the default one).
std::string dhis2_csv(const nlohmann::json& data_value_set);

}  // namespace riaya::domain
