#include "domain/search_key.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace riaya::domain {
namespace {

TEST(SearchKey, TashkeelAndTaMarbutaAndHamzaOnAlefFold) {
  EXPECT_EQ(search_key("دار الطالبة أَمل"), search_key("دار الطالبه امل"));
  EXPECT_EQ(search_key("دار الطالبة أَمل"), "دار الطالبه امل");
}

TEST(SearchKey, AlefVariantsBecomeBareAlef) {
  EXPECT_EQ(search_key("إحسان"), search_key("احسان"));
  EXPECT_EQ(search_key("آمنة"), "امنه");
  EXPECT_EQ(search_key("ٱلرحمن"), "الرحمن");
  EXPECT_EQ(search_key("أحمد"), "احمد");
}

TEST(SearchKey, DecomposedAlefWithHamzaFoldsLikeComposed) {
  // ALEF + COMBINING HAMZA ABOVE composes under NFC to U+0623, then folds.
  EXPECT_EQ(search_key("\u0627\u0654\u062D\u0645\u062F"), "احمد");
  EXPECT_EQ(search_key("\u0627\u0653\u0645\u0646\u0629"), "امنه");
}

TEST(SearchKey, TatweelWawHamzaYehHamzaAndAlefMaqsura) {
  EXPECT_EQ(search_key("مـــؤسسة"), search_key("موسسه"));
  EXPECT_EQ(search_key("مـــؤسسة"), "موسسه");
  EXPECT_EQ(search_key("هيئة"), "هييه");
  EXPECT_EQ(search_key("مصطفى"), "مصطفي");
}

TEST(SearchKey, AllTashkeelAndSuperscriptAlefDropped) {
  // Every code point U+064B..U+065F after a letter vanishes.
  for (unsigned cp = 0x064B; cp <= 0x065F; ++cp) {
    std::string word = "ر";
    word.push_back(static_cast<char>(0xC0U | (cp >> 6U)));
    word.push_back(static_cast<char>(0x80U | (cp & 0x3FU)));
    EXPECT_EQ(search_key(word), "ر") << std::hex << cp;
  }
  // Fathatan..Sukun, Maddah, Hamza above/below, superscript alef.
  EXPECT_EQ(search_key("رَحْمَٰنٌ"), "رحمن");
  EXPECT_EQ(search_key("كُتُبٌ مُّدَرِّسَةٍ"), "كتب مدرسه");
  EXPECT_EQ(search_key("هٰذا"), "هذا");
}

TEST(SearchKey, LoneHamzaSurvives) {
  EXPECT_EQ(search_key("سماء"), "سماء");
  EXPECT_EQ(search_key("ء"), "ء");
  EXPECT_NE(search_key("سماء"), search_key("سما"));
}

TEST(SearchKey, LatinCaseAndAccentsFold) {
  EXPECT_EQ(search_key("Élodie Ça"), "elodie ca");
  EXPECT_EQ(search_key("ÉLODIE"), search_key("elodie"));
  EXPECT_EQ(search_key("Straße"), "strasse");  // full case folding
  EXPECT_EQ(search_key("Noël Hôpital"), "noel hopital");
  EXPECT_EQ(search_key("E\u0301lodie"), "elodie");  // decomposed input
}

TEST(SearchKey, WhitespaceAndPunctuationCollapseAndTrim) {
  EXPECT_EQ(search_key("  Dar   Taliba, Boujdour. "), "dar taliba boujdour");
  EXPECT_EQ(search_key("Dar\t\n-Taliba"), "dar taliba");
  EXPECT_EQ(search_key("جمعية، الخير؟"), "جمعيه الخير");
  EXPECT_EQ(search_key("dar\u00A0taliba"), "dar taliba");  // no-break space
  EXPECT_EQ(search_key("O'Neil (Rabat)"), "o neil rabat");
  EXPECT_EQ(search_key(" ,.;! "), "");
  EXPECT_EQ(search_key(""), "");
}

TEST(SearchKey, FormatCharactersDoNotSplitWords) {
  EXPECT_EQ(search_key("دار\u200Cالطالبة"), "دارالطالبه");
  EXPECT_EQ(search_key("\u200F\uFEFFamal"), "amal");
}

TEST(SearchKey, ArabicIndicDigitsBecomeWestern) {
  EXPECT_EQ(search_key("٠١٢٣٤٥٦٧٨٩"), "0123456789");
  EXPECT_EQ(search_key("۰۱۲۳۴۵۶۷۸۹"), "0123456789");
  EXPECT_EQ(search_key("دار ١٢"), search_key("دار 12"));
}

TEST(SearchKey, InvalidUtf8IsDroppedNotFatal) {
  EXPECT_EQ(search_key("ab\xFF"
                       "cd"),
            "abcd");
  EXPECT_EQ(search_key("\xC0\xAF"
                       "x"),
            "x");  // overlong '/'
  EXPECT_EQ(search_key("\xED\xA0\x80"
                       "y"),
            "y");                           // surrogate
  EXPECT_EQ(search_key("z\xE2\x82"), "z");  // truncated
  EXPECT_EQ(search_key("\xEF\xBF\xBD"
                       "Amal"),
            "amal");                                          // U+FFFD itself
  EXPECT_EQ(search_key(std::string_view("a\0b", 3)), "a b");  // NUL is a control
  EXPECT_EQ(search_key("\x80\x80\x80"), "");
}

TEST(SearchKey, RandomBytesNeverCrashAndGiveValidUtf8) {
  std::mt19937 rng(12345);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<int> len(0, 40);
  for (int round = 0; round < 5000; ++round) {
    std::string input(static_cast<std::size_t>(len(rng)), '\0');
    for (char& c : input) c = static_cast<char>(byte(rng));
    const std::string key = search_key(input);
    ASSERT_TRUE(is_valid_utf8(key));
    ASSERT_EQ(search_key(key), key);
  }
}

TEST(SearchKey, IsIdempotent) {
  const std::vector<std::string> samples = {
      "دار الطالبة أَمل", "مـــؤسسة", "Élodie Ça", "  Dar   Taliba, Boujdour. ", "Straße İstanbul", "ﻻ إله",
      "٣ مارس",          "ǅemal",    "ﬁn",
  };
  for (const std::string& s : samples) {
    const std::string key = search_key(s);
    EXPECT_EQ(search_key(key), key) << s;
  }
}

TEST(IsValidUtf8, AcceptsWellFormed) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ascii"));
  EXPECT_TRUE(is_valid_utf8("دار الطالبة"));
  EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x98\x80"));  // U+1F600
  EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
  EXPECT_TRUE(is_valid_utf8("\xED\x9F\xBF"));      // U+D7FF
  EXPECT_TRUE(is_valid_utf8("\xEE\x80\x80"));      // U+E000
  EXPECT_TRUE(is_valid_utf8(std::string_view("\0", 1)));
}

TEST(IsValidUtf8, RejectsIllFormed) {
  EXPECT_FALSE(is_valid_utf8("\x80"));              // lone continuation
  EXPECT_FALSE(is_valid_utf8("\xC3"));              // truncated
  EXPECT_FALSE(is_valid_utf8("\xC3\x28"));          // bad continuation
  EXPECT_FALSE(is_valid_utf8("\xC0\x80"));          // overlong NUL
  EXPECT_FALSE(is_valid_utf8("\xC1\xBF"));          // overlong
  EXPECT_FALSE(is_valid_utf8("\xE0\x9F\xBF"));      // overlong 3-byte
  EXPECT_FALSE(is_valid_utf8("\xF0\x8F\xBF\xBF"));  // overlong 4-byte
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // U+D800
  EXPECT_FALSE(is_valid_utf8("\xED\xBF\xBF"));      // U+DFFF
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // U+110000
  EXPECT_FALSE(is_valid_utf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(is_valid_utf8("\xFF"));
  EXPECT_FALSE(is_valid_utf8("ok\xE2\x82"));  // truncated at end
}

TEST(LikePattern, WrapsAndEscapes) {
  EXPECT_EQ(like_pattern("amal"), "%amal%");
  EXPECT_EQ(like_pattern(""), "%%");
  EXPECT_EQ(like_pattern("100%"), "%100\\%%");
  EXPECT_EQ(like_pattern("a_b"), "%a\\_b%");
  EXPECT_EQ(like_pattern("c\\d"), "%c\\\\d%");
  EXPECT_EQ(like_pattern("دار"), "%دار%");
}

}  // namespace
}  // namespace riaya::domain
