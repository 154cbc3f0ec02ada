#include "http/metrics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

namespace riaya::http {
namespace {

// A label value as the text format wants it: \, " and newline escaped.
std::string label(std::string_view value) {
  std::string escaped;
  escaped.reserve(value.size());
  for (const char ch : value) {
    if (ch == '\\' || ch == '"') escaped += '\\';
    if (ch == '\n') {
      escaped += "\\n";
      continue;
    }
    escaped += ch;
  }
  return escaped;
}

// The methods counted by name; any other is counted as "other" (a label's values stay few).
std::string_view method_label(std::string_view method) {
  for (const std::string_view known : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
    if (method == known) return known;
  return "other";
}

}  // namespace

Metrics::Metrics(std::string version) : version_(std::move(version)) {}

void Metrics::observe(std::string_view method, std::string_view route, unsigned status, double seconds) {
  const Key key{method_label(method), route};
  const auto bucket =
      static_cast<std::size_t>(std::lower_bound(kBuckets.begin(), kBuckets.end(), seconds) - kBuckets.begin());
  std::lock_guard lock(mutex_);
  auto it = series_.find(key);
  if (it == series_.end())
    it = series_.emplace(std::pair{std::string(key.first), std::string(key.second)}, Series{}).first;
  auto& series = it->second;
  ++series.buckets[bucket];
  series.sum += seconds;
  const auto counted = std::find_if(series.statuses.begin(), series.statuses.end(),
                                    [status](const auto& entry) { return entry.first == status; });
  if (counted == series.statuses.end())
    series.statuses.emplace_back(status, 1);
  else
    ++counted->second;
}

void Metrics::add(std::string name, std::string help, Kind kind, std::function<double()> value) {
  std::lock_guard lock(mutex_);
  values_.push_back({std::move(name), std::move(help), kind, std::move(value)});
}

std::string Metrics::render() const {
  std::string out;
  auto to = std::back_inserter(out);
  const auto head = [&](std::string_view name, std::string_view help, std::string_view type) {
    fmt::format_to(to, "# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
  };
  std::vector<std::pair<std::pair<std::string, std::string>, Series>> series;
  std::vector<const Value*> values;
  {
    std::lock_guard lock(mutex_);
    series.assign(series_.begin(), series_.end());
    for (const auto& value : values_) values.push_back(&value);
  }
  head("riaya_http_requests_total", "Requests answered, by method, route pattern and status.", "counter");
  for (const auto& [key, data] : series) {
    auto statuses = data.statuses;
    std::sort(statuses.begin(), statuses.end());
    for (const auto& [status, count] : statuses)
      fmt::format_to(to, "riaya_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n", key.first,
                     label(key.second), status, count);
  }
  head("riaya_http_request_duration_seconds",
       "Time from a request's start on a worker to its answer's headers being ready, by method and route pattern.",
       "histogram");
  for (const auto& [key, data] : series) {
    const auto labels = fmt::format("method=\"{}\",route=\"{}\"", key.first, label(key.second));
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += data.buckets[i];
      fmt::format_to(to, "riaya_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n", labels, kBuckets[i],
                     cumulative);
    }
    cumulative += data.buckets.back();
    fmt::format_to(to, "riaya_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n", labels, cumulative);
    fmt::format_to(to, "riaya_http_request_duration_seconds_sum{{{}}} {}\n", labels, data.sum);
    fmt::format_to(to, "riaya_http_request_duration_seconds_count{{{}}} {}\n", labels, cumulative);
  }
  for (const auto* value : values) {
    head(value->name, value->help, value->kind == Kind::Gauge ? "gauge" : "counter");
    fmt::format_to(to, "{} {}\n", value->name, value->read());
  }
  head("riaya_uptime_seconds", "Seconds since the server started.", "gauge");
  fmt::format_to(to, "riaya_uptime_seconds {:.3f}\n",
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count());
  head("riaya_build_info", "The running build: its version in a label, value 1.", "gauge");
  fmt::format_to(to, "riaya_build_info{{version=\"{}\"}} 1\n", label(version_));
  return out;
}

}  // namespace riaya::http
