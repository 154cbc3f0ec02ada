// Concurrent writers through two servers on one database (issue 10): every read-modify-write
// either lands (200, one audit entry, the version raised by one) or is refused (409 with the
// current record, nothing written); no acknowledged change is lost, and a rule over a sum
// (funding lines within their grant) holds however many requests race.
#include "store/indicator_sums.hpp"
#include "suite.hpp"

#include <fmt/format.h>

#include <map>
#include <mutex>
#include <set>
#include <thread>

namespace riaya::test {
namespace {

constexpr int kClients = 20;
constexpr int kRounds = 20;

class Concurrency : public ApiTest {
 protected:
  static void SetUpTestSuite() {
    ApiTest::SetUpTestSuite();
    second_ = new TestServer(server());
  }
  static void TearDownTestSuite() {
    delete second_;
    second_ = nullptr;
    ApiTest::TearDownTestSuite();
  }

  // kClients clients signed in as `username`, alternating between the two servers (one sign-in,
  // its session shared: both servers read sessions from the database).
  static std::vector<Client> clients(const std::string& username) {
    const auto signed_in = as(username);
    std::vector<Client> all;
    for (int i = 0; i < kClients; ++i) {
      Client client(i % 2 ? second_->port() : server().port());
      client.cookie = signed_in.cookie;
      client.csrf = signed_in.csrf;
      all.push_back(client);
    }
    return all;
  }

  // Runs `work(client, thread)` on every client at once.
  template <class Work>
  static void race(std::vector<Client>& all, Work work) {
    std::vector<std::thread> threads;
    for (int i = 0; i < static_cast<int>(all.size()); ++i) threads.emplace_back([&, i] { work(all[i], i); });
    for (auto& thread : threads) thread.join();
  }

  static long long audit_entries(const std::string& entity, long long id, const std::string& action) {
    return server().db().read([&](soci::session& s) {
      return store::Query("SELECT COUNT(*) FROM audit_log WHERE entity = :e AND entity_id = :i AND action = :a")
          .bind("e", entity)
          .bind("i", id)
          .bind("a", action)
          .scalar(s);
    });
  }

  // What the clients of a race saw: every reply is a success or a conflict carrying the
  // current record; each success found the record at the version its client sent (it answers
  // the next one) and answered a version no other success answered.
  struct Tally {
    std::mutex mutex;
    long long successes = 0, conflicts = 0;
    std::set<long long> versions;
    std::vector<std::string> unexpected;

    void count(const Reply& reply, const json& sent_version) {
      std::lock_guard lock(mutex);
      if (reply.status == 200 && reply.data()["version"] == sent_version.get<long long>() + 1) {
        ++successes;
        versions.insert(reply.data()["version"].get<long long>());
      } else if (reply.status == 409 && reply.data()["error"]["code"] == "conflict" &&
                 reply.data()["error"]["current"].is_object()) {
        ++conflicts;
      } else {
        unexpected.push_back(std::to_string(reply.status) + " " + reply.body.substr(0, 300));
      }
    }
  };

  static inline TestServer* second_ = nullptr;
};

// Cached answers are kept by the versions of the tables they read (store::Database::write): a
// write through the second server renews those of the tables it changed, so the first server's
// cached list of institutions is computed again at once, while its cached list of equipment items
// (another table) is still served from its cache.
TEST_F(Concurrency, AWriteThroughOneServerRenewsOnlyTheAnswersOfTheTablesItChanged) {
  Client on_first(server().port()), on_second(second_->port());
  ASSERT_EQ(on_first.login("division").status, 200);
  on_second.cookie = on_first.cookie;
  on_second.csrf = on_first.csrf;
  const std::string institutions = "/api/institutions?q=T-TBL&page_size=10", items = "/api/equipment_items?page_size=5";
  EXPECT_EQ(on_first.get(institutions).data()["total"], 0);
  const auto catalogue = on_first.get(items).body;
  const auto hits = metric("riaya_reply_cache_hits_total"), misses = metric("riaya_reply_cache_misses_total");
  ASSERT_EQ(on_second.post("/api/institutions", institution("T-TBL-1")).status, 201);
  EXPECT_EQ(on_first.get(items).body, catalogue);
  EXPECT_EQ(metric("riaya_reply_cache_hits_total"), hits + 1) << "the items were kept";
  EXPECT_EQ(on_first.get(institutions).data()["total"], 1);
  EXPECT_EQ(metric("riaya_reply_cache_misses_total"), misses + 1) << "the institutions were computed again";
}

// Every data table has a version, a table made by a later migration too (store::migrate gives
// it its row and, on PostgreSQL, its trigger), and a write renews those of the tables it changed
// alone, with data_version (which tells each server its copy of the versions is out of date).
TEST_F(Concurrency, EveryDataTableHasAVersionThatItsWritesAloneRenew) {
  auto& db = server().db();
  const bool sqlite = db.backend() == store::Backend::Sqlite;
  ASSERT_TRUE(db.write_schema([](soci::session& s) -> domain::Result<void> {
    s << "CREATE TABLE later_table (id INTEGER PRIMARY KEY, note TEXT)";
    store::register_data_tables(s);
    return {};
  }));
  const auto unversioned = db.read([&](soci::session& s) {
    return store::Query(sqlite
                            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
                              " AND name NOT LIKE '%search%' AND name NOT IN ('schema_migrations', 'resource_versions',"
                              " 'data_version') AND name NOT IN (SELECT name FROM resource_versions)"
                            : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema ="
                              " current_schema() AND table_type = 'BASE TABLE' AND table_name NOT IN"
                              " ('schema_migrations', 'resource_versions', 'data_version') AND (table_name NOT IN"
                              " (SELECT name FROM resource_versions) OR NOT EXISTS (SELECT 1 FROM pg_trigger WHERE"
                              " tgname = table_name || '_changed'))")
        .rows(s);
  });
  EXPECT_TRUE(unversioned.empty()) << nlohmann::json(unversioned).dump();
  const auto versions = [&] {
    return db.read([](soci::session& s) {
      std::map<std::string, long long> all;
      for (const auto& row : store::Query("SELECT name, version FROM resource_versions").integers({"version"}).rows(s))
        all[row["name"].get<std::string>()] = row["version"].get<long long>();
      all["(data_version)"] = store::Query("SELECT version FROM data_version").scalar(s);
      return all;
    });
  };
  const auto before = versions();
  ASSERT_TRUE(db.write([](soci::session& s) -> domain::Result<void> {
    store::Query("INSERT INTO later_table (id, note) VALUES (1, 'x')").execute(s);
    return {};
  }));
  const auto after = versions();
  for (const auto& [table, version] : before)
    EXPECT_EQ(after.at(table) != version, table == "later_table" || table == "(data_version)") << table;
  ASSERT_TRUE(db.write_schema([](soci::session& s) -> domain::Result<void> {
    s << "DROP TABLE later_table";
    store::Query("DELETE FROM resource_versions WHERE name = 'later_table'").execute(s);
    return {};
  }));
}

// Behind a round-robin proxy one person's consecutive requests land on different processes:
// the session, its CSRF token, a record's version, what a process keeps in its reply cache and
// the audit chain are all read from the database, so each request is answered as if one
// process served them all.
TEST_F(Concurrency, ConsecutiveRequestsOnAlternateServersAreAnsweredAsByOne) {
  Client on_first(server().port()), on_second(second_->port());
  ASSERT_EQ(on_first.login("division").status, 200);
  on_second.cookie = on_first.cookie;
  on_second.csrf = on_first.csrf;
  EXPECT_EQ(on_second.get("/api/session").data()["user"]["username"], "division");

  // A list kept in the first process's cache, then a record created through the second.
  const std::string list = "/api/institutions?q=T-ALT&page_size=10";
  EXPECT_EQ(on_first.get(list).data()["total"], 0);
  auto created = on_second.post("/api/institutions", institution("T-ALT-1"));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(on_first.get(list).data()["total"], 1);
  const auto path = "/api/institutions/" + std::to_string(created.data()["id"].get<long long>());

  // CSRF: the token of the session is checked by both; a wrong one is refused by both.
  Client forged = on_second;
  forged.csrf = "not-the-token";
  EXPECT_EQ(forged.post("/api/institutions", institution("T-ALT-2")).data()["error"]["code"], "csrf");
  forged = on_first;
  forged.csrf = "not-the-token";
  EXPECT_EQ(forged.post("/api/institutions", institution("T-ALT-2")).data()["error"]["code"], "csrf");

  // A version read on one process and sent twice, once to each: the second is a conflict.
  auto record = on_first.get(path).data();
  record["capacity"] = 61;
  EXPECT_EQ(on_second.put(path, record).status, 200);
  record["capacity"] = 62;
  auto late = on_first.put(path, record);
  EXPECT_EQ(late.status, 409);
  EXPECT_EQ(late.data()["error"]["current"]["capacity"], 61);
  EXPECT_EQ(on_first.get(path).data()["capacity"], 61);

  // Signing out on one ends the session on the other; the audit chain holds every write of both.
  EXPECT_EQ(on_second.del("/api/session").status, 204);
  EXPECT_EQ(on_first.get("/api/session").status, 401);
  EXPECT_EQ(on_first.get(list).status, 401);
  EXPECT_EQ(audit_entries("institution", created.data()["id"].get<long long>(), "create"), 1);
  EXPECT_EQ(audit_entries("institution", created.data()["id"].get<long long>(), "update"), 1);
  expect_audit_chain_whole();
}

// Each server keeps the accounts it has read (store::AccountCache) while the tables they come from
// (users, territories, associations) are unchanged: what an admin changes of a user through one
// server holds at that user's next request through the other, and so do the user's own language
// and their account archived.
TEST_F(Concurrency, AUsersChangeThroughOneServerHoldsAtOnceOnTheOther) {
  Client admin(second_->port());
  ASSERT_EQ(admin.login("admin").status, 200);
  const auto province = server().db().read([](soci::session& s) {
    return store::Query("SELECT parent_id FROM territories WHERE code = 'BOD-01'").scalar(s);  // institution()'s
  });
  auto created = admin.post("/api/users", {{"username", "kept-account"},
                                           {"display_name", "Kept account"},
                                           {"role", "viewer"},
                                           {"scope_territory_id", province},
                                           {"language", "ar"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const auto path = "/api/users/" + std::to_string(created.data()["id"].get<long long>());
  Client on_first(server().port()), on_second(second_->port());
  ASSERT_EQ(on_first.login("kept-account", created.data()["one_time_password"].get<std::string>()).status, 200);
  ASSERT_EQ(on_first
                .post("/api/session/password",
                      {{"current_password", created.data()["one_time_password"]}, {"new_password", "kept-password-1"}})
                .status,
            204);
  on_second.cookie = on_first.cookie;
  on_second.csrf = on_first.csrf;
  // Both servers have read the account.
  for (auto* client : {&on_first, &on_second}) {
    EXPECT_EQ(client->get("/api/session").data()["user"]["role"], "viewer");
    EXPECT_EQ(client->get("/api/institutions?page_size=1").status, 200);
  }
  EXPECT_EQ(on_first.post("/api/institutions", institution("T-KEPT-1")).status, 403);

  // A new role, given through the second server: the first answers with it.
  auto user = admin.get(path).data();
  user["role"] = "division";
  user.erase("must_change_password");  // read-only: the user changes it, with their password
  const auto put = admin.put(path, user);
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(on_first.get("/api/session").data()["user"]["role"], "division");
  EXPECT_EQ(on_first.post("/api/institutions", institution("T-KEPT-1")).status, 201);

  // The user's language, set through the first: the second speaks it.
  const auto in_arabic = on_second.post("/api/institutions", json::object()).data()["error"]["message"];
  ASSERT_EQ(on_first.post("/api/session/language", {{"language", "fr"}}).status, 200);
  EXPECT_EQ(on_second.get("/api/session").data()["user"]["language"], "fr");
  const auto in_french = on_second.post("/api/institutions", json::object()).data()["error"]["message"];
  EXPECT_NE(in_french, in_arabic);
  EXPECT_EQ(in_french, on_first.post("/api/institutions", json::object()).data()["error"]["message"]);

  // Archived through the second: signed out on both.
  ASSERT_EQ(admin.post(path + "/archive", {{"version", admin.get(path).data()["version"]}}).status, 200);
  EXPECT_EQ(on_first.get("/api/session").status, 401);
  EXPECT_EQ(on_second.get("/api/institutions?page_size=1").status, 401);
}

TEST_F(Concurrency, ReadModifyWritesOfOneRecordThroughTwoServersLoseNoUpdate) {
  auto division = as("division");
  auto created = division.post("/api/institutions", institution("T-RACE-1"));
  ASSERT_EQ(created.status, 201) << created.body;
  const auto id = created.data()["id"].get<long long>();
  const auto path = "/api/institutions/" + std::to_string(id);
  const auto initial = created.data();

  // Each client adds one place to the capacity it read: a lost update shows as a capacity
  // short of the successes.
  auto all = clients("division");
  Tally tally;
  race(all, [&](Client& client, int) {
    for (int round = 0; round < kRounds; ++round) {
      auto record = client.get(path).data();
      record["capacity"] = record["capacity"].get<long long>() + 1;
      tally.count(client.put(path, record), record["version"]);
    }
  });

  EXPECT_TRUE(tally.unexpected.empty()) << tally.unexpected.front();
  EXPECT_EQ(tally.successes + tally.conflicts, kClients * kRounds);
  EXPECT_GT(tally.successes, 0);
  const auto final = division.get(path).data();
  EXPECT_EQ(final["version"], initial["version"].get<long long>() + tally.successes);
  EXPECT_EQ(final["capacity"], initial["capacity"].get<long long>() + tally.successes);
  EXPECT_EQ(static_cast<long long>(tally.versions.size()), tally.successes);
  EXPECT_EQ(audit_entries("institution", id, "update"), tally.successes);
  std::cout << "[ institutions ] " << tally.successes << " updates, " << tally.conflicts << " conflicts\n";
}

TEST_F(Concurrency, AnswerSavesThroughTwoServersCarryAndCheckTheVersion) {
  auto division = as("division");
  const auto campaign_record = campaign(division, "دراسة تشخيصية - تزامن");
  auto added =
      division.post("/api/campaigns/" + std::to_string(campaign_record["id"].get<long long>()) + "/assessments",
                    {{"institution_id", 1}, {"assessor_ids", {user_id("assessor")}}});
  ASSERT_EQ(added.status, 201) << added.body;
  const auto id = added.data()["id"].get<long long>();
  const auto path = "/api/assessments/" + std::to_string(id);
  auto assessor = as("assessor");
  const auto answers_list = answers(assessor, id);
  const auto initial = assessor.get(path).data()["version"].get<long long>();

  auto all = clients("assessor");
  Tally tally;
  race(all, [&](Client& client, int thread) {
    for (int round = 0; round < kRounds; ++round) {
      const auto version = client.get(path).data()["version"];
      auto some = json::array({answers_list[static_cast<std::size_t>(thread + round) % answers_list.size()]});
      tally.count(client.put(path + "/answers", {{"version", version}, {"answers", some}}), version);
    }
  });

  EXPECT_TRUE(tally.unexpected.empty()) << tally.unexpected.front();
  EXPECT_EQ(tally.successes + tally.conflicts, kClients * kRounds);
  EXPECT_GT(tally.successes, 0);
  EXPECT_EQ(assessor.get(path).data()["version"], initial + tally.successes);
  EXPECT_EQ(static_cast<long long>(tally.versions.size()), tally.successes);
  EXPECT_EQ(audit_entries("assessment", id, "answers"), tally.successes);
  std::cout << "[ answers ] " << tally.successes << " saves, " << tally.conflicts << " conflicts\n";
}

TEST_F(Concurrency, OfflineSyncsOfOneCriterionThroughTwoServersSaveExactlyOne) {
  auto division = as("division");
  const auto campaign_record = campaign(division, "دراسة تشخيصية - مزامنة متزامنة");
  auto added =
      division.post("/api/campaigns/" + std::to_string(campaign_record["id"].get<long long>()) + "/assessments",
                    {{"institution_id", 1}, {"assessor_ids", {user_id("assessor"), user_id("delegation")}}});
  ASSERT_EQ(added.status, 201) << added.body;
  const auto id = added.data()["id"].get<long long>();
  const auto path = "/api/assessments/" + std::to_string(id);

  // Each round, every client syncs its own score for D1.1 from the answer's current version
  // (the first round: not answered yet): exactly one is saved, every other is a conflict
  // showing the saved answer.
  auto all = clients("assessor");
  const auto delegates = clients("delegation");
  for (std::size_t i = 1; i < all.size(); i += 2) all[i] = delegates[i];  // two assessors, two servers
  long long base = 0;
  for (int round = 0; round < kRounds / 4; ++round) {
    std::mutex mutex;
    std::vector<json> results;
    race(all, [&](Client& client, int thread) {
      const json body = {{"base_status", "draft"},
                         {"answers",
                          {{{"criterion_code", "D1.1"},
                            {"score", thread % 3},
                            {"comment", "client " + std::to_string(thread) + " round " + std::to_string(round)},
                            {"base_version", base}}}}};
      auto reply = client.post(path + "/answers/sync", body);
      std::lock_guard lock(mutex);
      results.push_back(reply.status == 200 ? reply.data()["results"][0] : json(reply.body));
    });
    int saved = 0, conflicts = 0;
    for (const auto& result : results) {
      if (result.is_object() && result["outcome"] == "saved" && result["version"] == base + 1)
        ++saved;
      else if (result.is_object() && result["outcome"] == "conflict" && result["current"]["version"] == base + 1)
        ++conflicts;
      else
        ADD_FAILURE() << result.dump();
    }
    EXPECT_EQ(saved, 1) << "round " << round;
    EXPECT_EQ(conflicts, kClients - 1) << "round " << round;
    ++base;
  }
  const auto stored = division.get(path).data()["answers"][0];
  EXPECT_EQ(stored["version"], base);
  EXPECT_EQ(audit_entries("assessment", id, "answers"), base);
}

TEST_F(Concurrency, FundingLinesRacingForOneGrantNeverExceedIt) {
  auto division = as("division");
  auto plan = division.post("/api/programmes", {{"name_ar", "برنامج التزامن"},
                                                {"territory_id", 3},
                                                {"starts_on", "2019-05-01"},
                                                {"ends_on", "2020-12-31"},
                                                {"status", "active"}});
  ASSERT_EQ(plan.status, 201) << plan.body;
  auto action = division.post("/api/actions", {{"programme_id", plan.data()["id"]},
                                               {"institution_id", 1},
                                               {"category", "equipment"},
                                               {"title_ar", "تجهيز المطبخ"},
                                               {"status", "planned"},
                                               {"progress", 0}});
  ASSERT_EQ(action.status, 201) << action.body;
  constexpr long long kCommitted = 100'000, kAmount = 7'000;  // 1,000.00 MAD; lines of 70.00 MAD
  auto grant = division.post(
      "/api/grants",
      {{"source", "indh"}, {"institution_id", 1}, {"purpose", "equipment"}, {"committed_centimes", kCommitted}});
  ASSERT_EQ(grant.status, 201) << grant.body;
  const auto grant_id = grant.data()["id"].get<long long>();

  auto all = clients("division");
  std::mutex mutex;
  long long accepted = 0, refused = 0;
  std::vector<std::string> unexpected;
  race(all, [&](Client& client, int) {
    for (int round = 0; round < 5; ++round) {
      auto reply =
          client.post("/api/funding_lines",
                      {{"grant_id", grant_id}, {"action_id", action.data()["id"]}, {"amount_centimes", kAmount}});
      std::lock_guard lock(mutex);
      if (reply.status == 201)
        ++accepted;
      else if (reply.status == 422 && reply.data()["error"]["field"] == "amount_centimes")
        ++refused;
      else
        unexpected.push_back(std::to_string(reply.status) + " " + reply.body.substr(0, 300));
    }
  });

  EXPECT_TRUE(unexpected.empty()) << unexpected.front();
  EXPECT_EQ(accepted + refused, kClients * 5);
  // As many lines as fit, and no more: each refusal saw less than one line left.
  EXPECT_EQ(accepted, kCommitted / kAmount);
  const auto stored = server().db().read([&](soci::session& s) {
    return store::
        Query("SELECT COALESCE(SUM(amount_centimes), 0) FROM funding_lines WHERE grant_id = :g AND archived_at IS NULL")
            .bind("g", grant_id)
            .scalar(s);
  });
  EXPECT_EQ(stored, accepted * kAmount);
  EXPECT_LE(stored, kCommitted);
  EXPECT_EQ(division.get("/api/grants/" + std::to_string(grant_id)).data()["allocated_centimes"], accepted * kAmount);
}

// The performance record's rules of one (one statistics record per institution and month, a
// service once per institution) hold when the same record is sent by many clients at once
// through two servers: one lands with its audit entry, every other gets 409 duplicate.
TEST_F(Concurrency, TheSameMonthOrServiceSentAtOnceThroughTwoServersLandsOnce) {
  const auto id_of = [](const std::string& table, const std::string& code) {
    return server().db().read([&](soci::session& s) {
      return store::Query("SELECT id FROM " + table + " WHERE code = :c").bind("c", code).scalar(s);
    });
  };
  const auto house = id_of("institutions", "DEMO-BOD-001");
  const json sent[] = {
      {{"institution_id", house}, {"month", "2019-02"}, {"present_primary_f", 40}, {"present_primary_m", 30}},
      {{"institution_id", house}, {"service_id", id_of("service_items", "PSYCHOLOGICAL")}}};
  const std::string resources[] = {"monthly_statistics", "institution_services"};
  const std::string entities[] = {"monthly_statistics", "institution_service"};
  const auto audit_entries = [](const std::string& entity) {
    return server().db().read([&](soci::session& s) {
      return store::Query("SELECT COUNT(*) FROM audit_log WHERE entity = :e AND action = 'create'")
          .bind("e", entity)
          .scalar(s);
    });
  };
  for (int k = 0; k < 2; ++k) {
    const auto rows = count(resources[k]);
    const auto audited = audit_entries(entities[k]);
    auto all = clients("association");
    std::mutex mutex;
    long long created = 0, duplicates = 0;
    std::vector<std::string> unexpected;
    race(all, [&](Client& client, int) {
      auto reply = client.post("/api/" + resources[k], sent[k]);
      std::lock_guard lock(mutex);
      if (reply.status == 201)
        ++created;
      else if (reply.status == 409 && reply.data()["error"]["code"] == "duplicate")
        ++duplicates;
      else
        unexpected.push_back(std::to_string(reply.status) + " " + reply.body.substr(0, 300));
    });
    EXPECT_TRUE(unexpected.empty()) << resources[k] << ": " << unexpected.front();
    EXPECT_EQ(created, 1) << resources[k];
    EXPECT_EQ(duplicates, kClients - 1) << resources[k];
    EXPECT_EQ(count(resources[k]), rows + 1) << resources[k];
    EXPECT_EQ(audit_entries(entities[k]), audited + 1) << resources[k];
  }
}

// Pupils recorded at once in one register through two servers: its computed months count every
// one of them, in one record a month (each write recomputes them, one after the other).
TEST_F(Concurrency, PupilsRecordedAtOnceAreAllCountedInTheRegistersMonths) {
  auto division = as("division");
  const auto house = division.post("/api/institutions", institution("RACE-REGISTER"));
  ASSERT_EQ(house.status, 201) << house.body;
  const auto id = house.data()["id"];
  keep_register(id.get<long long>());
  const auto commune = house.data()["commune_id"];
  auto all = clients("association");
  std::mutex mutex;
  std::vector<std::string> unexpected;
  race(all, [&](Client& client, int i) {
    const json pupil = {{"institution_id", id},         {"full_name_ar", "تلميذ رقم " + std::to_string(i)},
                        {"sex", i % 2 ? "m" : "f"},     {"birth_date", "2006-03-14"},
                        {"origin_commune_id", commune}, {"admission_date", "2018-09-10"}};
    const auto reply = client.post("/api/beneficiaries", pupil);
    if (reply.status == 201) return;
    std::lock_guard lock(mutex);
    unexpected.push_back(std::to_string(reply.status) + " " + reply.body.substr(0, 300));
  });
  ASSERT_TRUE(unexpected.empty()) << unexpected.front();
  const auto september =
      division.get("/api/monthly_statistics?institution_id=" + id.dump() + "&month=2018-09").data()["items"];
  ASSERT_EQ(september.size(), 1u) << september.dump();
  EXPECT_EQ(september[0]["present_total"], kClients);
  EXPECT_EQ(september[0]["admissions_f"], kClients / 2);
  EXPECT_EQ(september[0]["admissions_m"], kClients / 2);
  const auto latest =
      division.get("/api/monthly_statistics?institution_id=" + id.dump() + "&sort=month&order=desc&page_size=1")
          .data()["items"];
  ASSERT_EQ(latest.size(), 1u);
  EXPECT_EQ(latest[0]["present_total"], kClients);
}

// Months of one institution typed at once through both servers: each write recomputes the
// institution's indicator sums after locking it, so none is lost, and what is kept is what a
// recomputation from scratch gives.
TEST_F(Concurrency, MonthsTypedAtOnceAreAllInTheIndicators) {
  auto division = as("division");
  const auto house = division.post("/api/institutions", institution("RACE-MONTHS"));
  ASSERT_EQ(house.status, 201) << house.body;
  const auto id = house.data()["id"];
  auto all = clients("association");
  std::mutex mutex;
  std::vector<std::string> unexpected;
  race(all, [&](Client& client, int i) {
    const auto month = fmt::format("{:04}-{:02}", 2018 + i / 12, 1 + i % 12);
    const json body = {
        {"institution_id", id}, {"month", month}, {"present_primary_f", 10 + i}, {"present_primary_m", 5}};
    const auto reply = client.post("/api/monthly_statistics", body);
    if (reply.status == 201) return;
    std::lock_guard lock(mutex);
    unexpected.push_back(std::to_string(reply.status) + " " + reply.body.substr(0, 300));
  });
  ASSERT_TRUE(unexpected.empty()) << unexpected.front();
  const auto target = "/api/indicators?institution_id=" + id.dump();
  const auto indicators = division.get(target);
  ASSERT_EQ(indicators.status, 200) << indicators.body;
  const auto kept = indicators.data();
  long long reports = 0;
  for (const auto& year : kept["trend"]) reports += year["reports"].get<long long>();
  EXPECT_EQ(reports, kClients) << kept.dump();
  server().db().write([](soci::session& s) -> domain::Result<void> {
    store::Query("DELETE FROM indicator_sums").execute(s);
    return {};
  });
  store::fill_indicator_sums(server().db());
  EXPECT_EQ(division.get(target).data(), kept);
}

}  // namespace
}  // namespace riaya::test
