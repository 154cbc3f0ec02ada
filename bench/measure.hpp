#pragma once

// What the benchmarks share: timing repeated work, and signing in as a generated user.

#include "store/accounts.hpp"
#include "store/caller.hpp"
#include "store/database.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace riaya::bench {

// The durations of repeated runs of one piece of work, in milliseconds, and their quantiles.
struct Timings {
  std::vector<double> ms;
  double at(double quantile) const {  // nearest rank
    auto sorted = ms;
    std::sort(sorted.begin(), sorted.end());
    const auto rank = static_cast<std::size_t>(std::ceil(quantile * static_cast<double>(sorted.size())));
    return sorted[std::max<std::size_t>(rank, 1) - 1];
  }
  void time(const std::function<void()>& work) {
    const auto start = std::chrono::steady_clock::now();
    work();
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
};

// The median of `iterations` timed runs of `work`, after one untimed run that warms the caches.
inline double median_ms(int iterations, const std::function<void()>& work) {
  work();
  Timings timings;
  for (int i = 0; i < iterations; ++i) timings.time(work);
  return timings.at(0.5);
}

// The caller `username` (a user bench_generate --diagnostic made) is, signed in with its
// password; throws when it cannot sign in.
inline store::Caller signed_in(store::Database& db, const std::string& username) {
  auto result = store::login(db, username, "bench-password-1", "127.0.0.1", {});
  if (!result) throw std::runtime_error("cannot log in as " + username + ": run bench_generate --diagnostic first");
  return result->account.caller;
}

}  // namespace riaya::bench
