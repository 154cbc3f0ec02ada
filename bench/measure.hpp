#pragma once

// What the benchmarks share: timing repeated work, and signing in as a generated user.

#include "store/accounts.hpp"
#include "store/caller.hpp"
#include "store/database.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
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

// `iterations` rounds of `first` and `second`, which one goes first alternating from round to
// round, so that neither always finds the caches the other warmed.
inline void alternately(int iterations, const std::function<void()>& first, const std::function<void()>& second) {
  for (int i = 0; i < iterations; ++i) {
    if (i % 2 == 0) {
      first();
      second();
    } else {
      second();
      first();
    }
  }
}

// The table of a benchmark that times Riaya beside the raw SQL of the same reads: its header,
// then two rows per measurement (ratio_rows), the p95 compared with `target_ms`.
inline std::string ratio_table_header(double target_ms) {
  return fmt::format(
      "\n| backend  | measurement                   | runs |   p50 ms |   p95 ms |   max ms |"
      " riaya/raw p50 | riaya/raw p95 | p95 < {:<4} |\n"
      "|----------|-------------------------------|-----:|---------:|---------:|---------:|"
      "--------------:|--------------:|-------------|\n",
      fmt::format("{:g} ms", target_ms));
}

inline std::string ratio_rows(const std::string& backend, const std::string& what, const Timings& riaya,
                              const Timings& raw, double target_ms) {
  return fmt::format("| {:<8} | {:<29} | {:>4} | {:>8.2f} | {:>8.2f} | {:>8.2f} | {:>13.2f} | {:>13.2f} | {:<11} |\n",
                     backend, what + ": riaya", riaya.ms.size(), riaya.at(0.5), riaya.at(0.95), riaya.at(1),
                     riaya.at(0.5) / raw.at(0.5), riaya.at(0.95) / raw.at(0.95),
                     riaya.at(0.95) < target_ms ? "met" : "NOT MET") +
         fmt::format("| {:<8} | {:<29} | {:>4} | {:>8.2f} | {:>8.2f} | {:>8.2f} | {:>13} | {:>13} | {:<11} |\n",
                     backend, what + ": raw SQL", raw.ms.size(), raw.at(0.5), raw.at(0.95), raw.at(1), "", "", "");
}

// One row of the summary bench/run gathers into its one table, appended to the file `path` (none
// when `path` is empty) as tab-separated fields: backend, what, Riaya's figure, the baseline's
// (what it is), their ratio, the target, "met" or "NOT MET".
inline void append_summary(const std::string& path, const std::vector<std::string>& fields) {
  if (path.empty()) return;
  std::ofstream out(path, std::ios::app);
  for (std::size_t i = 0; i < fields.size(); ++i) out << (i > 0 ? "\t" : "") << fields[i];
  out << "\n";
}

// The summary row of a ratio_rows measurement: Riaya's p95 beside the raw SQL's, against `target_ms`.
inline void append_p95_summary(const std::string& path, const std::string& backend, const std::string& what,
                               const Timings& riaya, const Timings& raw, double target_ms) {
  append_summary(path, {backend, what, fmt::format("p95 {:.2f} ms", riaya.at(0.95)),
                        fmt::format("{:.2f} ms (raw SQL of the same reads, p95)", raw.at(0.95)),
                        fmt::format("{:.2f}", riaya.at(0.95) / raw.at(0.95)), fmt::format("p95 < {:g} ms", target_ms),
                        riaya.at(0.95) < target_ms ? "met" : "NOT MET"});
}

// The caller `username` (a user bench_generate --diagnostic made) is, signed in with its
// password; throws when it cannot sign in.
inline store::Caller signed_in(store::Database& db, const std::string& username) {
  auto result = store::login(db, username, "bench-password-1", "127.0.0.1", {});
  if (!result) throw std::runtime_error("cannot log in as " + username + ": run bench_generate --diagnostic first");
  return result->account.caller;
}

}  // namespace riaya::bench
