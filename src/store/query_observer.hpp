#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace riaya::store {

// Called with the SQL and the parameters of every statement a store::Query runs, just before it
// runs, on the thread that runs it (so from several threads at once).
using QueryObserver =
    std::function<void(const std::string& sql, const std::vector<std::pair<std::string, nlohmann::json>>& params)>;

// For tests only (tests/api/query_plan_test.cpp records the statements the API runs, to explain
// them): `observer` sees every statement from now on, until set_query_observer(nullptr). It must
// be thread-safe and outlive that call. Never set in a serving process.
void set_query_observer(const QueryObserver* observer);

}  // namespace riaya::store
