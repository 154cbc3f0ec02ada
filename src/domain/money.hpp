#pragma once

#include <string_view>

namespace riaya::domain {

// Amounts of money are integers of centimes of MAD (1 MAD = 100 centimes): never floating
// point. One amount may not exceed kMaxCentimes (one billion MAD), far above any grant or
// action a province sees and far below what sums of them could overflow.
using Centimes = long long;
inline constexpr Centimes kMaxCentimes = 100'000'000'000;

// How far an action or a programme is funded: what it costs, what funding lines bring, the
// gap still to find (0 when funded) and any surplus (funding beyond the cost).
struct Funding {
  Centimes cost = 0;
  Centimes funded = 0;
  Centimes gap = 0;
  Centimes surplus = 0;
};
Funding funding(Centimes cost, Centimes funded);

// Whether an action with this status and due date (YYYY-MM-DD, may be empty) is overdue on
// `today` (YYYY-MM-DD): not done nor cancelled, and due before today.
bool is_overdue(std::string_view status, std::string_view due_on, std::string_view today);

}  // namespace riaya::domain
