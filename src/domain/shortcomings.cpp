#include "domain/shortcomings.hpp"

#include <array>

namespace riaya::domain {
namespace {

using enum ShortcomingStatus;

constexpr std::array<std::string_view, 4> kNames = {"open", "in_progress", "resolved", "verified"};

// Whether nothing moves it any more.
bool closed(ShortcomingState state) { return state.closed_by_assessment || state.status == Verified; }

ShortcomingState after(ShortcomingState state, ActionsChanged actions) {
  if (closed(state)) return state;
  if (actions.live > 0 && actions.done == actions.live) return {Resolved, false};
  if (actions.live > 0) return {InProgress, false};
  if (state.status == InProgress || state.status == Resolved) return {Open, false};
  return state;
}

ShortcomingState after(ShortcomingState state, AssessedShort) {
  if (!closed(state) && state.status == Resolved) return {Open, false};
  return state;
}

ShortcomingState after(ShortcomingState state, AssessedSatisfactory) {
  if (closed(state)) return state;
  return {state.status == Resolved ? Verified : Resolved, true};
}

}  // namespace

std::string_view shortcoming_status_name(ShortcomingStatus status) { return kNames[static_cast<std::size_t>(status)]; }

std::optional<ShortcomingStatus> parse_shortcoming_status(std::string_view name) {
  for (std::size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == name) return static_cast<ShortcomingStatus>(i);
  return std::nullopt;
}

ShortcomingState next_shortcoming_state(ShortcomingState state, const ShortcomingEvent& event) {
  return std::visit([&](const auto& happened) { return after(state, happened); }, event);
}

ShortFinding short_finding(std::span<const ShortcomingState> live) {
  for (const auto& state : live)
    if (state.status == Open || state.status == InProgress) return {};
  for (std::size_t i = 0; i < live.size(); ++i)
    if (next_shortcoming_state(live[i], AssessedShort{}) != live[i]) return {.reopen = i};
  return {.raise = true};
}

}  // namespace riaya::domain
