#pragma once

#include "domain/access.hpp"

#include <optional>
#include <string>

namespace riaya::store {

// Who is asking, as the store needs to know it: for the audit trail, and for the scope
// every query is limited to. Exactly one of territory_path / association_id is set.
struct Caller {
  long long user_id = 0;
  std::string username;
  std::string address;  // the client's IP address
  domain::Role role = domain::Role::Viewer;
  std::optional<std::string> territory_path;  // "/1/4/9/": the territory and everything under it
  std::optional<long long> association_id;    // one association and its institutions
  // With association_id: the path of the province the association's territory lies in, the
  // territories (communes of its institutions, its own seat) its writes may reference.
  std::optional<std::string> area_path;
};

}  // namespace riaya::store
