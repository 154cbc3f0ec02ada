// The statements a pooled connection keeps prepared (store::PreparedStatements, issue 12): the
// same answers as a statement prepared for one run, a bounded number of them (on PostgreSQL the
// server's prepared statements too), no read left part-way that holds a connection on an old
// snapshot, and no failed run or prepare that spoils the next. On the backend the suite runs on.
#include "store/prepared_statements.hpp"
#include "store/database.hpp"
#include "suite.hpp"

#include <stdexcept>

namespace riaya::test {
namespace {

class PreparedStatementsTest : public ApiTest {
 protected:
  // A database of one connection on the suite's database: what it reads, it reads on that one.
  static std::unique_ptr<store::Database> one_connection() { return store::Database::open(server().db().url(), 1); }

  static long long live_institutions(store::Database& db) {
    return db.read([](soci::session& session) {
      return store::Query("SELECT COUNT(*) FROM institutions WHERE archived_at IS NULL").scalar(session);
    });
  }
};

TEST_F(PreparedStatementsTest, AReadStoppedPartWaySeesTheNextCommittedWrite) {
  auto db = one_connection();
  const auto before = live_institutions(*db);
  ASSERT_GE(before, 2) << "the demo registry has institutions";
  // A visitor that stops after the first row: the kept statement is left part-way through.
  EXPECT_THROW(db->read([](soci::session& session) {
    store::Query("SELECT id FROM institutions WHERE archived_at IS NULL ORDER BY id").each(session, [](json&&) {
      throw std::runtime_error("enough");
    });
  }),
               std::runtime_error);
  // Another connection (another server) archives an institution and commits.
  const auto archived = server().db().write([](soci::session& session) -> domain::Result<long long> {
    const auto id = store::Query("SELECT MAX(id) FROM institutions WHERE archived_at IS NULL").scalar(session);
    store::Query("UPDATE institutions SET archived_at = :now WHERE id = :id")
        .bind("now", store::utc_now())
        .bind("id", id)
        .execute(session);
    return id;
  });
  ASSERT_TRUE(archived.has_value());
  // The first connection reads the committed state, not the snapshot of its stopped read.
  EXPECT_EQ(live_institutions(*db), before - 1);
  server().db().write([&](soci::session& session) -> domain::Result<long long> {
    return store::Query("UPDATE institutions SET archived_at = NULL WHERE id = :id")
        .bind("id", *archived)
        .execute(session);
  });
  EXPECT_EQ(live_institutions(*db), before);
}

TEST_F(PreparedStatementsTest, AConnectionKeepsAtMostItsBoundOfStatementsAndAnswersAsOneRunWould) {
  auto db = one_connection();
  const bool postgres = db->backend() == store::Backend::Postgres;
  db->read([&](soci::session& session) {
    // The server's prepared statements, counted without preparing one.
    const auto server_prepared = [&] {
      long long count = 0;
      if (postgres) session << "SELECT COUNT(*) FROM pg_prepared_statements", soci::into(count);
      return count;
    };
    const auto at_start = server_prepared();
    store::PreparedStatements kept(session, 2);
    const store::PreparedStatements::InUse in_use(kept);
    const std::vector<std::string> sql{"SELECT COUNT(*) FROM institutions WHERE id <= :n",
                                       "SELECT COUNT(*) FROM associations WHERE id <= :n",
                                       "SELECT COUNT(*) FROM territories WHERE id <= :n"};
    for (int round = 0; round < 3; ++round)
      for (std::size_t i = 0; i < sql.size(); ++i) {
        const long long n = round + static_cast<long long>(i) + 1;
        // The same count as a statement prepared for this one run (raw SOCI, nothing kept).
        long long expected = 0;
        session << std::string(sql[i]), soci::use(n, "n"), soci::into(expected);
        EXPECT_EQ(store::Query(sql[i]).bind("n", n).scalar(session), expected) << sql[i] << " n=" << n;
        EXPECT_LE(kept.size(), 2U);
      }
    EXPECT_EQ(kept.size(), 2U);
    // On PostgreSQL the statements dropped were deallocated on the server too.
    if (postgres) {
      EXPECT_EQ(server_prepared() - at_start, 2);
    }
  });
}

// A statement testing the caller's territory path is the whole country for one caller and a
// commune for the next: on PostgreSQL it is not kept (a kept one would run, after five runs, a
// plan made without its values), and each run answers for its own path; SQLite keeps it.
TEST_F(PreparedStatementsTest, AStatementOnTheScopesPathIsPlannedWithItsValuesOnPostgres) {
  auto db = one_connection();
  const bool postgres = db->backend() == store::Backend::Postgres;
  db->read([&](soci::session& session) {
    store::PreparedStatements kept(session);
    const store::PreparedStatements::InUse in_use(kept);
    const std::string sql =
        "SELECT COUNT(*) FROM institutions r JOIN territories c ON c.id = r.commune_id WHERE c.path LIKE :scope_path";
    const auto all = store::Query("SELECT COUNT(*) FROM institutions").scalar(session);
    ASSERT_GE(all, 2) << "the demo registry has institutions";
    EXPECT_EQ(kept.size(), 1U) << "a statement without the scope's path is kept";
    const auto commune_path =
        store::Query("SELECT c.path FROM institutions r JOIN territories c ON c.id = r.commune_id ORDER BY r.id")
            .first(session)
            .value()["path"]
            .get<std::string>();
    for (int run = 0; run < 7; ++run) {
      const bool country = run % 2 == 0;
      long long expected = 0;
      const std::string path = country ? "/%" : commune_path + "%";
      session << "SELECT COUNT(*) FROM institutions r JOIN territories c ON c.id = r.commune_id WHERE c.path LIKE :p",
          soci::use(path, "p"), soci::into(expected);
      EXPECT_EQ(store::Query(sql).bind("scope_path", path).scalar(session), expected) << path;
      if (country) {
        EXPECT_EQ(expected, all);
      }
    }
    EXPECT_EQ(kept.size(), postgres ? 2U : 3U) << "kept on SQLite only";
  });
}

TEST_F(PreparedStatementsTest, TheSameQueryRunFromItsOwnVisitorAnswersBothWhole) {
  auto db = one_connection();
  const std::string sql = "SELECT id FROM institutions WHERE archived_at IS NULL AND id >= :from ORDER BY id";
  db->read([&](soci::session& session) {
    std::vector<long long> outer, inner_counts;
    store::Query(sql).bind("from", 0).each(session, [&](json&& row) {
      outer.push_back(row["id"].get<long long>());
      // The same SQL while the outer rows are visited: it runs beside, not over, the kept one.
      inner_counts.push_back(static_cast<long long>(store::Query(sql).bind("from", outer.back()).rows(session).size()));
    });
    ASSERT_GE(outer.size(), 2U);
    for (std::size_t i = 0; i < outer.size(); ++i)
      EXPECT_EQ(inner_counts[i], static_cast<long long>(outer.size() - i)) << "institution " << outer[i];
    // Kept for the next run, which sees every row again.
    EXPECT_EQ(store::Query(sql).bind("from", 0).rows(session).size(), outer.size());
  });
}

TEST_F(PreparedStatementsTest, AStatementThatFailedRunsAgainAfterTheRollback) {
  auto db = one_connection();
  const std::string insert =
      "INSERT INTO categories (code, name_ar, name_fr, search_key, version, created_at, updated_at)"
      " VALUES (:code, :name, :name, :code, 1, :now, :now)";
  const auto add = [&](const std::string& code) {
    return db->write([&](soci::session& session) -> domain::Result<long long> {
      return store::Query(insert)
          .bind("code", code)
          .bind("name", "فئة " + code)
          .bind("now", store::utc_now())
          .execute(session);
    });
  };
  ASSERT_EQ(add("prepared-a").value_or(0), 1);
  // The same code again breaks the table's unique code: the write throws and rolls back.
  EXPECT_THROW(add("prepared-a"), soci::soci_error);
  // The SQL runs again, in the next transaction, on the same connection (its failed statement made
  // afresh: a failed run leaves SOCI's buffers of its values to be freed by the statement).
  EXPECT_EQ(add("prepared-b").value_or(0), 1);
  EXPECT_EQ(db->read([](soci::session& session) {
    return store::Query("SELECT COUNT(*) FROM categories WHERE code LIKE 'prepared-%'").scalar(session);
  }),
            2);
  // On PostgreSQL the failed statement was deallocated on the server: one of this SQL is left.
  if (db->backend() == store::Backend::Postgres) {
    EXPECT_EQ(db->read([](soci::session& session) {
      long long count = 0;
      session << "SELECT COUNT(*) FROM pg_prepared_statements WHERE statement LIKE 'INSERT INTO categories%'",
          soci::into(count);
      return count;
    }),
              1);
  }
}

// A kept statement whose prepare threw (its table not made yet) is prepared again at its next
// use, not run unprepared.
TEST_F(PreparedStatementsTest, AStatementWhosePrepareFailedIsPreparedAgain) {
  auto db = one_connection();
  const auto count = [&] {
    return db->read([](soci::session& session) {
      return store::Query("SELECT COUNT(*) FROM prepared_later WHERE id > :id").bind("id", 0).scalar(session);
    });
  };
  EXPECT_THROW(count(), soci::soci_error);
  const auto schema = [&](const std::string& sql) {
    ASSERT_TRUE(db->write_schema([&](soci::session& session) -> domain::Result<void> {
      session << sql;
      return {};
    }));
  };
  schema("CREATE TABLE prepared_later (id INTEGER PRIMARY KEY)");
  EXPECT_EQ(count(), 0);
  schema("DROP TABLE prepared_later");
}

}  // namespace
}  // namespace riaya::test
