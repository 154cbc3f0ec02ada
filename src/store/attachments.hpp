#pragma once

#include "domain/error.hpp"
#include "domain/file_type.hpp"
#include "store/caller.hpp"
#include "store/database.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace riaya::store {

// Uploaded files, all in one table (attachments) and through one path: the files attached to
// an action (its completion evidence) or to a meeting, and an assessment's evidence of an answer
// (store/assessments.hpp), as domain::check_upload admits them.
//
// The files of an action or a meeting, kMaxAttachments per record. Read by whoever reads the
// record; added and removed by whoever may write it in their scope — for an action, the
// division or the action's own association, not once it is cancelled (InvalidState); for a
// meeting, the division or the delegation. The record's version is left alone. Audited.
inline constexpr int kMaxAttachments = 20;

enum class Owner { Action, Meeting };

// {"items": [{"id", "file_name", "content_type", "size", "created_by_name", "created_at"}]}, oldest first.
domain::Result<nlohmann::json> list_attachments(Database& db, const Caller& caller, Owner owner, long long owner_id);

// Errors: those of domain::check_upload, TooManyFiles on "file"; NotFound out of scope.
domain::Result<nlohmann::json> add_attachment(Database& db, const Caller& caller, Owner owner, long long owner_id,
                                              const std::string& file_name, std::string_view bytes);

domain::Result<domain::StoredFile> read_attachment(Database& db, const Caller& caller, Owner owner, long long owner_id,
                                                   long long attachment_id);

domain::Result<void> delete_attachment(Database& db, const Caller& caller, Owner owner, long long owner_id,
                                       long long attachment_id);

// The one storage path under the functions above and an assessment's evidence, inside the
// caller's transaction, once the caller has checked the owning record in scope.
//
// Whose files: `kind` "action", "meeting" or "assessment" (attachments.owner), the record's id,
// and for an assessment the criterion the file answers (empty otherwise).
struct FileOwner {
  std::string kind;
  long long id = 0;
  std::string criterion_code;
};

// The owner's files (of its criterion, if one is named, else all of them), by criterion then
// oldest first: [{"id", "criterion_code" (assessments only), "file_name", "content_type",
// "size", "created_by_name", "created_at"}]; the one file `file_id` if given.
nlohmann::json file_rows(soci::session& session, const FileOwner& owner, std::optional<long long> file_id = {});

// Stores `bytes`, of the `content_type` domain::check_upload found, as a file of the owner
// (counted per criterion for an assessment) unless it has `max_files` already: TooManyFiles on
// "file" (with the max). Returns the new file's id.
domain::Result<long long> insert_file(soci::session& session, const Caller& caller, const FileOwner& owner,
                                      int max_files, const std::string& file_name, std::string_view content_type,
                                      std::string_view bytes);

// A file of the owner's, with its bytes; NotFound if it is not one of them.
domain::Result<domain::StoredFile> stored_file(soci::session& session, const FileOwner& owner, long long file_id);

// Removes a file of the owner's and returns what it was: {"id", "criterion_code" (assessments
// only), "file_name", "content_type", "size"}; NotFound if it is not one of them.
domain::Result<nlohmann::json> remove_file(soci::session& session, const FileOwner& owner, long long file_id);

// How stored files' bytes are kept in a text column, and sealed
// fields (store/field_cipher.hpp).
std::string to_base64(std::string_view bytes);
std::string from_base64(const std::string& text);

}  // namespace riaya::store
