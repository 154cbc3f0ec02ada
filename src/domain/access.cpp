#include "domain/access.hpp"

#include <array>
#include <initializer_list>

namespace riaya::domain {
namespace {

using enum Role;

constexpr std::array<std::string_view, 6> kRoleNames = {"admin",    "division",    "delegation",
                                                        "assessor", "association", "viewer"};

// A bit per role, in enum order.
constexpr unsigned roles(std::initializer_list<Role> list) {
  unsigned bits = 0;
  for (auto role : list) bits |= 1u << static_cast<unsigned>(role);
  return bits;
}
constexpr unsigned kEveryone = roles({Admin, Division, Delegation, Assessor, Association, Viewer});

struct Rule {
  std::string_view resource;
  unsigned read, create, update, archive;
  unsigned validate = 0;
};

// The one table of who may do what. A route whose resource is missing here is refused
// to everybody, and the authorization test fails for it.
constexpr std::array kRules = {
    Rule{"territories", kEveryone, roles({Admin}), roles({Admin}), roles({Admin})},
    Rule{"categories", kEveryone, roles({Admin}), roles({Admin}), roles({Admin})},
    Rule{"associations", kEveryone, roles({Division}), roles({Division, Association}), roles({Division})},
    Rule{"documents", roles({Admin, Division, Delegation, Assessor, Association}), roles({Division, Association}),
         roles({Division, Association}), roles({Division, Association})},
    Rule{"agreements", roles({Admin, Division, Delegation, Assessor, Association}), roles({Division, Delegation}),
         roles({Division, Delegation}), roles({Division, Delegation})},
    Rule{"institutions", kEveryone, roles({Division}), roles({Division, Association}), roles({Division})},
    Rule{"staff", roles({Division, Delegation, Assessor, Association}), roles({Division, Association}),
         roles({Division, Association}), roles({Division, Association})},
    // The admin edits the default grids (no territory); a division, its territory's grids.
    Rule{"grids", roles({Admin, Division, Delegation, Assessor, Association}), roles({Division}),
         roles({Admin, Division}), roles({Division})},
    Rule{"campaigns", roles({Admin, Division, Delegation, Assessor, Association}), roles({Division}), roles({Division}),
         roles({Division})},
    Rule{"assessments", roles({Division, Delegation, Assessor, Association}), roles({Association}),
         roles({Division, Delegation, Assessor, Association}), 0, roles({Division})},
    // Who fills an assessment (answers, evidence, submission), by its kind: an official one its
    // assigned assessors, delegation or division; an association its own self-assessment.
    Rule{"official_assessments", 0, 0, roles({Division, Delegation, Assessor}), 0},
    Rule{"self_assessments", 0, 0, roles({Association}), 0},
    Rule{"shortcomings", roles({Division, Delegation, Assessor, Association}), roles({Division}), roles({Division}),
         roles({Division})},
    Rule{"programmes", roles({Admin, Division, Delegation, Assessor, Viewer}), roles({Division}), roles({Division}),
         roles({Division})},
    Rule{"actions", roles({Division, Delegation, Assessor, Association}), roles({Division}), roles({Division}),
         roles({Division})},
    // The dated follow-up of an action: the division, and an association on its own actions.
    Rule{"followups", roles({Division, Delegation, Assessor, Association}), roles({Division, Association}), 0, 0},
    // Files attached to an action (its completion evidence): as its follow-up.
    Rule{"action_attachments", 0, roles({Division, Association}), 0, roles({Division, Association})},
    Rule{"grants", roles({Division, Delegation, Association}), roles({Division, Delegation}),
         roles({Division, Delegation}), roles({Division, Delegation})},
    Rule{"funding_lines", roles({Division, Delegation, Association}), roles({Division, Delegation}),
         roles({Division, Delegation}), roles({Division, Delegation})},
    Rule{"meetings", roles({Division, Delegation, Assessor}), roles({Division, Delegation}),
         roles({Division, Delegation}), roles({Division, Delegation})},
    Rule{"meeting_attachments", 0, roles({Division, Delegation}), 0, roles({Division, Delegation})},
    Rule{"participants", roles({Division, Delegation, Assessor}), roles({Division, Delegation}),
         roles({Division, Delegation}), roles({Division, Delegation})},
    Rule{"recommendations", roles({Division, Delegation, Assessor}), roles({Division, Delegation}),
         roles({Division, Delegation}), roles({Division, Delegation})},
    Rule{"equipment_items", kEveryone, roles({Admin, Division}), roles({Admin, Division}), roles({Admin, Division})},
    Rule{"equipment_inventory", roles({Division, Delegation, Assessor, Association}), roles({Division, Association}),
         roles({Division, Association}), roles({Division, Association})},
    Rule{"equipment_needs", roles({Division, Delegation, Assessor, Association}), roles({Division, Association}),
         roles({Division, Association}), roles({Division, Association})},
    // Needs summed by item: no line, no name; what a viewer may read of equipment.
    Rule{"consolidated_needs", roles({Division, Delegation, Assessor, Association, Viewer}), 0, 0, 0},
    // The division and the Entraide Nationale delegation manage trainings (PRODUCT.md). An
    // association reads the sessions its staff attended, and of their participants only its own staff.
    Rule{"trainings", roles({Division, Delegation, Assessor, Association}), roles({Division, Delegation}),
         roles({Division, Delegation}), roles({Division, Delegation})},
    // Counts of current and trained staff per institution: no name.
    Rule{"trained_staff", roles({Division, Delegation, Assessor, Association, Viewer}), 0, 0, 0},
    // A month's statistics are counts, no name: everyone reads them in scope; the institution's
    // association and the division type them (issue 16).
    Rule{"monthly_statistics", kEveryone, roles({Division, Association}), roles({Division, Association}),
         roles({Division, Association})},
    // Indicators computed from those counts: no name.
    Rule{"indicators", kEveryone, 0, 0, 0},
    // Services and activities (issue 16, S10) name no one: everyone reads them in scope. The
    // catalogue is kept as the equipment catalogue; an institution's services and activities by
    // its association and the division.
    Rule{"service_items", kEveryone, roles({Admin, Division}), roles({Admin, Division}), roles({Admin, Division})},
    Rule{"institution_services", kEveryone, roles({Division, Association}), roles({Division, Association}),
         roles({Division, Association})},
    Rule{"activities", kEveryone, roles({Division, Association}), roles({Division, Association}),
         roles({Division, Association})},
    // The individual register names children (law 09-08): only the institution's association and
    // the division and delegation of its territory read it; the association and the division
    // write it; never the admin, a viewer or an assessor, who see counts only.
    Rule{"beneficiaries", roles({Division, Delegation, Association}), roles({Division, Association}),
         roles({Division, Association}), roles({Division, Association})},
    Rule{"beneficiary_years", roles({Division, Delegation, Association}), roles({Division, Association}),
         roles({Division, Association}), roles({Division, Association})},
    // Switching an institution's register on or off: the division of its territory.
    Rule{"institution_register", 0, 0, roles({Division}), 0},
    Rule{"users", roles({Admin}), roles({Admin}), roles({Admin}), roles({Admin})},
    Rule{"tokens", kEveryone, kEveryone, 0, kEveryone},
    // Everyone's tokens, not only one's own: the admin lists and revokes them.
    Rule{"all_tokens", roles({Admin}), 0, 0, roles({Admin})},
    Rule{"audit", roles({Admin, Division, Delegation}), 0, 0, 0},
    Rule{"dashboard", kEveryone, 0, 0, 0},
    Rule{"session", kEveryone, kEveryone, kEveryone, kEveryone},
    // Each user's own notices (issue 17): everyone reads them and marks them read; which notices a
    // role gets follows what it may do with their records (store/notices.hpp).
    Rule{"notices", kEveryone, 0, kEveryone, 0},
    // DHIS2 interop (issue 17): the mapping is the admin's; the figures it sends are counts and
    // rates of a territory (no name), exported by those who read a territory's figures, not an
    // association or an assessor.
    Rule{"dhis2", roles({Admin, Division, Delegation, Viewer}), 0, roles({Admin}), 0},
};

}  // namespace

std::optional<Role> parse_role(std::string_view name) {
  for (std::size_t i = 0; i < kRoleNames.size(); ++i)
    if (kRoleNames[i] == name) return static_cast<Role>(i);
  return std::nullopt;
}

std::string_view role_name(Role role) { return kRoleNames[static_cast<std::size_t>(role)]; }

bool may(Role role, std::string_view resource, Action action) {
  const unsigned bit = 1u << static_cast<unsigned>(role);
  for (const auto& rule : kRules) {
    if (rule.resource != resource) continue;
    switch (action) {
      case Action::Read: return rule.read & bit;
      case Action::Create: return rule.create & bit;
      case Action::Update: return rule.update & bit;
      case Action::Archive: return rule.archive & bit;
      case Action::Validate: return rule.validate & bit;
    }
  }
  return false;
}

std::vector<std::string_view> access_resources() {
  std::vector<std::string_view> names;
  names.reserve(kRules.size());
  for (const auto& rule : kRules) names.push_back(rule.resource);
  return names;
}

bool sees_personal_data(Role role) { return role != Viewer; }

}  // namespace riaya::domain
