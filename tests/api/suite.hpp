#pragma once

#include "harness.hpp"
#include "store/query.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace riaya::test {

// `base` with the keys of `changes` set (json::update answers nothing).
inline json with(json base, const json& changes) {
  base.update(changes);
  return base;
}

// A valid 1×1 grey PNG (signature, IHDR, IDAT, IEND with their checksums), for uploads.
inline const std::string kPng = std::string(
    "\x89\x50\x4E\x47\x0D\x0A\x1A\x0A\x00\x00\x00\x0D\x49\x48\x44\x52"
    "\x00\x00\x00\x01\x00\x00\x00\x01\x08\x00\x00\x00\x00\x3A\x7E\x9B"
    "\x55\x00\x00\x00\x0A\x49\x44\x41\x54\x78\x9C\x63\x68\x00\x00\x00"
    "\x82\x00\x81\x77\xCD\x72\xB6\x00\x00\x00\x00\x49\x45\x4E\x44\xAE"
    "\x42\x60\x82",
    67);

// The lines of a document asked for by `client` with progress (Accept: application/x-ndjson),
// parsed, checked to be a whole answer of that type; `arriving` as Client::raw's.
std::vector<json> progress_lines(Client& client, const std::string& path,
                                 const std::function<void(std::string_view received)>& arriving = {});

// One server per test suite (users are slow to create: argon2id), fresh for each suite.
class ApiTest : public testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new TestServer(); }
  static void TearDownTestSuite() {
    expect_audit_chain_whole();
    delete server_;
    server_ = nullptr;
  }
  static TestServer& server() { return *server_; }
  static Client as(const std::string& username) { return signed_in(*server_, username); }

  // Whatever the suite did, every audit entry it wrote is in the hash chain.
  static void expect_audit_chain_whole();
  // Rows of a table, to prove a refused write changed nothing.
  static long long count(const std::string& table);
  // The value of the counter `name` in the server's /metrics answer, -1 when it has none.
  static double metric(const std::string& name);
  // POST `body` to /api/`resource` is refused with status, code and field, and writes nothing
  // (no row of `resource`, no audit entry).
  static Reply expect_refused(Client client, const std::string& resource, const json& body, int status,
                              const std::string& code, const std::string& field);
  // POSTs `bytes` to `target` as a file (application/octet-stream), as the upload routes take it.
  static Reply upload(Client& client, const std::string& target, const std::string& bytes) {
    client.content_type = "application/octet-stream";
    auto reply = client.raw("POST", target, bytes);
    client.content_type = "application/json";
    return reply;
  }
  // The division switches the individual register of institution `id` on.
  static void keep_register(long long id);
  // The body of a new institution of association 1 in the commune of Boujdour.
  static json institution(const std::string& code, const std::string& name_ar = "مؤسسة اختبار");

  // The diagnostic workflow, for the suites that build on it.
  static long long user_id(const std::string& username);
  // Every criterion of the default grid answered 2, but for `overrides` (code → score or null for N/A).
  static json answers(Client& client, long long assessment, const std::map<std::string, json>& overrides = {});
  // A new ongoing campaign on the default grid in the province of Boujdour.
  static json campaign(Client& division, const std::string& name);
  // Adds `institution` to `campaign` with the assessor, fills it with `overrides`, submits and validates it.
  static json run_assessment(Client& division, Client& assessor, const json& campaign_record,
                             const std::map<std::string, json>& overrides, long long institution = 1);

 private:
  static inline TestServer* server_ = nullptr;
};

}  // namespace riaya::test
