// Files attached to an action (its completion evidence) and to a meeting: list, upload,
// download, remove, under /api/actions/{id}/attachments and /api/meetings/{id}/attachments.
#include "api/routes.hpp"
#include "store/attachments.hpp"

namespace riaya::api {
namespace {

using domain::Action;
using domain::ErrorCode;
using domain::fail;
using store::Owner;

// The four routes of `owner`'s attachments under `base` ("/api/actions/{id}"); reading goes
// with reading the record, writing with `write_resource` in access.cpp.
std::vector<Route> routes_of(Owner owner, const std::string& base, const std::string& resource,
                             const std::string& write_resource, const std::string& what) {
  return {
      {"GET", base + "/attachments", Access::SignedIn, resource, Action::Read, "The files attached to " + what,
       [owner](Context& c) -> domain::Result<http::Response> {
         if (!c.request.query.empty()) return fail(ErrorCode::BadParameter, c.request.query.begin()->first);
         auto id = c.id();
         if (!id) return std::unexpected(id.error());
         return record_response(200, store::list_attachments(c.db, c.caller(), owner, *id));
       }},
      {"POST", base + "/attachments", Access::SignedIn, write_resource, Action::Create,
       "Attach a file to " + what + " (the request body: JPEG, PNG, WebP or PDF, 5 MiB at most; ?file_name=…)",
       [owner](Context& c) -> domain::Result<http::Response> {
         auto id = c.id();
         if (!id) return std::unexpected(id.error());
         auto upload = upload_query(c, false);
         if (!upload) return std::unexpected(upload.error());
         return record_response(201,
                                store::add_attachment(c.db, c.caller(), owner, *id, upload->file_name, c.request.body));
       },
       Body::File},
      {"GET", base + "/attachments/{attachment_id}", Access::SignedIn, resource, Action::Read,
       "Download a file attached to " + what,
       [owner](Context& c) -> domain::Result<http::Response> {
         auto id = c.id();
         if (!id) return std::unexpected(id.error());
         auto attachment_id = c.id("attachment_id");
         if (!attachment_id) return std::unexpected(attachment_id.error());
         auto file = store::read_attachment(c.db, c.caller(), owner, *id, *attachment_id);
         if (!file) return std::unexpected(file.error());
         return stored_file_response(std::move(*file));
       }},
      {"DELETE", base + "/attachments/{attachment_id}", Access::SignedIn, write_resource, Action::Archive,
       "Remove a file attached to " + what,
       [owner](Context& c) -> domain::Result<http::Response> {
         auto id = c.id();
         if (!id) return std::unexpected(id.error());
         auto attachment_id = c.id("attachment_id");
         if (!attachment_id) return std::unexpected(attachment_id.error());
         if (auto removed = store::delete_attachment(c.db, c.caller(), owner, *id, *attachment_id); !removed)
           return std::unexpected(removed.error());
         return empty_response();
       }},
  };
}

}  // namespace

std::vector<Route> attachment_routes() {
  auto routes = routes_of(Owner::Action, "/api/actions/{id}", "actions", "action_attachments",
                          "an action (its completion evidence)");
  for (auto& route : routes_of(Owner::Meeting, "/api/meetings/{id}", "meetings", "meeting_attachments", "a meeting"))
    routes.push_back(std::move(route));
  return routes;
}

}  // namespace riaya::api
