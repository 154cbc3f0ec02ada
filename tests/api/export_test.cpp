// Every registry list as a file (GET /api/<resource>/export): the same records as the list,
// with its filters and the caller's scope, labels in the language asked for, choices named,
// dates as date cells and amounts in dirhams; on both backends.
#include "domain/money.hpp"
#include "domain/schema.hpp"
#include "io/labels.hpp"
#include "io/xlsx_reader.hpp"
#include "store/query.hpp"
#include "suite.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace riaya::test {
namespace {

class Exports : public ApiTest {
 protected:
  static io::Sheet sheet_of(const Reply& reply) {
    EXPECT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(reply.headers.at("content-type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    auto workbook = io::read_xlsx(reply.body);
    if (!workbook || workbook->sheets.empty()) {
      ADD_FAILURE() << "not a workbook";
      return {};
    }
    return workbook->sheets.front();
  }
  static std::size_t column(const io::Sheet& sheet, const std::string& label) {
    const auto& header = sheet.rows.at(0);
    for (std::size_t at = 0; at < header.size(); ++at)
      if (header[at] == label) return at;
    ADD_FAILURE() << "no column " << label;
    return 0;
  }
  // Excel's serial number of a YYYY-MM-DD day (days since 1899-12-30).
  static std::string serial(const std::string& iso) {
    const std::chrono::year_month_day day{std::chrono::year(std::stoi(iso.substr(0, 4))),
                                          std::chrono::month(static_cast<unsigned>(std::stoi(iso.substr(5, 2)))),
                                          std::chrono::day(static_cast<unsigned>(std::stoi(iso.substr(8, 2))))};
    const std::chrono::year_month_day epoch{std::chrono::year(1899), std::chrono::December, std::chrono::day(30)};
    return std::to_string((std::chrono::sys_days(day) - std::chrono::sys_days(epoch)).count());
  }
};

TEST_F(Exports, EveryListExportsItsOwnRecords) {
  auto admin = as("admin"), division = as("division");
  for (const auto& spec : domain::registry_specs()) {
    const std::string resource(spec.resource);
    // The admin reads what the division does not (users), and the division what the admin does not (actions).
    auto& reader = admin.get("/api/" + resource).status == 200 ? admin : division;
    const auto list = reader.get("/api/" + resource + "?page_size=1");
    ASSERT_EQ(list.status, 200) << resource;
    const auto total = list.data()["total"].get<std::size_t>();
    const auto sheet = sheet_of(reader.get("/api/" + resource + "/export?lang=fr"));
    EXPECT_EQ(sheet.rows.size(), total + 1) << resource;  // the labels, then each record
    auto csv = reader.get("/api/" + resource + "/export?format=csv&lang=ar");
    EXPECT_EQ(csv.status, 200) << resource;
    EXPECT_EQ(csv.headers["content-type"], "text/csv; charset=utf-8");
    EXPECT_TRUE(csv.body.starts_with("\xEF\xBB\xBF#,")) << resource;
  }
}

// The file is read from the database row by row without the list's JSON: every cell is still
// what the list answers for the same filters (ids, texts, sealed fields opened, choices and
// references named, dates, amounts the list computes), for every resource.
TEST_F(Exports, EachCellIsWhatTheListAnswersForTheSameFilters) {
  auto admin = as("admin"), division = as("division");
  const auto at = [](const std::vector<std::string>& row, std::size_t column) {
    return column < row.size() ? row[column] : std::string();
  };
  std::size_t compared = 0;
  for (const auto& spec : domain::registry_specs()) {
    const std::string resource(spec.resource);
    auto& reader = admin.get("/api/" + resource).status == 200 ? admin : division;
    const auto items = reader.get("/api/" + resource + "?sort=id&order=desc&page_size=4").data()["items"];
    const auto sheet = sheet_of(reader.get("/api/" + resource + "/export?sort=id&order=desc&lang=fr"));
    ASSERT_GE(sheet.rows.size(), items.size() + 1) << resource;
    for (std::size_t index = 0; index < items.size(); ++index) {
      const auto& item = items[index];
      const auto& row = sheet.rows[index + 1];
      std::vector<std::string> expected{std::to_string(item["id"].get<long long>())};
      for (const auto& field : spec.fields) {
        const std::string name(field.name);
        const auto& value = item[name];
        if (value.is_null()) {
          expected.emplace_back();
        } else if (field.type == domain::FieldType::Reference) {
          const auto stem = name.substr(0, name.size() - 3);
          std::string shown = std::to_string(value.get<long long>());
          for (const auto& key : {stem + "_name_fr", stem + "_name_ar", stem + "_title_fr", stem + "_title_ar"})
            if (item.contains(key) && item[key].is_string() && !item[key].get<std::string>().empty()) {
              shown = item[key].get<std::string>();
              break;
            }
          expected.push_back(shown);
        } else if (field.type == domain::FieldType::Choice) {
          expected.push_back(io::choice_label(spec, name, value.get<std::string>(), domain::Language::French)
                                 .value_or(value.get<std::string>()));
        } else if (name.ends_with("_centimes")) {
          expected.push_back(domain::decimal_dirhams(value.get<long long>()));
        } else if (field.type == domain::FieldType::Date) {
          expected.push_back(serial(value.get<std::string>()));
        } else {
          expected.push_back(value.is_string() ? value.get<std::string>() : value.dump());
        }
      }
      for (const auto& field : spec.read_only)
        if (field.name.ends_with("_centimes"))
          expected.push_back(item[std::string(field.name)].is_number()
                                 ? domain::decimal_dirhams(item[std::string(field.name)].get<long long>())
                                 : std::string());
      for (std::size_t column = 0; column < expected.size(); ++column)
        EXPECT_EQ(at(row, column), expected[column])
            << resource << " #" << item["id"] << " " << sheet.rows[0].at(column);
      ++compared;
    }
  }
  EXPECT_GT(compared, 40u) << "the demo fills most lists";
}

TEST_F(Exports, RowsFollowTheListsFiltersAndOrderInTheLanguageAsked) {
  auto division = as("division");
  const auto list = division.get("/api/institutions?sort=code&order=desc&page_size=200").data()["items"];
  ASSERT_GT(list.size(), 1u);
  const auto sheet = sheet_of(division.get("/api/institutions/export?sort=code&order=desc&lang=fr"));
  ASSERT_EQ(sheet.rows.size(), list.size() + 1);
  EXPECT_EQ(sheet.name, "Établissements");
  const auto code = column(sheet, "Code"), status = column(sheet, "Statut"),
             association = column(sheet, "Association gestionnaire");
  for (std::size_t at = 0; at < list.size(); ++at) {
    const auto& row = sheet.rows[at + 1];
    EXPECT_EQ(row.at(0), std::to_string(list[at]["id"].get<long long>()));
    EXPECT_EQ(row.at(code), list[at]["code"]);
    EXPECT_EQ(row.at(association), list[at]["association_name_fr"].is_string() ? list[at]["association_name_fr"]
                                                                               : list[at]["association_name_ar"]);
    if (list[at]["status"] == "active") {
      EXPECT_EQ(row.at(status), "En activité");
    }
  }
  // A filter and a search narrow the file as they narrow the list.
  const auto first = list[0]["code"].get<std::string>();
  const auto found = sheet_of(division.get("/api/institutions/export?q=" + first + "&lang=ar"));
  ASSERT_EQ(found.rows.size(), division.get("/api/institutions?q=" + first).data()["items"].size() + 1);
  EXPECT_EQ(found.rows.at(1).at(column(found, "الرمز")), first);
  EXPECT_EQ(found.name, "المؤسسات");
}

TEST_F(Exports, DatesAreDateCellsAndAmountsAreDirhams) {
  auto division = as("division");
  const auto documents = division.get("/api/documents?sort=id&page_size=200").data()["items"];
  const auto sheet = sheet_of(division.get("/api/documents/export?sort=id&lang=fr"));
  const auto expires = column(sheet, "Date d’expiration");
  bool dated = false;
  for (std::size_t at = 0; at < documents.size(); ++at) {
    if (!documents[at]["expires_on"].is_string()) continue;
    EXPECT_EQ(sheet.rows.at(at + 1).at(expires), serial(documents[at]["expires_on"].get<std::string>()));
    dated = true;
  }
  EXPECT_TRUE(dated) << "the demo has documents with an expiry date";

  const auto item = division.get("/api/equipment_items?page_size=1").data()["items"][0]["id"];
  auto need = division.post("/api/equipment_needs", {{"institution_id", 1},
                                                     {"item_id", item},
                                                     {"quantity", 3},
                                                     {"unit_cost_centimes", 123456},
                                                     {"priority", "high"},
                                                     {"status", "open"}});
  ASSERT_EQ(need.status, 201) << need.body;
  auto csv = division.get("/api/equipment_needs/export?format=csv&lang=fr&sort=id&order=desc").body;
  const auto line = csv.substr(csv.find("\r\n") + 2);
  EXPECT_TRUE(line.starts_with(std::to_string(need.data()["id"].get<long long>()) + ",")) << line;
  EXPECT_NE(line.substr(0, line.find("\r\n")).find(",1234.56,"), std::string::npos) << line;
}

TEST_F(Exports, NoOneReceivesAnotherScopeOrPersonalDataTheyMayNotRead) {
  const auto mine = as("division").get("/api/institutions/export?format=csv").body;
  const auto theirs = as("division_other").get("/api/institutions/export?format=csv").body;
  EXPECT_NE(theirs.find("OTHER-001"), std::string::npos);
  EXPECT_EQ(mine.find("OTHER-001"), std::string::npos);
  EXPECT_EQ(as("association").get("/api/institutions/export?format=csv").body.find("OTHER-001"), std::string::npos);
  // A viewer's file has no column of a person's data, nor its values; a role that may not read
  // a list may not export it.
  auto division = as("division");
  std::string name;
  const auto associations = division.get("/api/associations?page_size=200").data();
  for (const auto& association : associations["items"])
    if (association["president_name"].is_string()) name = association["president_name"].get<std::string>();
  ASSERT_FALSE(name.empty()) << "the demo names the associations' presidents";
  EXPECT_NE(division.get("/api/associations/export?format=csv").body.find(name), std::string::npos);
  const auto seen = as("viewer").get("/api/associations/export?format=csv&lang=fr");
  EXPECT_EQ(seen.status, 200);
  EXPECT_EQ(seen.body.find(name), std::string::npos);
  EXPECT_EQ(seen.body.find("Téléphone"), std::string::npos);
  EXPECT_EQ(as("viewer").get("/api/staff").status, as("viewer").get("/api/staff/export").status);
}

TEST_F(Exports, BadParametersAreRefusedByName) {
  auto division = as("division");
  for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{
           {"format=pdf", "format"}, {"lang=xx", "lang"}, {"sort=nothing", "sort"}, {"colour=red", "colour"}}) {
    auto reply = division.get("/api/institutions/export?" + query);
    EXPECT_EQ(reply.status, 400) << query;
    EXPECT_EQ(reply.data()["error"]["field"], field) << reply.body;
  }
  // A filter that matches nothing gives a file with its labels only.
  const auto empty = sheet_of(division.get("/api/institutions/export?q=zzzznothing"));
  EXPECT_EQ(empty.rows.size(), 1u);
  EXPECT_EQ(as("association").get("/api/users/export").status, 403);
}

TEST_F(Exports, FilesAreStreamedInChunksThatEndWhole) {
  const auto reply = as("division").get("/api/institutions/export?format=csv");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.headers.at("transfer-encoding"), "chunked");
  EXPECT_FALSE(reply.headers.contains("content-length"));
  EXPECT_TRUE(reply.whole);
  EXPECT_TRUE(reply.body.starts_with("\xEF\xBB\xBF#,"));
}

TEST_F(Exports, AScanReadsEveryRowOfAResultLargerThanOneBatchInOrder) {
  // On PostgreSQL a scan reads through a cursor, 1,000 rows at a time.
  std::vector<long long> seen;
  server().db().read([&](soci::session& session) {
    store::Query("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :last) SELECT i FROM n")
        .bind("last", 2500)
        .integers({"i"})
        .scan(session, [&](nlohmann::json&& row) { seen.push_back(row["i"].get<long long>()); });
  });
  ASSERT_EQ(seen.size(), 2500u);
  for (std::size_t at = 0; at < seen.size(); ++at) ASSERT_EQ(seen[at], static_cast<long long>(at + 1));
}

TEST_F(Exports, AssessmentsExportOneRowPerAnswerInTheirScope) {
  auto division = as("division"), assessor = as("assessor");
  const auto record = campaign(division, "حملة التصدير");
  run_assessment(division, assessor, record, {{"D6.1", 0}, {"D6.2", nullptr}});
  const auto campaign_id = std::to_string(record["id"].get<long long>());
  const auto sheet = sheet_of(division.get("/api/assessments/export?campaign_id=" + campaign_id + "&lang=fr"));
  EXPECT_EQ(sheet.name, "Évaluations et réponses");
  const auto listed = division.get(
      "/api/assessments/" +
      std::to_string(
          division.get("/api/assessments?campaign_id=" + campaign_id).data()["items"][0]["id"].get<long long>()));
  const auto answers = listed.data()["answers"];
  ASSERT_EQ(sheet.rows.size(), answers.size() + 1);
  const auto code = column(sheet, "Code du critère"), score = column(sheet, "Note"), status = column(sheet, "Statut"),
             institution = column(sheet, "Code");
  std::map<std::string, std::string> scores;
  for (std::size_t at = 1; at < sheet.rows.size(); ++at) {
    scores[sheet.rows[at].at(code)] = sheet.rows[at].size() > score ? sheet.rows[at][score] : "";
    EXPECT_EQ(sheet.rows[at].at(status), "Validée");
    EXPECT_FALSE(sheet.rows[at].at(institution).empty());
  }
  EXPECT_EQ(scores["D6.1"], "0");
  EXPECT_EQ(scores["D6.3"], "2");
  EXPECT_NE(scores["D6.2"], "");  // not applicable, in the grid's words
  EXPECT_NE(scores["D6.2"], "2");
  // The grid's order: D1's criteria before D6's.
  EXPECT_EQ(sheet.rows[1].at(code).substr(0, 2), "D1");

  // An association sees the validated official assessments of its own institutions only: the
  // same assessments as its list.
  auto association = as("association");
  const auto its_list = association.get("/api/assessments?campaign_id=" + campaign_id).data();
  const auto its_csv = association.get("/api/assessments/export?format=csv&campaign_id=" + campaign_id);
  EXPECT_EQ(its_csv.status, 200);
  const auto lines = static_cast<std::size_t>(std::count(its_csv.body.begin(), its_csv.body.end(), '\n'));
  EXPECT_EQ(lines, 1 + its_list["total"].get<std::size_t>() * answers.size());
  EXPECT_EQ(as("viewer").get("/api/assessments").status, as("viewer").get("/api/assessments/export").status);
  for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{
           {"format=pdf", "format"}, {"lang=xx", "lang"}, {"sort=code", "sort"}, {"campaign_id=x", "campaign_id"}}) {
    auto reply = division.get("/api/assessments/export?" + query);
    EXPECT_EQ(reply.status, 400) << query;
    EXPECT_EQ(reply.data()["error"]["field"], field) << reply.body;
  }
}

TEST_F(Exports, TheAuditTrailExportsWhatItsListShows) {
  auto division = as("division");
  ASSERT_EQ(division.post("/api/institutions", institution("AUD-EXP-1", "مؤسسة السجل")).status, 201);
  const auto list = division.get("/api/audit?entity=institution&page_size=200").data();
  const auto sheet = sheet_of(division.get("/api/audit/export?entity=institution&lang=ar"));
  ASSERT_EQ(sheet.rows.size(), list["total"].get<std::size_t>() + 1);
  EXPECT_EQ(sheet.name, "سجل العمليات");
  EXPECT_EQ(sheet.rows[1].at(0), std::to_string(list["items"][0]["id"].get<long long>()));  // newest first
  EXPECT_NE(sheet.rows[1].at(column(sheet, "التغييرات")).find("مؤسسة السجل"), std::string::npos);
  EXPECT_EQ(sheet.rows[1].at(column(sheet, "نوع السجل")), "مؤسسة");
  EXPECT_EQ(as("association").get("/api/audit").status, as("association").get("/api/audit/export").status);
  auto bad = division.get("/api/audit/export?from=yesterday");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.data()["error"]["field"], "from");
}

// While as many streamed answers are being sent as the server allows (half its workers: one of
// two here), an export is refused 503 busy, worded in the caller's own language (the session's,
// not the browser's Accept-Language), with Retry-After; once the other is done, it goes. The
// server is a second one on the suite's API: the held answer is a stream of the test's own.
TEST_F(Exports, AnExportBeyondTheStreamsAllowedIsBusyInTheCallersLanguage) {
  std::mutex mutex;
  std::condition_variable changed;
  bool holding = false, released = false;
  auto& api = server().api();
  http::Server busy(
      {.address = "127.0.0.1", .port = 0, .workers = 2, .handle_signals = false},
      [&](http::Request& request) {
        if (request.path != "/api/held") return api.handle(request);
        http::Response held;
        held.content_type = "text/plain";
        held.stream = [&](const std::function<void(std::string_view)>& write) {
          write("held");
          std::unique_lock lock(mutex);
          holding = true;
          changed.notify_all();
          changed.wait(lock, [&] { return released; });
        };
        return held;
      },
      [&](const http::Request& request, http::Failure failure) { return api.failure(request, failure); });
  std::thread serving([&] { busy.run(); });
  std::thread holder([&] { Client(busy.port()).get("/api/held"); });
  {
    std::unique_lock lock(mutex);
    ASSERT_TRUE(changed.wait_for(lock, std::chrono::seconds(20), [&] { return holding; }));
  }

  auto division = as("division");
  ASSERT_EQ(division.post("/api/session/language", {{"language", "fr"}}).status, 200);
  Client other(busy.port());
  other.cookie = division.cookie;
  other.language = "ar";
  auto refused = other.get("/api/institutions/export?format=csv");
  EXPECT_EQ(refused.status, 503) << refused.body;
  EXPECT_EQ(refused.data()["error"]["code"], "busy");
  EXPECT_EQ(refused.data()["error"]["message"],
            "Le serveur est occupé par d'autres fichiers. Réessayez dans un instant.");
  EXPECT_EQ(refused.headers["retry-after"], "60");
  // Someone not signed in gets it in their browser's language.
  http::Request anonymous;
  anonymous.headers["accept-language"] = "ar";
  EXPECT_NE(api.failure(anonymous, http::Failure::Busy).body.find("الخادم منشغل"), std::string::npos);

  {
    std::lock_guard lock(mutex);
    released = true;
  }
  changed.notify_all();
  holder.join();
  const auto after = other.get("/api/institutions/export?format=csv");
  EXPECT_EQ(after.status, 200);
  EXPECT_TRUE(after.body.starts_with("\xEF\xBB\xBF#,")) << after.body.substr(0, 80);
  busy.stop();
  serving.join();
  ASSERT_EQ(division.post("/api/session/language", {{"language", "en"}}).status, 200);
}

}  // namespace
}  // namespace riaya::test
