#include "domain/schema.hpp"
#include "domain/access.hpp"
#include "domain/messages.hpp"

#include <gtest/gtest.h>

namespace riaya::domain {
namespace {

using nlohmann::json;

const EntitySpec& institutions() { return *find_spec("institutions"); }

json valid() {
  return {{"code", "X-1"},   {"name_ar", "  دار الطالب  "}, {"category", "dar_talib"}, {"association_id", 1},
          {"commune_id", 4}, {"status", "active"}};
}

TEST(Schema, ValidInputIsTrimmedAndCompleted) {
  const auto values = validate_input(institutions(), valid());
  ASSERT_TRUE(values);
  EXPECT_EQ((*values)["name_ar"], "دار الطالب");
  EXPECT_TRUE((*values)["capacity"].is_null());  // absent optional field → null
  EXPECT_EQ(values->size(), institutions().fields.size());
}

TEST(Schema, SystemAndDisplayFieldsAreIgnoredOthersRefused) {
  auto body = valid();
  body["id"] = 4;
  body["version"] = 2;
  body["association_name_ar"] = "x";
  EXPECT_TRUE(validate_input(institutions(), body));
  body["search_key"] = "x";
  const auto refused = validate_input(institutions(), body);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::UnknownField);
  EXPECT_EQ(refused.error().field, "search_key");
}

struct Case {
  const char* field;
  json value;
  ErrorCode code;
};

class FieldRules : public testing::TestWithParam<Case> {};

TEST_P(FieldRules, NameTheFieldAndTheReason) {
  auto body = valid();
  body[GetParam().field] = GetParam().value;
  const auto result = validate_input(institutions(), body);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, GetParam().code);
  EXPECT_EQ(result.error().field, GetParam().field);
}

INSTANTIATE_TEST_SUITE_P(
    Institutions, FieldRules,
    testing::Values(Case{"name_ar", "", ErrorCode::Required}, Case{"name_ar", 5, ErrorCode::WrongType},
                    Case{"name_ar", "a\nb", ErrorCode::InvalidValue},
                    Case{"name_ar", std::string(301, 'x'), ErrorCode::TooLong},
                    Case{"capacity", 1.5, ErrorCode::WrongType}, Case{"capacity", 100001, ErrorCode::OutOfRange},
                    Case{"latitude", "north", ErrorCode::WrongType}, Case{"longitude", -181, ErrorCode::OutOfRange},
                    Case{"opening_date", "15/09/2006", ErrorCode::InvalidDate},
                    Case{"status", "closed-ish", ErrorCode::InvalidValue},
                    Case{"association_id", 0, ErrorCode::InvalidReference},
                    Case{"association_id", "1", ErrorCode::WrongType}));

TEST(Schema, LengthsCountCodePointsNotBytes) {
  auto body = valid();
  std::string arabic;
  for (int i = 0; i < 300; ++i) arabic += "ب";  // 600 bytes, 300 letters
  body["name_ar"] = arabic;
  EXPECT_TRUE(validate_input(institutions(), body));
}

TEST(Schema, DateOrderAndExactlyOneScope) {
  const auto* staff = find_spec("staff");
  const json body = {{"institution_id", 1},
                     {"full_name", "x"},
                     {"function", "y"},
                     {"start_date", "2020-01-02"},
                     {"end_date", "2020-01-01"}};
  const auto result = validate_input(*staff, body);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::DateOrder);
  EXPECT_EQ(result.error().field, "end_date");

  json user = {{"username", "u"}, {"display_name", "U"}, {"role", "viewer"}, {"language", "fr"}};
  EXPECT_EQ(validate_input(user_spec(), user).error().field, "scope_territory_id");
  user["scope_territory_id"] = 1;
  user["scope_association_id"] = 1;
  EXPECT_EQ(validate_input(user_spec(), user).error().code, ErrorCode::InvalidValue);
  user.erase("scope_association_id");
  EXPECT_TRUE(validate_input(user_spec(), user));
}

TEST(Schema, AnEquipmentNeedIsBoundedLineByLine) {
  const auto* needs = find_spec("equipment_needs");
  json body = {{"institution_id", 1},          {"item_id", 2},       {"quantity", 40},
               {"unit_cost_centimes", 125050}, {"priority", "high"}, {"status", "open"}};
  ASSERT_TRUE(validate_input(*needs, body));
  const auto refused = [&](const char* field, json value) {
    auto changed = body;
    changed[field] = std::move(value);
    const auto result = validate_input(*needs, changed);
    return result ? Error{ErrorCode::Internal} : result.error();
  };
  EXPECT_EQ(refused("quantity", 0).code, ErrorCode::OutOfRange);  // a need is for something
  EXPECT_EQ(refused("quantity", -1).code, ErrorCode::OutOfRange);
  EXPECT_EQ(refused("quantity", 2.5).code, ErrorCode::WrongType);
  EXPECT_EQ(refused("unit_cost_centimes", -1).code, ErrorCode::OutOfRange);
  EXPECT_EQ(refused("unit_cost_centimes", "12.50").code, ErrorCode::WrongType);
  EXPECT_EQ(refused("item_id", nullptr).code, ErrorCode::Required);
  // 1,000,000,000 MAD a line at the most: 40 × 25,000,000 MAD passes, 40 × 25,000,000.01 does not.
  auto cheaper = body;
  cheaper["unit_cost_centimes"] = 2'500'000'000LL;
  EXPECT_TRUE(validate_input(*needs, cheaper));
  const auto beyond = refused("unit_cost_centimes", 2'500'000'001LL);
  EXPECT_EQ(beyond.code, ErrorCode::OutOfRange);
  EXPECT_EQ(beyond.field, "unit_cost_centimes");
  // An inventory may hold none of an item.
  EXPECT_TRUE(validate_input(*find_spec("equipment_inventory"),
                             {{"institution_id", 1}, {"item_id", 2}, {"quantity", 0}, {"condition", "broken"}}));
}

TEST(Schema, TrainingHoursArePositiveAndEndsAfterStart) {
  const auto* trainings = find_spec("trainings");
  const json body = {{"topic", "حماية الطفولة"},
                     {"starts_on", "2019-04-22"},
                     {"ends_on", "2019-04-24"},
                     {"hours", 18.5},
                     {"territory_id", 3}};
  ASSERT_TRUE(validate_input(*trainings, body));
  const auto check = [&](const char* field, json value) {
    auto changed = body;
    changed[field] = std::move(value);
    return validate_input(*trainings, changed);
  };
  EXPECT_EQ(check("hours", 0).error().code, ErrorCode::OutOfRange);
  EXPECT_EQ(check("hours", 500.5).error().code, ErrorCode::OutOfRange);
  EXPECT_EQ(check("hours", "ten").error().code, ErrorCode::WrongType);
  EXPECT_TRUE(check("hours", 500));
  EXPECT_TRUE(check("hours", 0.5));
  const auto reversed = check("ends_on", "2019-04-21");
  EXPECT_EQ(reversed.error().code, ErrorCode::DateOrder);
  EXPECT_EQ(reversed.error().field, "ends_on");
}

TEST(Messages, EveryFieldOfEveryResourceHasALabelAndEveryCatalogueChoiceToo) {
  // A missing entry answers the name itself, which no Arabic label is.
  for (const auto& spec : registry_specs())
    for (const auto& field : spec.fields)
      EXPECT_NE(field_label(field.name, Language::Arabic), field.name) << spec.resource << "." << field.name;
  const auto* items = find_spec("equipment_items");
  for (const char* field : {"category", "unit"})
    for (const auto choice : items->field(field)->choices)
      EXPECT_NE(choice_label(field, choice, Language::Arabic), choice) << field << " " << choice;
  EXPECT_EQ(choice_label("category", "bedding", Language::Arabic), "الأفرشة والأغطية");
  EXPECT_EQ(choice_label("unit", "set", Language::French), "lot");
  EXPECT_EQ(choice_label("unit", "gallon", Language::French), "gallon");
  // An element of a list is named by the list and its rank from 1.
  EXPECT_EQ(field_label("need_ids[2]", Language::Arabic), "الحاجيات من التجهيزات (3)");
  EXPECT_EQ(field_label("shortcoming_ids[0]", Language::French), "insuffisances (1)");
  EXPECT_EQ(field_label("need_ids[x]", Language::French), "need_ids[x]");
  EXPECT_EQ(field_label("need_ids[]", Language::French), "need_ids[]");
}

TEST(Schema, VersionIsRequiredAndPositive) {
  EXPECT_EQ(read_version(json::object()).error().code, ErrorCode::Required);
  EXPECT_EQ(read_version({{"version", "2"}}).error().code, ErrorCode::WrongType);
  EXPECT_EQ(read_version({{"version", 0}}).error().code, ErrorCode::WrongType);
  EXPECT_EQ(*read_version({{"version", 7}}), 7);
}

TEST(Access, TheTableOfRoles) {
  EXPECT_TRUE(may(Role::Division, "institutions", Action::Create));
  EXPECT_FALSE(may(Role::Association, "institutions", Action::Create));
  EXPECT_TRUE(may(Role::Association, "institutions", Action::Update));
  EXPECT_FALSE(may(Role::Viewer, "staff", Action::Read));
  EXPECT_FALSE(may(Role::Division, "users", Action::Read));
  EXPECT_TRUE(may(Role::Admin, "users", Action::Create));
  EXPECT_FALSE(may(Role::Admin, "no-such-resource", Action::Read));
  EXPECT_FALSE(sees_personal_data(Role::Viewer));
  for (auto role : {Role::Admin, Role::Division, Role::Delegation, Role::Assessor, Role::Association, Role::Viewer})
    EXPECT_EQ(parse_role(role_name(role)), role);
  EXPECT_FALSE(parse_role("root"));
}

TEST(Messages, EveryCodeSpeaksEveryLanguageAndNamesTheField) {
  for (int code = 0; code <= static_cast<int>(ErrorCode::Internal); ++code) {
    const Error error{static_cast<ErrorCode>(code), "name_ar"};
    EXPECT_NE(error_code_name(error.code), "error") << code;
    for (auto language : {Language::Arabic, Language::French, Language::English}) {
      const auto message = error_message(error, language);
      EXPECT_FALSE(message.empty()) << code;
      EXPECT_EQ(message.find("{field}"), std::string::npos) << code;
    }
  }
  EXPECT_EQ(error_message({ErrorCode::Required, "commune_id"}, Language::French),
            "Le champ « commune » est obligatoire.");
  EXPECT_EQ(error_message({ErrorCode::Required, "commune_id"}, Language::Arabic), "الحقل «الجماعة» إلزامي.");
}

TEST(BidiControls, EmbeddingsOverridesAndIsolatesAreFoundMarksAreNot) {
  EXPECT_FALSE(has_bidi_control("دار الطالبة Dar Taliba 2024"));
  EXPECT_FALSE(has_bidi_control("\u200F\u200E\u061C\u2028\u2065\u206A\u2029\u2000"));  // marks, separators, neighbours
  for (const char* control : {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"})
    EXPECT_TRUE(has_bidi_control(std::string("Salle ") + control + "A1.exe")) << control;
  EXPECT_TRUE(has_bidi_control("\u202E"));
  EXPECT_FALSE(has_bidi_control("\xE2\x80"));  // cut short
}

TEST(BidiControls, TheFirstStringHoldingOneIsNamedAtAnyDepth) {
  EXPECT_TRUE(refuse_bidi_controls(valid()));
  auto body = valid();
  body["name_fr"] = "rapport\u202Efdp.exe";
  EXPECT_EQ(refuse_bidi_controls(body).error().code, ErrorCode::InvalidValue);
  EXPECT_EQ(refuse_bidi_controls(body).error().field, "name_fr");
  json nested = {{"answers", json::array({{{"comment", "ok"}}, {{"comment", "\u2067x"}}})}};
  EXPECT_EQ(refuse_bidi_controls(nested).error().field, "answers[1].comment");
  json key = {{"a\u202Db", 1}};
  EXPECT_EQ(refuse_bidi_controls(key).error().field, "a\u202Db");
  EXPECT_EQ(refuse_bidi_controls(json::array({"x", "\u202Ay"}), "file").error().field, "file[1]");
}

}  // namespace
}  // namespace riaya::domain
