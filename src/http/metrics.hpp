#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace riaya::http {

// The server's measurements, written in Prometheus's text exposition format (version 0.0.4):
// requests by method, route pattern and status; a latency histogram by method and route; values
// read when written (database pool, cache, work in progress); uptime and build version.
// Thread-safe; observe() is on every request's path and costs one short lock.
class Metrics {
 public:
  explicit Metrics(std::string version);

  // Upper bounds of the latency histogram's buckets, in seconds.
  static constexpr std::array<double, 11> kBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  // Counts one answered request. `route` is a route's pattern or a fixed word ("static",
  // "unmatched"), never a raw path: every label value must come from a small set.
  void observe(std::string_view method, std::string_view route, unsigned status, double seconds);

  enum class Kind { Gauge, Counter };
  // A value read each time the metrics are written, as `name` (riaya_…) with its help line.
  void add(std::string name, std::string help, Kind kind, std::function<double()> value);

  std::string render() const;

 private:
  struct Series {
    std::array<std::uint64_t, kBuckets.size() + 1> buckets{};  // not cumulative; the last: above all
    double sum = 0;
    std::vector<std::pair<unsigned, std::uint64_t>> statuses;  // status → requests
  };
  using Key = std::pair<std::string_view, std::string_view>;  // method, route
  struct KeyLess {
    using is_transparent = void;
    static Key view(const Key& key) { return key; }
    static Key view(const std::pair<std::string, std::string>& key) { return {key.first, key.second}; }
    template <class A, class B>
    bool operator()(const A& a, const B& b) const {
      return view(a) < view(b);
    }
  };
  struct Value {
    std::string name, help;
    Kind kind;
    std::function<double()> read;
  };

  std::string version_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, Series, KeyLess> series_;
  std::vector<Value> values_;
};

}  // namespace riaya::http
