#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
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

}  // namespace riaya::bench
