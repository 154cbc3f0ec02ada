#include "domain/language.hpp"

#include <gtest/gtest.h>

namespace riaya::domain {
namespace {

TEST(ParseLanguage, AcceptsSupportedCodes) {
  EXPECT_EQ(parse_language("ar"), Language::Arabic);
  EXPECT_EQ(parse_language("fr"), Language::French);
  EXPECT_EQ(parse_language("en"), Language::English);
  EXPECT_EQ(parse_language("FR"), Language::French);
  EXPECT_EQ(parse_language("ar-MA"), Language::Arabic);
  EXPECT_EQ(parse_language("fr_FR"), Language::French);
  EXPECT_EQ(parse_language("en-Latn-GB"), Language::English);
}

TEST(ParseLanguage, RejectsEverythingElse) {
  EXPECT_FALSE(parse_language(""));
  EXPECT_FALSE(parse_language("es"));
  EXPECT_FALSE(parse_language("ara"));
  EXPECT_FALSE(parse_language("french"));
  EXPECT_FALSE(parse_language("a"));
  EXPECT_FALSE(parse_language(" fr"));
  EXPECT_FALSE(parse_language("fr "));
  EXPECT_FALSE(parse_language("fr-"));
  EXPECT_FALSE(parse_language("-fr"));
  EXPECT_FALSE(parse_language("*"));
}

TEST(LanguageFromAccept, PicksHighestQualitySupported) {
  EXPECT_EQ(language_from_accept("fr-FR,fr;q=0.9,en;q=0.8"), Language::French);
  EXPECT_EQ(language_from_accept("en-US,en;q=0.9"), Language::English);
  EXPECT_EQ(language_from_accept("es;q=1, en;q=0.5, fr;q=0.7"), Language::French);
  EXPECT_EQ(language_from_accept("de, en;q=0.2"), Language::English);
  EXPECT_EQ(language_from_accept("en;q=0.5,ar;q=0.8"), Language::Arabic);
  EXPECT_EQ(language_from_accept("fr;q=0.500, en;q=0.501"), Language::English);
}

TEST(LanguageFromAccept, TieGoesToEarlierEntry) {
  EXPECT_EQ(language_from_accept("en, fr"), Language::English);
  EXPECT_EQ(language_from_accept("fr;q=0.8, en;q=0.8"), Language::French);
}

TEST(LanguageFromAccept, SkipsZeroAndMalformedQuality) {
  EXPECT_EQ(language_from_accept("fr;q=0, en;q=0.1"), Language::English);
  EXPECT_EQ(language_from_accept("fr;q=2, en;q=0.1"), Language::English);
  EXPECT_EQ(language_from_accept("fr;q=abc, en;q=0.1"), Language::English);
  EXPECT_EQ(language_from_accept("fr;q=1.5, en;q=0.1"), Language::English);
  EXPECT_EQ(language_from_accept("fr;q=0.12345, en;q=0.1"), Language::English);
  EXPECT_EQ(language_from_accept("fr;Q=0.9"), Language::French);
}

TEST(LanguageFromAccept, DefaultsToArabic) {
  EXPECT_EQ(language_from_accept(""), Language::Arabic);
  EXPECT_EQ(language_from_accept("*"), Language::Arabic);
  EXPECT_EQ(language_from_accept("de-DE,es;q=0.9"), Language::Arabic);
  EXPECT_EQ(language_from_accept("fr;q=0"), Language::Arabic);
  EXPECT_EQ(language_from_accept(",,;;,"), Language::Arabic);
  EXPECT_EQ(language_from_accept("\xFF\xFE"), Language::Arabic);
}

}  // namespace
}  // namespace riaya::domain
