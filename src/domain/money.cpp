#include "domain/money.hpp"

#include <algorithm>

namespace riaya::domain {

Funding funding(Centimes cost, Centimes funded) {
  return {.cost = cost, .funded = funded, .gap = std::max<Centimes>(cost - funded, 0),
          .surplus = std::max<Centimes>(funded - cost, 0)};
}

bool is_overdue(std::string_view status, std::string_view due_on, std::string_view today) {
  return status != "done" && status != "cancelled" && !due_on.empty() && due_on < today;
}

}  // namespace riaya::domain
