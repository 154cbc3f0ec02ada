#pragma once

#include "domain/error.hpp"
#include "domain/file_type.hpp"
#include "store/caller.hpp"
#include "store/database.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace riaya::store {

// Assessments: one institution in one campaign, official or the association's own
// self-assessment. Official: draft → submitted → validated, or returned to the assessors
// with a reason and notes per criterion, then submitted again. Self: draft → submitted.
// Every function is limited to the caller's scope; an assessor reaches only the
// assessments they are assigned to, an association only its institutions' self-assessments
// and validated official ones. Every write is one transaction with its audit entries.

// The requests of the writes below, read from their JSON bodies by src/api (its RequestReader
// checks their shape: types, bounds, unknown fields); the store checks the rest (what exists,
// in the caller's scope, in the assessment's grid).
inline constexpr std::size_t kMaxAssessors = 20;
inline constexpr std::size_t kMaxAnswersSaved = 500;  // also those synced at once
inline constexpr std::size_t kMaxComment = 2000;      // an answer's comment, a return note: code points
inline constexpr std::size_t kMaxReason = 4000;       // the reason an assessment is returned
struct NewAssessment {
  long long institution_id = 0;
  std::vector<long long> assessor_ids;
};
struct NewSelfAssessment {
  long long campaign_id = 0;
  long long institution_id = 0;
};
struct AnswerInput {
  std::string criterion_code;
  std::optional<int> score;   // 0, 1, 2; none: not applicable
  bool comment_sent = false;  // an answer sent without "comment" keeps the one saved
  std::optional<std::string> comment;
};
struct SavedAnswers {
  long long version = 0;
  std::optional<std::string> visit_date;  // YYYY-MM-DD
  std::vector<AnswerInput> answers;
};
struct AssessmentReturn {
  long long version = 0;
  std::string reason;
  std::map<std::string, std::string> notes;  // by criterion code
};
// Answers filled offline (issue 17), synced one by one: each with the version of the answer
// it started from (0: the criterion was not answered then), and the assessment's status then.
struct SyncedAnswer {
  std::string criterion_code;
  std::optional<int> score;  // 0, 1, 2; none: not applicable
  std::optional<std::string> comment;
  long long base_version = 0;
};
struct AnswerSync {
  std::string base_status;  // draft, returned, submitted or validated
  std::vector<SyncedAnswer> answers;
};
// The body of a step that carries nothing but the version read (submit, validate).
struct AtVersion {
  long long version = 0;
};

// The users the caller may assign to an assessment: live assessor, delegation and division
// users whose scope lies within the caller's: {"items": [{"id", "username", "display_name", "role"}]}.
nlohmann::json list_assessors(Database& db, const Caller& caller);

// Adds institution body.institution_id to campaign `campaign_id` as an official draft
// assessment, with the users body.assessor_ids (assessor, delegation or division users).
// Duplicate when the institution is already in the campaign.
domain::Result<nlohmann::json> add_assessment(Database& db, const Caller& caller, long long campaign_id,
                                              const NewAssessment& body);

// Starts the association's self-assessment of body.institution_id in body.campaign_id.
domain::Result<nlohmann::json> start_self_assessment(Database& db, const Caller& caller, const NewSelfAssessment& body);

// Filters (already checked for shape): those of the assessments' table spec
// (store/registry_tables.cpp): campaign_id, institution_id, status, kind, territory_id,
// association_id, institution_category.
nlohmann::json list_assessments(Database& db, const Caller& caller,
                                const std::map<std::string, nlohmann::json>& filters, int page, int page_size);

// Every answer of the assessments list_assessments answers with `filters` (every page), in
// the list's order and then the grid's, each as {"assessment_id", "campaign_name_ar",
// "campaign_name_fr", "institution_code", "institution_name_ar", "institution_name_fr", "kind",
// "status", "visit_date", "overall" (percent or null), "domain_code", "criterion_code",
// "criterion_text_ar", "criterion_text_fr", "score" (0, 1, 2 or null: not applicable),
// "not_applicable_ar", "not_applicable_fr" (the grid's words for null), "comment"}: for exports. `visit` runs inside
// the read.
void each_assessment_answer(Database& db, const Caller& caller, const std::map<std::string, nlohmann::json>& filters,
                            const std::function<void(nlohmann::json&&)>& visit);

// The assessment with its grid ("grid": content), answers, assessors, return notes and
// scores computed from the answers as they stand.
domain::Result<nlohmann::json> get_assessment(Database& db, const Caller& caller, long long id);

// Saves answers (autosave): body {"version", "visit_date"?, "answers": [{"criterion_code",
// "score": 0|1|2|null (not applicable), "comment"?}]}; answers not sent are kept, and so is
// the comment of an answer sent without "comment". Only while
// draft or returned, by whoever may fill it. Errors name the criterion ("answers[3].score").
domain::Result<nlohmann::json> save_answers(Database& db, const Caller& caller, long long id, const SavedAnswers& body);

// Syncs answers filled offline, each on its own (no assessment version: autosave's check would
// refuse them all for one change elsewhere). Answers {"assessment": {"id", "status", "version"},
// "results": [one per answer, in order: {"criterion_code", "outcome", ...}]}, outcome:
//   "saved"     {"version"}: written (or already holding the same score and comment);
//   "conflict"  {"code", "editable", "current": {"score", "comment", "version", "updated_at",
//               "updated_by_name"} or null}: nothing written, because another user changed the
//               criterion since base_version (code "conflict") or the assessment is no longer in
//               base_status or no longer editable (submitted, returned or validated meanwhile:
//               code "status_changed"); "editable": whether sending it again at the current
//               version and status may save it.
// NotFound, nothing written, when the assessment is deleted (archived) or no longer reachable by
// the caller (out of scope, no longer assigned), with detail "results": each answer "refused",
// code "assessment_unavailable". One audit entry ("answers", "sync": true) for the answers
// written, the assessment's version raised once when any was. InvalidReference on
// "answers[i].criterion_code" (a code of no criterion of the grid) refuses the whole request.
domain::Result<nlohmann::json> sync_answers(Database& db, const Caller& caller, long long id, const AnswerSync& body);

// Submits (body {"version"}): every criterion must be answered (Required naming the first
// unanswered criterion code).
domain::Result<nlohmann::json> submit_assessment(Database& db, const Caller& caller, long long id,
                                                 const AtVersion& body);

// Returns a submitted official assessment to its assessors: body {"version", "reason",
// "notes": {criterion code: text}}.
domain::Result<nlohmann::json> return_assessment(Database& db, const Caller& caller, long long id,
                                                 const AssessmentReturn& body);

// Validates a submitted official assessment (body {"version"}): it becomes read-only, its
// scores are kept, a shortcoming is raised for each criterion below 2 unless one is still
// open or in progress for the same institution and criterion (one that its actions had
// resolved, to verify, is opened again instead); open shortcomings of criteria it scores 2
// are marked resolved, and those resolved by their actions are marked verified. Raised and
// resolved on the assessment's visit date (the day of validation without one).
domain::Result<nlohmann::json> validate_assessment(Database& db, const Caller& caller, long long id,
                                                   const AtVersion& body);

// The rule of hand-written shortcomings (a hook of the generic records): the source
// "assessment" belongs to those validations raise; it is not given by hand, nor taken away.
domain::Result<void> check_shortcoming(soci::session& session, const Caller& caller, nlohmann::json& values,
                                       const nlohmann::json* before);

// Evidence of an answer: photos (JPEG, PNG, WebP) and PDFs, as domain::check_upload admits
// them, kMaxEvidencePerCriterion per criterion. Added and removed by whoever may fill the
// assessment while it is draft or returned (the assessment's version is left alone, so that
// autosave goes on); read by whoever may read the assessment.
inline constexpr int kMaxEvidencePerCriterion = 10;

// Errors: those of domain::check_upload, TooManyFiles on "file", InvalidReference on
// "criterion_code" (not a criterion of the assessment's grid), InvalidState when not editable.
domain::Result<nlohmann::json> add_evidence(Database& db, const Caller& caller, long long assessment_id,
                                            const std::string& criterion_code, const std::string& file_name,
                                            std::string_view bytes);
domain::Result<domain::StoredFile> read_evidence(Database& db, const Caller& caller, long long assessment_id,
                                                 long long evidence_id);
domain::Result<void> delete_evidence(Database& db, const Caller& caller, long long assessment_id,
                                     long long evidence_id);

}  // namespace riaya::store
