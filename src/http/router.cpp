#include "http/router.hpp"

namespace riaya::http {
namespace {

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t at = 0;
  while (at <= path.size()) {
    auto end = path.find('/', at);
    if (end == std::string_view::npos) end = path.size();
    if (end > at) parts.push_back(path.substr(at, end - at));
    at = end + 1;
  }
  return parts;
}

bool matches(std::string_view pattern, std::string_view path, std::map<std::string, std::string>& params) {
  const auto want = segments(pattern);
  const auto have = segments(path);
  if (want.size() != have.size()) return false;
  std::map<std::string, std::string> captured;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (want[i].starts_with('{') && want[i].ends_with('}'))
      captured[std::string(want[i].substr(1, want[i].size() - 2))] = std::string(have[i]);
    else if (want[i] != have[i])
      return false;
  }
  params = std::move(captured);
  return true;
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler) {
  routes_.push_back({std::move(method), std::move(pattern), std::move(handler)});
}

const Router::Handler* Router::match(Request& request, bool& path_known) const {
  path_known = false;
  const Route* best = nullptr;
  std::map<std::string, std::string> best_params;
  for (const auto& route : routes_) {
    std::map<std::string, std::string> params;
    if (!matches(route.pattern, request.path, params)) continue;
    if (route.method != request.method) {
      path_known = true;
      continue;
    }
    // The most specific route wins: "/api/campaigns/compare" over "/api/campaigns/{id}".
    if (!best || params.size() < best_params.size()) {
      best = &route;
      best_params = std::move(params);
    }
  }
  if (!best) return nullptr;
  request.params = std::move(best_params);
  return &best->handler;
}

}  // namespace riaya::http
