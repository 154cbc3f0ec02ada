#pragma once

#include "domain/error.hpp"
#include "domain/file_type.hpp"
#include "store/caller.hpp"
#include "store/database.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace riaya::store {

// Files attached to an action (its completion evidence) or to a meeting, as
// domain::check_upload admits them, kMaxAttachments per record. Read by whoever reads the
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

// How stored files' bytes are kept in a text column (here and for assessment evidence), and sealed
// fields (store/field_cipher.hpp).
std::string to_base64(std::string_view bytes);
std::string from_base64(const std::string& text);

}  // namespace riaya::store
