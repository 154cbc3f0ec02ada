#pragma once

#include "domain/error.hpp"
#include "store/caller.hpp"
#include "store/database.hpp"

#include <nlohmann/json.hpp>

namespace riaya::store {

// What the official documents of src/reports/documents.hpp show, each read in the caller's
// scope through scoped_select (a row out of scope is never read), in one transaction. Every
// answer has "issuer": {"name_ar", "name_fr", "level"}, the province the record's territory
// lies in (else that territory), as the minutes name it. NotFound when the record is not live
// in the caller's scope. Parts of a record the caller's role may not read (domain::may: staff,
// assessments, shortcomings, actions, grants, meetings for a viewer) are left empty.

// The institution card: {"issuer", "institution": {identity, association, commune, category,
// authorisation…}, "occupancy": {"school_year", "rate" (0–1 or null)} of its latest school year
// with statistics (store::indicators) or null, "staff": [{"function", "count"}] (live staff, by function),
// "scores": [{"campaign_name_ar", "campaign_name_fr", "visit_date", "overall", "legal_compliance",
// "domains": [{"code", "name_ar", "name_fr", "percent"}]}] (its latest two validated official
// assessments, latest first), "shortcomings": [open or in progress, most severe first],
// "actions": [live actions with "funded_centimes" and "overdue"], "grants": [grants to it]}.
// Besides: "services": [{"name_ar", "name_fr", "since"}] (the catalogue services it offers, by
// code) and "activities": the number of its live activities.
domain::Result<nlohmann::json> institution_card(Database& db, const Caller& caller, long long institution_id);

// The synthesis of a campaign: {"issuer", "campaign", "grid": {"code", "name_ar", "name_fr",
// "grid_version", "criteria", "legal_criteria", "domains": [{"code", "name_ar", "name_fr",
// "weight", "criteria"}]}, "institutions": [{"institution_id", "code", "name_ar", "name_fr",
// "category_name_ar", "category_name_fr", "visit_date", "overall", "legal_compliance", "domains": {code: percent},
// "critical_failures": [codes], "below": [{"criterion_code", "domain_code", "score",
// "text_ar", "text_fr"}]}] (validated official assessments, best overall first: the ranking),
// "recurring": [{"criterion_code", "domain_code", "text_ar", "text_fr", "institutions"}]
// (criteria scored below 2 by at least two institutions, most first, at most 15),
// "needs": store::consolidated_needs of the campaign's territory, "recommendations":
// [{"text_ar", "text_fr", "meeting_title_ar", "meeting_title_fr", "held_on", "action_status"}]}.
// The model links no meeting to a campaign: the recommendations are those of the meetings in
// the campaign's territory held from its start on.
domain::Result<nlohmann::json> campaign_synthesis(Database& db, const Caller& caller, long long campaign_id);

// The action programme: {"issuer", "programme", "actions": [{"institution_name_ar",
// "institution_name_fr" (null: province-wide), "responsible_party", "title_ar", "title_fr",
// "category", "status", "progress", "starts_on", "due_on", "estimated_cost_centimes",
// "funded_centimes", "overdue"}]} by institution, responsible party, due date.
domain::Result<nlohmann::json> programme_document(Database& db, const Caller& caller, long long programme_id);

// store::compare_campaigns with, besides, "issuer" and "not_comparable": the codes of the
// domains only one of the two grids has (their changes are all null).
domain::Result<nlohmann::json> comparison_document(Database& db, const Caller& caller, long long before,
                                                   long long after);

}  // namespace riaya::store
