// The audit trail's hash chain: whole after ordinary and concurrent writes, and tampering
// straight through SQL (an entry edited, deleted, inserted or moved) named by verify.
#include "store/audit.hpp"
#include "domain/audit_vocabulary.hpp"
#include "store/backup.hpp"
#include "store/setup.hpp"
#include "suite.hpp"

#include <atomic>
#include <filesystem>
#include <thread>

namespace riaya::test {
namespace {

class Audit : public ApiTest {
 protected:
  void SetUp() override {
    // Each test tampers with the trail and puts it back from this copy.
    file_ = (std::filesystem::temp_directory_path() / ("riaya-audit-" + std::to_string(::getpid()) + "-" +
                                                       testing::UnitTest::GetInstance()->current_test_info()->name()))
                .string();
    auto division = as("division");
    ASSERT_EQ(division.post("/api/institutions", institution(next_code())).status, 201);
    ASSERT_EQ(division.post("/api/institutions", institution(next_code())).status, 201);
    store::backup(server().db(), file_);
  }
  void TearDown() override {
    store::restore(server().db(), file_);
    std::filesystem::remove(file_);
  }

  static std::string next_code() { return "T-AUDIT-" + std::to_string(++codes_); }
  static json verify() {
    auto reply = as("division").get("/api/audit/verify");
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.data();
  }
  // The verdict read straight from the store, without signing in (which writes to the trail).
  static json stored_verdict() {
    return server().db().read([](soci::session& session) { return store::verify_audit(session).to_json(); });
  }
  static void sql(const std::string& statement) {
    server().db().read([&](soci::session& session) { session << statement; });
  }
  static long long scalar(const std::string& query) {
    return server().db().read([&](soci::session& session) { return store::Query(query).scalar(session); });
  }
  // An entry in the middle of the chain, and the last one.
  static long long middle_entry() {
    return scalar("SELECT id FROM audit_log WHERE seq = (SELECT seq - 2 FROM audit_head)");
  }
  static long long last_entry() { return scalar("SELECT last_id FROM audit_head"); }

  std::string file_;
  static inline int codes_ = 0;
};

TEST_F(Audit, ChainIsWholeAfterWrites) {
  const auto answer = verify();
  EXPECT_EQ(answer["whole"], true) << answer;
  EXPECT_EQ(answer["entries"], count("audit_log"));
  EXPECT_EQ(answer["head_hash"].get<std::string>().size(), 64u);
  // The same roles as the trail itself.
  EXPECT_EQ(as("delegation").get("/api/audit/verify").status, 200);
  EXPECT_EQ(as("viewer").get("/api/audit/verify").status, 403);
  EXPECT_EQ(as("association").get("/api/audit/verify").status, 403);
  EXPECT_EQ(as("division").get("/api/audit/verify?x=1").status, 400);
}

TEST_F(Audit, ConcurrentWritersChainInCommitOrder) {
  std::vector<std::thread> writers;
  std::vector<std::string> codes;
  for (int i = 0; i < 16; ++i) codes.push_back(next_code());
  std::atomic<int> created = 0;
  for (int w = 0; w < 4; ++w)
    writers.emplace_back([&, w] {
      auto client = as("division");
      for (int i = 0; i < 4; ++i)
        if (client.post("/api/institutions", institution(codes[w * 4 + i])).status == 201) ++created;
    });
  for (auto& writer : writers) writer.join();
  EXPECT_EQ(created.load(), 16);
  const auto answer = verify();
  EXPECT_EQ(answer["whole"], true) << answer;
  EXPECT_EQ(answer["entries"], count("audit_log"));
}

TEST_F(Audit, EditedEntryIsNamed) {
  const auto id = middle_entry();
  sql("UPDATE audit_log SET username = 'somebody else' WHERE id = " + std::to_string(id));
  const auto answer = verify();
  EXPECT_EQ(answer["whole"], false);
  EXPECT_EQ(answer["problem"], "edited");
  EXPECT_EQ(answer["id"], id);
}

TEST_F(Audit, EditedLastEntryIsNamed) {
  const auto id = last_entry();
  sql("UPDATE audit_log SET after_json = '{}' WHERE id = " + std::to_string(id));
  const auto answer = verify();
  EXPECT_EQ(answer["problem"], "edited") << answer;
  EXPECT_EQ(answer["id"], id);
}

TEST_F(Audit, DeletedEntryIsNamed) {
  const auto id = middle_entry();
  sql("DELETE FROM audit_log WHERE id = " + std::to_string(id));
  const auto answer = verify();
  EXPECT_EQ(answer["whole"], false);
  EXPECT_EQ(answer["problem"], "deleted");
  EXPECT_EQ(answer["id"], id);
}

TEST_F(Audit, DeletedLastEntryIsNamed) {
  const auto id = last_entry();
  sql("DELETE FROM audit_log WHERE id = " + std::to_string(id));
  const auto answer = verify();
  EXPECT_EQ(answer["problem"], "deleted") << answer;
  EXPECT_EQ(answer["id"], id);
}

TEST_F(Audit, EntryInsertedOutsideTheChainIsNamed) {
  sql("INSERT INTO audit_log (id, at, username, action, entity) VALUES (900001, '2026-01-01T00:00:00Z', 'x', 'update',"
      " 'institution')");
  const auto answer = verify();
  EXPECT_EQ(answer["problem"], "inserted") << answer;
  EXPECT_EQ(answer["id"], 900001);
}

TEST_F(Audit, EntryAppendedBehindTheChainsBackIsNamed) {
  // Linked to the last entry like a real one, but its hash is not what the chain computes and
  // the head knows nothing of it.
  sql("INSERT INTO audit_log (id, at, username, action, entity, seq, prev_id, prev_hash, hash) SELECT 900002, at,"
      " username, action, entity, seq + 1, id, hash, '" +
      std::string(64, 'f') + "' FROM audit_log WHERE id = (SELECT last_id FROM audit_head)");
  // Read straight from the store: it holds the next place, so the next audited write (signing
  // in) would fail on the unique seq until it is removed.
  const auto answer = stored_verdict();
  EXPECT_EQ(answer["problem"], "inserted") << answer;
  EXPECT_EQ(answer["id"], 900002);
}

TEST_F(Audit, EntriesMovedOutOfOrderAreNamed) {
  const auto id = middle_entry();
  const auto next = scalar(
      "SELECT id FROM audit_log WHERE seq = (SELECT seq + 1 FROM audit_log WHERE id = " + std::to_string(id) + ")");
  // Swap the two entries' places.
  sql("UPDATE audit_log SET seq = -1 WHERE id = " + std::to_string(id));
  sql("UPDATE audit_log SET seq = seq - 1 WHERE id = " + std::to_string(next));
  sql("UPDATE audit_log SET seq = (SELECT seq + 1 FROM audit_log WHERE id = " + std::to_string(next) +
      ") WHERE id = " + std::to_string(id));
  const auto answer = verify();
  EXPECT_EQ(answer["whole"], false);
  EXPECT_EQ(answer["problem"], "inserted") << answer;
  EXPECT_EQ(answer["id"], next);
}

TEST_F(Audit, BackupAndRestoreKeepTheChainWhole) {
  const auto before = stored_verdict();  // as the copy holds it
  auto division = as("division");
  ASSERT_EQ(division.post("/api/institutions", institution(next_code())).status, 201);
  EXPECT_NE(stored_verdict()["head_hash"], before["head_hash"]);
  store::restore(server().db(), file_);
  const auto after = stored_verdict();
  EXPECT_EQ(after["whole"], true) << after;
  EXPECT_EQ(after["head_hash"], before["head_hash"]);
  // And the chain goes on from the restored head.
  ASSERT_EQ(as("division").post("/api/institutions", institution(next_code())).status, 201);
  EXPECT_EQ(verify()["whole"], true);
}

TEST_F(Audit, EntriesFromBeforeTheChainAreChainedOnce) {
  // The trail as migration 0012 finds it: no entry chained, the head without a hash.
  sql("UPDATE audit_log SET seq = NULL, prev_id = NULL, prev_hash = NULL, hash = NULL");
  sql("UPDATE audit_head SET seq = 0, last_id = 0, hash = NULL");
  store::migrate(server().db());
  const auto answer = verify();
  EXPECT_EQ(answer["whole"], true) << answer;
  EXPECT_EQ(answer["entries"], count("audit_log"));
  // Once: an entry slipped in afterwards without a place is not chained by the next start.
  sql("INSERT INTO audit_log (id, at, username, action, entity) VALUES (900003, '2026-01-01T00:00:00Z', 'x', 'update',"
      " 'institution')");
  store::migrate(server().db());
  EXPECT_EQ(verify()["id"], 900003);
}

}  // namespace
}  // namespace riaya::test

namespace riaya::test {
namespace {

class AuditVocabulary : public ApiTest {};

// The home page's latest changes are changes to records: signing in and switching the interface's
// language stay in the audit trail but not there.
TEST_F(AuditVocabulary, LatestChangesAreChangesToRecords) {
  auto division = as("division");
  const auto language = division.get("/api/session").data()["user"]["language"];
  ASSERT_EQ(division.post("/api/session/language", {{"language", language}}).status, 200);
  auto created = division.post("/api/institutions", institution("T-LATEST-1"));
  ASSERT_EQ(created.status, 201) << created.body;
  ASSERT_EQ(division.post("/api/session/language", {{"language", language}}).status, 200);
  auto signed_in_again = as("division");

  const auto trail = division.get("/api/audit?page_size=5").data()["items"];
  EXPECT_EQ(trail[0]["action"], "login") << trail;
  const auto latest = division.get("/api/dashboard").data()["latest_changes"];
  ASSERT_FALSE(latest.empty());
  EXPECT_EQ(latest[0]["action"], "create") << latest;
  EXPECT_EQ(latest[0]["entity"], "institution");
  EXPECT_EQ(latest[0]["entity_id"], created.data()["id"]);
  for (const auto& entry : latest) {
    EXPECT_TRUE(domain::find_audit_action(entry["action"].get<std::string>())->record_change) << entry;
    EXPECT_NE(entry["entity"], "token") << entry;
  }
}

// An action the vocabulary does not name is refused before anything is written.
TEST_F(AuditVocabulary, UnknownActionIsRefused) {
  const auto before = count("audit_log");
  EXPECT_THROW(server().db().read([](soci::session& session) {
    store::write_audit(session, store::Caller{.username = "x"}, {.action = "frobnicate", .entity = "institution"});
  }),
               std::logic_error);
  EXPECT_EQ(count("audit_log"), before);
}

}  // namespace
}  // namespace riaya::test
