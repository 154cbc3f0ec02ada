#include "store/attachments.hpp"

#include "store/audit.hpp"
#include "store/query.hpp"
#include "store/scoped_select.hpp"

#include <sodium.h>

namespace riaya::store {
namespace {

using domain::ErrorCode;
using domain::fail;
using domain::Result;
using nlohmann::json;

struct OwnerTable {
  const char* name;      // attachments.owner
  const char* resource;  // the registry resource that decides scope
};

OwnerTable table_of(Owner owner) {
  return owner == Owner::Action ? OwnerTable{"action", "actions"} : OwnerTable{"meeting", "meetings"};
}

// The owning record in the caller's scope for `use`, with its scope columns; for a write, an
// action must not be cancelled.
Result<json> owner_record(soci::session& session, const Caller& caller, Owner owner, long long owner_id, ScopeUse use) {
  const auto table = table_of(owner);
  auto record = scoped_record(session, caller, table.resource,
                              std::string(owner == Owner::Action ? "r.status, " : "") + scope_columns(table.resource),
                              owner_id, use);
  if (!record) return fail(ErrorCode::NotFound);
  if (use != ScopeUse::Read && owner == Owner::Action && (*record)["status"] == "cancelled")
    return fail(ErrorCode::InvalidState, "status");
  record->erase("status");
  return *record;
}

FileOwner file_owner(Owner owner, long long owner_id) { return {table_of(owner).name, owner_id, {}}; }

// An action's or a meeting's file as its routes answer it: no criterion.
json attachment_row(json row) {
  row.erase("criterion_code");
  return row;
}

// File `file_id` of `owner`, with `columns`; nothing when the owner has no such file.
std::optional<json> owned_file(soci::session& session, const FileOwner& owner, long long file_id,
                               const std::string& columns) {
  return Query("SELECT " + columns + " FROM attachments WHERE id = :a AND owner = :owner AND owner_id = :id")
      .bind("a", file_id)
      .bind("owner", owner.kind)
      .bind("id", owner.id)
      .first(session);
}

}  // namespace

Result<json> list_attachments(Database& db, const Caller& caller, Owner owner, long long owner_id) {
  return db.read([&](soci::session& session) -> Result<json> {
    if (auto record = owner_record(session, caller, owner, owner_id, ScopeUse::Read); !record)
      return std::unexpected(record.error());
    json items = json::array();
    for (auto& row : file_rows(session, file_owner(owner, owner_id))) items.push_back(attachment_row(std::move(row)));
    return json{{"items", std::move(items)}};
  });
}

Result<json> add_attachment(Database& db, const Caller& caller, Owner owner, long long owner_id,
                            const std::string& file_name, std::string_view bytes) {
  const auto content_type = domain::check_upload(file_name, bytes);
  if (!content_type) return std::unexpected(content_type.error());
  const auto files = file_owner(owner, owner_id);
  return db.write([&](soci::session& session) -> Result<json> {
    // Locked: the count of its attachments is a limit.
    auto record = owner_record(session, caller, owner, owner_id, ScopeUse::Change);
    if (!record) return record;
    const auto id = insert_file(session, caller, files, kMaxAttachments, file_name, *content_type, bytes);
    if (!id) return std::unexpected(id.error());
    AuditEntry entry{
        .action = "attach",
        .entity = files.kind,
        .entity_id = owner_id,
        .after = {
            {"attachment_id", *id}, {"file_name", file_name}, {"content_type", *content_type}, {"size", bytes.size()}}};
    scope_entry(entry, *record);
    write_audit(session, caller, entry);
    return attachment_row(file_rows(session, files, *id).at(0));
  });
}

Result<domain::StoredFile> read_attachment(Database& db, const Caller& caller, Owner owner, long long owner_id,
                                           long long attachment_id) {
  return db.read([&](soci::session& session) -> Result<domain::StoredFile> {
    if (auto record = owner_record(session, caller, owner, owner_id, ScopeUse::Read); !record)
      return std::unexpected(record.error());
    return stored_file(session, file_owner(owner, owner_id), attachment_id);
  });
}

Result<void> delete_attachment(Database& db, const Caller& caller, Owner owner, long long owner_id,
                               long long attachment_id) {
  const auto files = file_owner(owner, owner_id);
  return db.write([&](soci::session& session) -> Result<void> {
    auto record = owner_record(session, caller, owner, owner_id, ScopeUse::Write);
    if (!record) return std::unexpected(record.error());
    auto removed = remove_file(session, files, attachment_id);
    if (!removed) return std::unexpected(removed.error());
    json before = attachment_row(std::move(*removed));
    before["attachment_id"] = before["id"];
    before.erase("id");
    AuditEntry entry{.action = "detach", .entity = files.kind, .entity_id = owner_id, .before = std::move(before)};
    scope_entry(entry, *record);
    write_audit(session, caller, entry);
    return {};
  });
}

json file_rows(soci::session& session, const FileOwner& owner, std::optional<long long> file_id) {
  const auto rows = Query(std::string("SELECT a.id, a.criterion_code, a.file_name, a.content_type, a.size,"
                                      " u.display_name AS created_by_name, a.created_at"
                                      " FROM attachments a LEFT JOIN users u ON u.id = a.created_by"
                                      " WHERE a.owner = :owner AND a.owner_id = :id") +
                          (owner.criterion_code.empty() ? "" : " AND a.criterion_code = :c") +
                          (file_id ? " AND a.id = :file" : "") + " ORDER BY a.criterion_code, a.id")
                        .bind("owner", owner.kind)
                        .bind("id", owner.id)
                        .bind("c", owner.criterion_code)
                        .bind("file", file_id.value_or(0))
                        .rows(session);
  return json(rows);
}

Result<long long> insert_file(soci::session& session, const Caller& caller, const FileOwner& owner, int max_files,
                              const std::string& file_name, std::string_view content_type, std::string_view bytes) {
  const json criterion = owner.criterion_code.empty() ? json() : json(owner.criterion_code);
  if (Query(std::string("SELECT COUNT(*) FROM attachments WHERE owner = :owner AND owner_id = :id") +
            (owner.criterion_code.empty() ? "" : " AND criterion_code = :c"))
          .bind("owner", owner.kind)
          .bind("id", owner.id)
          .bind("c", owner.criterion_code)
          .scalar(session) >= max_files)
    return fail(ErrorCode::TooManyFiles, "file", {{"max", max_files}});
  return Query(
             "INSERT INTO attachments (owner, owner_id, criterion_code, file_name, content_type, size, content_base64,"
             " created_by, created_at) VALUES (:owner, :id, :c, :name, :type, :size, :content, :by, :now)"
             " RETURNING id")
      .bind("owner", owner.kind)
      .bind("id", owner.id)
      .bind("c", criterion)
      .bind("name", file_name)
      .bind("type", std::string(content_type))
      .bind("size", bytes.size())
      .bind("content", to_base64(bytes))
      .bind("by", acting_user(caller))
      .bind("now", utc_now())
      .scalar(session);
}

Result<domain::StoredFile> stored_file(soci::session& session, const FileOwner& owner, long long file_id) {
  const auto row = owned_file(session, owner, file_id, "file_name, content_type, content_base64");
  if (!row) return fail(ErrorCode::NotFound);
  return domain::StoredFile{(*row)["file_name"].get<std::string>(), (*row)["content_type"].get<std::string>(),
                            from_base64((*row)["content_base64"].get<std::string>())};
}

Result<json> remove_file(soci::session& session, const FileOwner& owner, long long file_id) {
  auto row = owned_file(session, owner, file_id, "id, criterion_code, file_name, content_type, size");
  if (!row) return fail(ErrorCode::NotFound);
  Query("DELETE FROM attachments WHERE id = :a").bind("a", file_id).execute(session);
  if (owner.kind != "assessment") row->erase("criterion_code");
  return *row;
}

std::string to_base64(std::string_view bytes) {
  std::string text(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(text.data(), text.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  text.pop_back();  // the terminating NUL sodium writes
  return text;
}

std::string from_base64(const std::string& text) {
  std::string bytes(text.size() / 4 * 3 + 3, '\0');
  std::size_t length = 0;
  sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(), text.size(), nullptr,
                    &length, nullptr, sodium_base64_VARIANT_ORIGINAL);
  bytes.resize(length);
  return bytes;
}

}  // namespace riaya::store
