#pragma once

#include <array>
#include <string_view>

namespace riaya::domain {

// The audit trail's vocabulary, in one place: every action an entry may record, and the names the
// system writes as the actor when no user acts. write_audit refuses an action missing here; the
// OpenAPI document publishes both lists, and the web app's test fails on one it does not label in
// Arabic, French and English.
struct AuditAction {
  std::string_view name;
  // A change to a record (shown among the home page's latest changes), as opposed to an event of a
  // session or an account (signing in or out, a password, the interface's language, an unlock).
  bool record_change;
};

inline constexpr std::array kAuditActions = {
    AuditAction{"create", true},
    AuditAction{"update", true},
    AuditAction{"archive", true},
    AuditAction{"delete", true},
    AuditAction{"copy", true},
    AuditAction{"new_version", true},
    AuditAction{"import", true},
    AuditAction{"answers", true},
    AuditAction{"submit", true},
    AuditAction{"return", true},
    AuditAction{"validate", true},
    AuditAction{"reopen", true},
    AuditAction{"resolve", true},
    AuditAction{"verify", true},
    AuditAction{"status", true},
    AuditAction{"plan", true},
    AuditAction{"link", true},
    AuditAction{"followup", true},
    AuditAction{"attach", true},
    AuditAction{"detach", true},
    AuditAction{"add_participants", true},
    AuditAction{"remove_participants", true},
    AuditAction{"anonymise", true},
    // A read of named records and an export of them (the individual register, law 09-08).
    AuditAction{"read", false},
    AuditAction{"export", false},
    AuditAction{"revoke", false},
    AuditAction{"login", false},
    AuditAction{"login_failed", false},
    AuditAction{"logout", false},
    AuditAction{"password", false},
    AuditAction{"reset_password", false},
    AuditAction{"unlock", false},
    AuditAction{"language", false},
    AuditAction{"mark_read", false},
};

// The actors the system writes for itself (no user id).
inline constexpr std::string_view kCommandLineActor = "riaya command line";
inline constexpr std::string_view kDemoActor = "riaya demo";
inline constexpr std::string_view kReferenceActor = "riaya reference";
inline constexpr std::array kSystemActors = {kCommandLineActor, kDemoActor, kReferenceActor};

// The action named `name`, or null when the vocabulary has none.
constexpr const AuditAction* find_audit_action(std::string_view name) {
  for (const auto& action : kAuditActions)
    if (action.name == name) return &action;
  return nullptr;
}

}  // namespace riaya::domain
