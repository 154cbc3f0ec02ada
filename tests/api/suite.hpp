#pragma once

#include "harness.hpp"
#include "store/query.hpp"

#include <gtest/gtest.h>

namespace riaya::test {

// `base` with the keys of `changes` set (json::update answers nothing).
inline json with(json base, const json& changes) {
  base.update(changes);
  return base;
}

// One server per test suite (users are slow to create: argon2id), fresh for each suite.
class ApiTest : public testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new TestServer(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static TestServer& server() { return *server_; }
  static Client as(const std::string& username) { return signed_in(*server_, username); }

  // Rows of a table, to prove a refused write changed nothing.
  static long long count(const std::string& table);
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
