#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace riaya::domain {

// The roles of PRODUCT.md's table.
enum class Role { Admin, Division, Delegation, Assessor, Association, Viewer };

// Validate: approve or return work another role submitted (assessments).
enum class Action { Read, Create, Update, Archive, Validate };

std::optional<Role> parse_role(std::string_view name);
std::string_view role_name(Role role);

// Whether `role` may perform `action` on `resource` (a URL segment such as "institutions",
// or one of "users", "tokens", "audit", "dashboard") at all; which records it reaches is
// the user's scope, applied in the store's queries. Unknown resources are refused.
bool may(Role role, std::string_view resource, Action action);

// The resources of the access table, in its order (what may() knows).
std::vector<std::string_view> access_resources();

// Whether `role` may see fields holding a person's data (names, phones). A `viewer`
// sees aggregates and public registry data only.
bool sees_personal_data(Role role);

}  // namespace riaya::domain
