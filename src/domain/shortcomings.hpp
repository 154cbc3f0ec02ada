#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <variant>

namespace riaya::domain {

// The one status machine of a shortcoming (PRODUCT.md, the action programme). A shortcoming
// is raised open by a validated assessment (or by hand); the actions that remedy it move it
// to in progress, then to resolved when all are done ("to verify" by the next assessment);
// the next validated assessment closes it: resolved when it finds the criterion satisfied
// before any action did, verified when it confirms what the actions resolved; one that finds
// the criterion still short opens again what the actions had resolved. A shortcoming closed by
// an assessment, or verified, no longer moves.
enum class ShortcomingStatus { Open, InProgress, Resolved, Verified };

// "open", "in_progress", "resolved", "verified": as stored and answered.
std::string_view shortcoming_status_name(ShortcomingStatus status);
std::optional<ShortcomingStatus> parse_shortcoming_status(std::string_view name);

struct ShortcomingState {
  ShortcomingStatus status = ShortcomingStatus::Open;
  bool closed_by_assessment = false;  // resolved or verified by a validated assessment

  bool operator==(const ShortcomingState&) const = default;
};

// What moves a shortcoming.
struct ActionsChanged {  // its live actions, not cancelled, changed: `live` of them, `done` done
  long long live = 0;
  long long done = 0;
};
struct AssessedShort {};         // a validated assessment scored its criterion below 2
struct AssessedSatisfactory {};  // a validated assessment scored its criterion 2
using ShortcomingEvent = std::variant<ActionsChanged, AssessedShort, AssessedSatisfactory>;

// The state after `event`: the same state when the event does not move it.
ShortcomingState next_shortcoming_state(ShortcomingState state, const ShortcomingEvent& event);

// What a validated assessment that scores a criterion below 2 does, given the institution's live
// shortcomings of that criterion (`live`, oldest first): nothing while one is open or in
// progress; else it opens again the first one that AssessedShort moves (one the actions
// resolved); else it raises a new, open one.
struct ShortFinding {
  std::optional<std::size_t> reopen;  // the index in `live` of the shortcoming opened again
  bool raise = false;                 // a new shortcoming is raised
};
ShortFinding short_finding(std::span<const ShortcomingState> live);

}  // namespace riaya::domain
