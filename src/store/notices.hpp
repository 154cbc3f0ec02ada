#pragma once

// Notices in the app (issue 17): what asks for the signed-in user's attention, computed from the
// data when asked for (no job that could be late), with what the user has read
// (table notice_reads, migration 0017).

#include "domain/error.hpp"
#include "store/caller.hpp"
#include "store/database.hpp"

#include <soci/soci.h>
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace riaya::store {

// How far ahead a notice looks: an action due within kActionDueDays days, a document expiring
// within kDocumentExpiryDays days. At most kNoticesPerKind notices of each kind (the most
// urgent first).
inline constexpr int kActionDueDays = 7;
inline constexpr int kDocumentExpiryDays = 30;
inline constexpr int kNoticesPerKind = 50;

// The caller's notices on `today` (YYYY-MM-DD), each kind for the roles domain::may lets act on
// it, every read through scoped_select in the caller's scope:
//  - "assessment_returned": an official assessment returned to the assessors, the caller among
//    them (with the reason);
//  - "assessment_submitted": one submitted, for the roles that validate assessments;
//  - "action_overdue", "action_due": an open action overdue (domain::overdue_sql) or due within
//    kActionDueDays, for the roles that report an action's progress (followups);
//  - "document_expiring": an association document expired or expiring within
//    kDocumentExpiryDays (the documents list's expiring_within_days filter), for the roles that
//    update documents;
//  - "statistics_unreported": an active institution that has not reported last month's
//    statistics (the institutions list's unreported_month filter), for the roles that type them;
//  - "recommendation_without_action": a meeting's recommendation no action takes up, for the
//    roles that create actions.
// Answers {"items": [{"key", "kind", "date", "link", "read", "id", "name_ar", "name_fr", …}],
// "unread", "total"}: items by kind in that order, each kind most urgent first; "key" is stable
// while the event is the same and changes with it ("assessment_returned:42:<submitted_at>",
// "action_due:7:<due_on>"), "link" the web app's page of the record. A constant number of reads.
nlohmann::json notices(soci::session& session, const Caller& caller, std::string_view today);

// Marks the caller's notice `key` read (idempotent: an already read notice writes nothing), in
// one transaction with its audit entry ("mark_read", entity "notice"). Answers {"unread"}.
// Errors: InvalidReference on "key" when the caller has no such notice today (unknown, of
// another user or out of scope).
domain::Result<nlohmann::json> mark_notice_read(Database& db, const Caller& caller, const std::string& key,
                                                std::string_view today);

// Marks every notice the caller has today read, and forgets the caller's read keys of notices
// that no longer exist; one transaction with its audit entry, nothing written when none was
// unread. Answers {"unread": 0, "marked": n}.
domain::Result<nlohmann::json> mark_all_notices_read(Database& db, const Caller& caller, std::string_view today);

}  // namespace riaya::store
