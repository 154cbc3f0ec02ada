// Lists ordered by a stored sort key and searched through a trigram index (issue 12) answer
// exactly what sorting with the Arabic collation and LIKE over every key answered: each list
// is compared, on the same rows, with the SQL it replaced, run on the same database.
#include "domain/search_key.hpp"
#include "store/records.hpp"
#include "store/sort_keys.hpp"
#include "suite.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <tuple>
#include <vector>

namespace riaya::test {
namespace {

class ListIndex : public ApiTest {
 protected:
  // The codes of the institutions whose code starts with `prefix`, in the order the database's
  // Arabic collation gives their `field` (what lists did before the sort key), then by id.
  static std::vector<std::string> collated(const std::string& prefix, const std::string& field, bool descending) {
    const std::string direction = descending ? " DESC" : " ASC";
    const bool postgres = server().db().backend() == store::Backend::Postgres;
    return server().db().read([&](soci::session& session) {
      if (postgres)
        session
            << "CREATE COLLATION IF NOT EXISTS riaya_ar_ties (provider = icu, locale = 'ar', deterministic = false)";
      const std::string collation = postgres ? "COLLATE riaya_ar_ties" : std::string(server().db().arabic_collation());
      std::vector<std::string> codes;
      for (const auto& row :
           store::Query("SELECT code FROM institutions WHERE code LIKE :prefix AND archived_at IS NULL"
                        " ORDER BY " +
                        field + " " + collation + direction + ", id" + direction)
               .bind("prefix", prefix + "%")
               .rows(session))
        codes.push_back(row["code"].get<std::string>());
      return codes;
    });
  }

  static std::vector<std::string> listed(Client& client, const std::string& query) {
    std::vector<std::string> codes;
    const auto page = client.get("/api/institutions?page_size=200&" + query).data();
    for (const auto& item : page["items"]) codes.push_back(item["code"].get<std::string>());
    return codes;
  }

  // The ids of the live institutions of the province of Boujdour (the scope of the division and
  // the viewer) whose key holds every word of `q`, by LIKE over every key: what search did before
  // the trigram index.
  static std::vector<long long> by_like(const std::string& q, const std::string& column) {
    const auto key = domain::search_key(q);
    std::string sql =
        "SELECT r.id FROM institutions r JOIN territories c ON c.id = r.commune_id WHERE r.archived_at IS NULL"
        " AND c.path LIKE (SELECT path FROM territories WHERE code = 'MA-BOD') || '%'";
    std::vector<std::pair<std::string, json>> params;
    std::size_t n = 0;
    for (std::size_t at = 0; at < key.size();) {
      auto end = key.find(' ', at);
      if (end == std::string::npos) end = key.size();
      const auto name = "w" + std::to_string(n++);
      sql += " AND r." + column + " LIKE :" + name + " ESCAPE '\\'";
      params.emplace_back(name, domain::like_pattern(key.substr(at, end - at)));
      at = end + 1;
    }
    return server().db().read([&](soci::session& session) {
      std::vector<long long> ids;
      for (const auto& row : store::Query(sql + " ORDER BY r.id").bind(params).rows(session))
        ids.push_back(row["id"].get<long long>());
      return ids;
    });
  }

  static std::vector<long long> searched(Client& client, const std::string& q) {
    std::vector<long long> ids;
    const auto reply = client.get("/api/institutions?page_size=200&sort=id&q=" + encoded(q));
    EXPECT_EQ(reply.status, 200) << reply.body;
    const auto page = reply.data();
    for (const auto& item : page["items"]) ids.push_back(item["id"].get<long long>());
    return ids;
  }

  static std::string encoded(const std::string& text) {
    std::string out;
    for (const char c : text) {
      const auto byte = static_cast<unsigned char>(c);
      if (std::isalnum(byte) != 0 && byte < 0x80)
        out += c;
      else
        out += fmt::format("%{:02X}", byte);
    }
    return out;
  }
};

// Names as people write them: the four alefs, tashkeel and tatweel, French with and without
// accents and capitals, both scripts in one name, digits, an empty French name, and ties.
const std::vector<std::pair<std::string, std::string>> kNames = {{"أمل", "Amal"},
                                                                 {"إيمان", "Imane"},
                                                                 {"آمنة", "Amina"},
                                                                 {"امل", "amal"},
                                                                 {"ابتسامة", "Ibtissama"},
                                                                 {"الأمل", "Élodie"},
                                                                 {"الامل", "elodie"},
                                                                 {"دار الطالبة", "Éole"},
                                                                 {"دار الطالب", "Zoé"},
                                                                 {"دار الطالبة أَمل", "zoe"},
                                                                 {"مؤسسة الخير", "Ça"},
                                                                 {"ـأمل", "ca"},
                                                                 {"Dar Al Amal", "Dar Al Amal دار الأمل"},
                                                                 {"دار الأمل Dar Al Amal", "dar al amal"},
                                                                 {"10 دار", "10"},
                                                                 {"2 دار", "2"},
                                                                 {"أمل", "Amal"},
                                                                 {"باب الخير", ""},
                                                                 {"أمل", "Amal"}};

TEST_F(ListIndex, NamesKeepTheCollationsOrderInBothDirectionsAndAfterEdits) {
  auto division = as("division");
  std::vector<json> made;
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    auto body = institution("T-ORD-" + std::to_string(100 + i), kNames[i].first);
    body["name_fr"] = kNames[i].second.empty() ? json(nullptr) : json(kNames[i].second);
    auto created = division.post("/api/institutions", body);
    ASSERT_EQ(created.status, 201) << created.body;
    made.push_back(created.data());
  }
  const auto check = [&](const std::string& when) {
    for (const std::string field : {"name_ar", "name_fr", "code"})
      for (const bool descending : {false, true}) {
        const auto expected = collated("T-ORD-", field, descending);
        ASSERT_EQ(expected.size(), kNames.size());
        EXPECT_EQ(listed(division, "q=t-ord&sort=" + field + (descending ? "&order=desc" : "")), expected)
            << when << ": " << field << (descending ? " desc" : "");
      }
  };
  check("created");
  // An edit writes the new name's key: أمل renamed ياسمين moves to the end.
  auto renamed = made[0];
  renamed["name_ar"] = "ياسمين";
  ASSERT_EQ(division.put("/api/institutions/" + renamed["id"].dump(), renamed).status, 200);
  check("renamed");
  // Rows stored before the keys existed get them at startup.
  server().db().read([](soci::session& session) {
    session << "UPDATE institutions SET name_ar_sort = NULL, name_fr_sort = NULL, code_sort = NULL";
  });
  store::fill_sort_keys(server().db());
  EXPECT_EQ(server().db().read([](soci::session& session) {
    return store::Query("SELECT COUNT(*) FROM institutions WHERE name_ar_sort IS NULL OR code_sort IS NULL")
        .scalar(session);
  }),
            0);
  check("filled at startup");
}

TEST_F(ListIndex, SearchFindsWhatLikeFoundForEveryKindOfWord) {
  auto division = as("division");
  auto viewer = as("viewer");
  for (const auto& [code, name_ar, director] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"T-SRCH-1", "مؤسسة الإحسـان لِلرعاية", "Élodie Benani"},
           {"T-SRCH-2", "دار الطالبة أَمل 100%", "Karim a_b"},
           {"T-SRCH-3", "Dar Al Amal دار الأمل", "Zoé"},
           {"T-SRCH-4", "مركز آمنة", "أمين"}}) {
    auto body = institution(code, name_ar);
    body["director_name"] = director;
    ASSERT_EQ(division.post("/api/institutions", body).status, 201);
  }
  // Words of three characters or more (the index), shorter ones (LIKE), both at once, LIKE's
  // wildcards as text, letter variants, a personal field (the director), words in any order.
  for (const std::string q :
       {"احسان",    "للرعايه", "موسسه", "الإحسان", "امل",      "أمل دار", "دار امل", "دا",       "ر",  "دار ا",
        "100%",     "0%",      "a_b",   "_",       "elodie",   "ÉLODIE",  "benani",  "amal dar", "al", "t-srch",
        "T-SRCH-3", "آمنة",    "امين",  "zzz",     "مركز zzz", "Zoé",     "ؤسسة",    "ـ"}) {
    EXPECT_EQ(searched(division, q), by_like(q, "search_key")) << q;
    // The viewer's search leaves personal fields out (public_search_key).
    EXPECT_EQ(searched(viewer, q), by_like(q, "public_search_key")) << q << " (viewer)";
  }
  // Not vacuous: the searches find what they should.
  EXPECT_EQ(searched(division, "للرعايه").size(), 1U);
  EXPECT_EQ(searched(division, "benani").size(), 1U);
  EXPECT_TRUE(searched(viewer, "benani").empty());
  // An edit keeps the index in step (its trigger replaces the old key's trigrams).
  const auto id = std::to_string(searched(division, "للرعايه").at(0));
  auto changed = division.get("/api/institutions/" + id).data();
  changed["name_ar"] = "مؤسسة النور";
  ASSERT_EQ(division.put("/api/institutions/" + id, changed).status, 200);
  EXPECT_TRUE(searched(division, "للرعايه").empty());
  EXPECT_EQ(searched(division, "النور"), by_like("النور", "search_key"));
  EXPECT_FALSE(searched(division, "النور").empty());
}

}  // namespace
}  // namespace riaya::test
