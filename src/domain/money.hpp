#pragma once

#include <string>
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

// An amount as an exact decimal number of dirhams, whatever its size: "1250.50" from 125050,
// "-0.05" from -5 (what a CSV or a spreadsheet cell holds).
std::string decimal_dirhams(Centimes amount);

// The one rule of an overdue action, in C++ and as the SQL generated from it: still open
// (planned or ongoing: not done nor cancelled) and due before today. The web app shows the
// server's "overdue".
inline constexpr std::string_view kOpenActionStatuses[] = {"planned", "ongoing"};

// Whether an action with this status and due date (YYYY-MM-DD, may be empty) is overdue on
// `today` (YYYY-MM-DD).
bool is_overdue(std::string_view status, std::string_view due_on, std::string_view today);

// The same rule as an SQL condition on the action of table alias `alias` (columns status and
// due_on; a NULL due date is never overdue), today being the parameter :`today_parameter`.
std::string overdue_sql(std::string_view alias, std::string_view today_parameter);

}  // namespace riaya::domain
