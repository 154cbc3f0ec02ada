#include "http/router.hpp"

namespace riaya::http {
namespace {

// The segments of a path, without empty ones: "/api//campaigns/" → "api", "campaigns".
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

bool is_capture(std::string_view segment) {
  return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

bool matches(const Router::Route& route, const std::vector<std::string_view>& path) {
  if (route.segments.size() != path.size()) return false;
  for (std::size_t i = 0; i < path.size(); ++i)
    if (!is_capture(route.segments[i]) && route.segments[i] != path[i]) return false;
  return true;
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler) {
  Route route{.method = std::move(method), .pattern = std::move(pattern), .handler = std::move(handler)};
  for (const auto segment : segments(route.pattern)) {
    route.segments.emplace_back(segment);
    if (is_capture(segment)) ++route.captures;
  }
  routes_.push_back(std::move(route));
}

const Router::Handler* Router::match(Request& request, bool& path_known) const {
  path_known = false;
  const auto path = segments(request.path);
  const Route* best = nullptr;
  for (const auto& route : routes_) {
    if (!matches(route, path)) continue;
    if (route.method != request.method) {
      path_known = true;
      continue;
    }
    // The most specific route wins: "/api/campaigns/compare" over "/api/campaigns/{id}".
    if (!best || route.captures < best->captures) best = &route;
  }
  if (!best) return nullptr;
  std::map<std::string, std::string> params;
  for (std::size_t i = 0; i < path.size(); ++i)
    if (is_capture(best->segments[i]))
      params[best->segments[i].substr(1, best->segments[i].size() - 2)] = std::string(path[i]);
  request.params = std::move(params);
  return &best->handler;
}

}  // namespace riaya::http
