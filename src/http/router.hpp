#pragma once

#include "http/message.hpp"

#include <functional>
#include <string>
#include <vector>

namespace riaya::http {

// A routing table: method + path pattern ("/api/institutions/{id}") → handler. Patterns
// match whole segments; "{name}" captures one segment into Request::params. When several
// patterns match, the one with the fewest captures wins (a literal segment beats "{id}").
class Router {
 public:
  using Handler = std::function<Response(Request&)>;

  struct Route {
    std::string method;
    std::string pattern;
    Handler handler;
    std::vector<std::string> segments;  // the pattern's, split once by add()
    std::size_t captures = 0;           // how many of them are "{name}"
  };

  void add(std::string method, std::string pattern, Handler handler);

  // The handler of the route matching the request (params filled in), or nullptr. Sets
  // `path_known` when some route has the path but with another method (→ 405).
  const Handler* match(Request& request, bool& path_known) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace riaya::http
