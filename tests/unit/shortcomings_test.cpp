#include "domain/shortcomings.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace riaya::domain {
namespace {

using enum ShortcomingStatus;

// A state as the table writes it: "resolved" by actions, "resolved*" closed by an assessment.
ShortcomingState state(std::string_view text) {
  const bool closed = text.ends_with('*');
  if (closed) text.remove_suffix(1);
  return {*parse_shortcoming_status(text), closed};
}

std::string text(ShortcomingState s) {
  return std::string(shortcoming_status_name(s.status)) + (s.closed_by_assessment ? "*" : "");
}

struct Transition {
  const char* before;
  ShortcomingEvent event;
  const char* after;
};

// Every state a shortcoming can be in, with every event: the whole machine, one row each.
const std::vector<Transition> kTransitions = {
    // Its actions: none live (none, or all cancelled or archived).
    {"open", ActionsChanged{0, 0}, "open"},
    {"in_progress", ActionsChanged{0, 0}, "open"},
    {"resolved", ActionsChanged{0, 0}, "open"},
    {"resolved*", ActionsChanged{0, 0}, "resolved*"},
    {"verified*", ActionsChanged{0, 0}, "verified*"},
    {"verified", ActionsChanged{0, 0}, "verified"},
    // Some live, not all done.
    {"open", ActionsChanged{2, 0}, "in_progress"},
    {"open", ActionsChanged{2, 1}, "in_progress"},
    {"in_progress", ActionsChanged{1, 0}, "in_progress"},
    {"resolved", ActionsChanged{2, 1}, "in_progress"},
    {"resolved*", ActionsChanged{2, 1}, "resolved*"},
    {"verified*", ActionsChanged{2, 1}, "verified*"},
    // All live ones done: resolved, to verify.
    {"open", ActionsChanged{1, 1}, "resolved"},
    {"in_progress", ActionsChanged{3, 3}, "resolved"},
    {"resolved", ActionsChanged{1, 1}, "resolved"},
    {"resolved*", ActionsChanged{1, 1}, "resolved*"},
    {"verified*", ActionsChanged{1, 1}, "verified*"},
    // A validated assessment finds the criterion short.
    {"open", AssessedShort{}, "open"},
    {"in_progress", AssessedShort{}, "in_progress"},
    {"resolved", AssessedShort{}, "open"},
    {"resolved*", AssessedShort{}, "resolved*"},
    {"verified*", AssessedShort{}, "verified*"},
    // A validated assessment finds it satisfied.
    {"open", AssessedSatisfactory{}, "resolved*"},
    {"in_progress", AssessedSatisfactory{}, "resolved*"},
    {"resolved", AssessedSatisfactory{}, "verified*"},
    {"resolved*", AssessedSatisfactory{}, "resolved*"},
    {"verified*", AssessedSatisfactory{}, "verified*"},
    {"verified", AssessedSatisfactory{}, "verified"},
};

TEST(ShortcomingStatus, EveryTransitionOfTheTable) {
  for (const auto& row : kTransitions) {
    SCOPED_TRACE(std::string(row.before) + " event #" + std::to_string(row.event.index()));
    EXPECT_EQ(text(next_shortcoming_state(state(row.before), row.event)), row.after);
  }
}

TEST(ShortcomingStatus, NamesAsStored) {
  for (const auto* name : {"open", "in_progress", "resolved", "verified"})
    EXPECT_EQ(shortcoming_status_name(*parse_shortcoming_status(name)), name);
  EXPECT_FALSE(parse_shortcoming_status("closed"));
  EXPECT_FALSE(parse_shortcoming_status(""));
}

struct ShortCase {
  std::vector<const char*> live;  // the criterion's live shortcomings, oldest first
  std::optional<std::size_t> reopen;
  bool raise;
};

TEST(ShortcomingStatus, WhatAShortFindingDoes) {
  const std::vector<ShortCase> cases = {
      {{}, std::nullopt, true},                                   // the first time: raised
      {{"open"}, std::nullopt, false},                            // still open: nothing new
      {{"in_progress"}, std::nullopt, false},                     // being remedied
      {{"resolved"}, 0, false},                                   // its actions did not suffice
      {{"resolved*"}, std::nullopt, true},                        // closed before, short again
      {{"verified*"}, std::nullopt, true},                        // verified before, short again
      {{"verified*", "resolved*", "resolved"}, 2, false},         // the one to verify opens again
      {{"resolved", "resolved"}, 0, false},                       // the oldest of them
      {{"resolved", "in_progress"}, std::nullopt, false},         // one still in progress: nothing
      {{"verified*", "open", "resolved*"}, std::nullopt, false},  // one still open
  };
  for (const auto& c : cases) {
    std::vector<ShortcomingState> live;
    std::string trace;
    for (const auto* s : c.live) {
      live.push_back(state(s));
      trace += std::string(s) + " ";
    }
    SCOPED_TRACE(trace);
    const auto finding = short_finding(live);
    EXPECT_EQ(finding.reopen, c.reopen);
    EXPECT_EQ(finding.raise, c.raise);
  }
}

}  // namespace
}  // namespace riaya::domain
