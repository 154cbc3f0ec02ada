#include "api/request_body.hpp"

#include <gtest/gtest.h>

namespace riaya::api {
namespace {

using domain::ErrorCode;
using nlohmann::json;

struct Entry {
  long long version = 0;
  std::string date;
  std::string note;
  std::optional<int> progress;
  std::vector<long long> ids;
  std::string grouping = "single";
};

domain::Result<Entry> read(const json& body) {
  Entry entry;
  return RequestReader(body, {"version", "date", "note", "progress", "ids", "grouping"})
      .version(entry.version)
      .date("date", entry.date)
      .text("note", entry.note, 5)
      .integer("progress", entry.progress, 0, 100)
      .ids("ids", entry.ids, 3, false)
      .choice("grouping", entry.grouping, {"single", "per_institution"})
      .finish(std::move(entry));
}

const json kGood = {{"version", 2}, {"date", "2019-04-26"}, {"note", "نعم"}};

TEST(RequestReader, ReadsEveryDeclaredField) {
  const auto entry = read(kGood);
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->version, 2);
  EXPECT_EQ(entry->date, "2019-04-26");
  EXPECT_EQ(entry->note, "نعم");
  EXPECT_FALSE(entry->progress);
  EXPECT_TRUE(entry->ids.empty());
  EXPECT_EQ(entry->grouping, "single");  // the default, absent
  auto full = kGood;
  full.update({{"progress", 40}, {"ids", {3, 1}}, {"grouping", "per_institution"}});
  ASSERT_TRUE(read(full));
  EXPECT_EQ(read(full)->progress, 40);
  EXPECT_EQ(read(full)->ids, (std::vector<long long>{3, 1}));
  EXPECT_EQ(read(full)->grouping, "per_institution");
}

TEST(RequestReader, TheFirstErrorNamesItsField) {
  const struct {
    json changes;
    ErrorCode code;
    std::string field;
  } cases[] = {
      {{{"colour", "red"}, {"version", nullptr}}, ErrorCode::UnknownField, "colour"},  // checked first
      {{{"version", nullptr}}, ErrorCode::Required, "version"},
      {{{"version", "2"}}, ErrorCode::WrongType, "version"},
      {{{"date", nullptr}}, ErrorCode::Required, "date"},
      {{{"date", "2019-02-30"}}, ErrorCode::InvalidDate, "date"},
      {{{"date", 20190426}}, ErrorCode::InvalidDate, "date"},
      {{{"note", " \n"}}, ErrorCode::Required, "note"},
      {{{"note", 5}}, ErrorCode::WrongType, "note"},
      {{{"note", "سطر طويل"}}, ErrorCode::TooLong, "note"},  // code points, not bytes
      {{{"progress", 101}}, ErrorCode::OutOfRange, "progress"},
      {{{"progress", "ten"}}, ErrorCode::WrongType, "progress"},
      {{{"ids", "all"}}, ErrorCode::WrongType, "ids"},
      {{{"ids", {1, 2, 3, 4}}}, ErrorCode::OutOfRange, "ids"},
      {{{"ids", {1, "2"}}}, ErrorCode::WrongType, "ids[1]"},
      {{{"grouping", "pairs"}}, ErrorCode::InvalidValue, "grouping"},
      {{{"grouping", nullptr}}, ErrorCode::InvalidValue, "grouping"},
      {{{"note", 5}, {"progress", 101}}, ErrorCode::WrongType, "note"},  // in the order declared
  };
  for (const auto& c : cases) {
    auto body = kGood;
    body.update(c.changes);
    const auto entry = read(body);
    ASSERT_FALSE(entry) << c.changes.dump();
    EXPECT_EQ(entry.error().code, c.code) << c.changes.dump();
    EXPECT_EQ(entry.error().field, c.field) << c.changes.dump();
  }
  EXPECT_EQ(read(json::array()).error().code, ErrorCode::MalformedJson);
}

struct Item {
  std::string code;
  std::optional<int> score;
};

TEST(RequestReader, ListsNameTheItemAndItsField) {
  const auto item = [](const json& body, std::string prefix) -> domain::Result<Item> {
    Item read;
    return RequestReader(body, {"code", "score"}, std::move(prefix))
        .text("code", read.code, 10)
        .integer("score", read.score, 0, 2)
        .finish(std::move(read));
  };
  const auto items = [&](const json& body) {
    std::vector<Item> out;
    return RequestReader(body, {"items"}).list<Item>("items", out, 2, item).finish(std::move(out));
  };
  ASSERT_TRUE(items({{"items", {{{"code", "D1.1"}, {"score", 2}}, {{"code", "D1.2"}}}}}));
  EXPECT_EQ(items({{"items", {{{"code", "D1.1"}}, {{"code", "D1.2"}, {"score", 3}}}}}).error().field, "items[1].score");
  EXPECT_EQ(items({{"items", {{{"code", "D1.1"}, {"note", "x"}}}}}).error().field, "items[0].note");
  EXPECT_EQ(items({{"items", {{{"code", "D1.1"}, {"note", "x"}}}}}).error().code, ErrorCode::UnknownField);
  EXPECT_EQ(items({{"items", {1}}}).error().field, "items[0]");
  EXPECT_EQ(items({{"items", json::array({json::object(), json::object(), json::object()})}}).error().code,
            ErrorCode::WrongType);
}

TEST(RequestReader, RankedListsNameTheFieldByTheItemsRank) {
  const auto item = [](const json& body, std::string suffix) -> domain::Result<Item> {
    Item read;
    return RequestReader(body, {"code", "score"}, {}, std::move(suffix))
        .text("code", read.code, 10)
        .integer("score", read.score, 0, 2)
        .finish(read);
  };
  const auto items = [&](const json& body) {
    std::vector<Item> out;
    return RequestReader(body, {"items"}).ranked_list<Item>("items", out, 2, item).finish(out);
  };
  const auto read = items({{"items", {{{"code", "D1.1"}, {"score", 2}}, {{"code", "D1.2"}}}}});
  ASSERT_TRUE(read);
  ASSERT_EQ(read->size(), 2u);
  EXPECT_EQ((*read)[1].code, "D1.2");
  const auto error = [&](const json& body) {
    const auto refused = items(body);
    return refused ? std::string()
                   : std::string(domain::error_code_name(refused.error().code)) + " " + refused.error().field;
  };
  EXPECT_EQ(error({{"items", {{{"code", "D1.1"}}, {{"code", "D1.2"}, {"score", 3}}}}}), "out_of_range score[1]");
  EXPECT_EQ(error({{"items", {{{"code", "D1.1"}, {"note", "x"}}}}}), "unknown_field note[0]");
  EXPECT_EQ(error({{"items", {{{"code", "D1.1"}}, {{"score", 1}}}}}), "required code[1]");
  EXPECT_EQ(error({{"items", {{{"code", "D1.1"}}, {{"code", "12345678901"}}}}}), "too_long code[1]");
  EXPECT_EQ(error({{"items", {1}}}), "wrong_type items[0]");
  EXPECT_EQ(error({{"items", json::array({json::object(), json::object(), json::object()})}}), "wrong_type items");
}

}  // namespace
}  // namespace riaya::api
