#include "domain/money.hpp"

#include "store/query.hpp"

#include <gtest/gtest.h>
#include <soci/sqlite3/soci-sqlite3.h>

namespace riaya::domain {
namespace {

TEST(Funding, GapIsWhatTheCostStillLacks) {
  const auto partly = funding(2'500'000, 2'000'000);  // 25,000.00 MAD, 20,000.00 funded
  EXPECT_EQ(partly.gap, 500'000);
  EXPECT_EQ(partly.surplus, 0);
  const auto over = funding(1'000'000, 1'250'050);
  EXPECT_EQ(over.gap, 0);
  EXPECT_EQ(over.surplus, 250'050);
  const auto unfunded = funding(kMaxCentimes, 0);
  EXPECT_EQ(unfunded.gap, kMaxCentimes);
  EXPECT_EQ(funding(0, 0).gap, 0);
  // One centime is never lost to rounding: the sums are integers.
  EXPECT_EQ(funding(10, 3).gap + 3, 10);
}

TEST(Overdue, OnlyOpenActionsDueBeforeToday) {
  EXPECT_TRUE(is_overdue("planned", "2019-04-25", "2019-04-26"));
  EXPECT_TRUE(is_overdue("ongoing", "2018-12-31", "2019-01-01"));
  EXPECT_FALSE(is_overdue("ongoing", "2019-04-26", "2019-04-26"));  // due today is not late yet
  EXPECT_FALSE(is_overdue("done", "2018-01-01", "2019-04-26"));
  EXPECT_FALSE(is_overdue("cancelled", "2018-01-01", "2019-04-26"));
  EXPECT_FALSE(is_overdue("planned", "", "2019-04-26"));  // no due date
}

// The SQL the lists and counts use says the same of every status and due date (run on SQLite).
TEST(Overdue, TheSqlRuleAgreesWithIsOverdue) {
  soci::session session(soci::sqlite3, ":memory:");
  session << "CREATE TABLE actions (id INTEGER PRIMARY KEY, status TEXT NOT NULL, due_on TEXT)";
  const std::string today = "2019-04-26";
  for (const char* status : {"planned", "ongoing", "done", "cancelled"})
    for (const char* due : {"", "2019-04-25", "2019-04-26", "2019-04-27"}) {
      const auto id = store::Query("INSERT INTO actions (status, due_on) VALUES (:s, :d) RETURNING id")
                          .bind("s", status)
                          .bind("d", *due ? nlohmann::json(due) : nlohmann::json(nullptr))
                          .scalar(session);
      const auto sql = "SELECT COUNT(*) FROM actions a WHERE a.id = :id AND " + overdue_sql("a", "today");
      const bool in_sql = store::Query(sql).bind("id", id).bind("today", today).scalar(session) == 1;
      EXPECT_EQ(in_sql, is_overdue(status, due, today)) << status << " due " << due;
    }
}

}  // namespace
}  // namespace riaya::domain
