// The minutes of a meeting as a PDF, from plain data: what a reader finds in it, in Arabic
// and in French, and how a long list of participants spreads over pages. Set RIAYA_PDF_DIR
// to keep the files and look at them (pdftoppm -png -r 80 file.pdf page).
#include "reports/meeting_minutes.hpp"

#include "../pdf_text.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <thread>

namespace riaya::reports {
namespace {

using domain::Language;
using test::contains;
using test::occurrences;
using test::occurrences_squeezed;
using test::pdf_text;

MeetingMinutes communication_meeting(std::size_t participants) {
  MeetingMinutes meeting{
      .issuer = {"إقليم بوجدور", "Province de Boujdour", true},
      .kind = "communication",
      .title_ar = "لقاء تواصلي مع الجمعيات المسيرة لمؤسسات الرعاية الاجتماعية",
      .title_fr = "Réunion de communication avec les associations gestionnaires",
      .held_on = {2019, 4, 26},
      .place = "مقر عمالة إقليم بوجدور",
      .chair = "رئيس قسم العمل الاجتماعي",
      .agenda = "تقديم نتائج الدراسة التشخيصية لمؤسسات الرعاية الاجتماعية\nمناقشة برنامج العمل 2019-2020",
      .minutes =
          "افتتح رئيس قسم العمل الاجتماعي اللقاء على الساعة 10 صباحا، وقدم نتائج الدراسة التشخيصية "
          "المنجزة في شتنبر 2018 لفائدة 6 مؤسسات.\nتدخل ممثل INDH حول آليات التمويل.",
      .participants = {},
      .recommendations = {{"تكوين أطر المؤسسات في التدبير الإداري والمالي", "Former les cadres en gestion",
                           MinutesAction{"تكوين أطر المؤسسات", "Formation des cadres", "planned"}},
                          {"تجديد الأفرشة بدار الطالب بوجدور", "", std::nullopt}}};
  const std::vector<MinutesParticipant> people = {
      {"رئيس قسم العمل الاجتماعي", "رئيس القسم", "عمالة إقليم بوجدور", "", ""},
      {"Jean Dupont", "Consultant", "INDH", "جمعية دار الطالب والطالبة بوجدور", "Association Dar Talib"},
      {"فاطمة الزهراء العلوي", "مديرة", "التعاون الوطني", "دار الطالبة بوجدور", "Dar Taliba Boujdour"}};
  for (std::size_t i = 0; i < participants; ++i) {
    auto person = people[i % people.size()];
    if (i >= people.size()) person.full_name = "Participant " + std::string(i < 9 ? "0" : "") + std::to_string(i + 1);
    meeting.participants.push_back(person);
  }
  return meeting;
}

std::string render(const MeetingMinutes& meeting, Language language, const std::string& name) {
  auto pdf = minutes_pdf(meeting, language, {2025, 5, 2});
  if (const char* dir = std::getenv("RIAYA_PDF_DIR"))
    std::ofstream(std::string(dir) + "/" + name + ".pdf", std::ios::binary) << pdf;
  return pdf;
}

TEST(MeetingMinutes, ArabicMinutesHaveTheOfficialHeaderAndEverySection) {
  const auto pdf = render(communication_meeting(3), Language::Arabic, "minutes-ar");
  ASSERT_TRUE(pdf.starts_with("%PDF-"));
  const auto text = pdf_text(pdf);
  for (const auto* expected :
       {"المملكة المغربية", "وزارة الداخلية", "عمالة إقليم بوجدور", "قسم العمل الاجتماعي", "محضر", "لقاء تواصلي",
        "26 أبريل 2019", "مقر عمالة إقليم بوجدور", "جدول الأعمال", "الحاضرون", "Jean Dupont", "فاطمة الزهراء العلوي",
        "دار الطالبة بوجدور", "مجريات اللقاء", "التوصيات", "تكوين أطر المؤسسات في التدبير الإداري والمالي",
        "تجديد الأفرشة بدار الطالب بوجدور", "مبرمج", "2 ماي 2025"})
    EXPECT_TRUE(contains(text, expected)) << expected << "\n" << text;
  EXPECT_FALSE(contains(text, "Province de Boujdour"));
  test::expect_numbered_pages(text, "الصفحة ", " من ");
}

TEST(MeetingMinutes, FrenchMinutesUseTheFrenchNamesWhereThereAreSome) {
  const auto text = pdf_text(render(communication_meeting(3), Language::French, "minutes-fr"));
  for (const auto* expected :
       {"Royaume du Maroc", "Ministère de l'Intérieur", "Province de Boujdour", "Division de l'Action Sociale",
        "Procès-verbal", "Réunion de communication avec les associations", "26 avril 2019", "Ordre du jour",
        "Participants", "Jean Dupont", "Association Dar Talib", "Former les cadres en gestion", "Formation des cadres",
        "Prévue", "2 mai 2025"})
    EXPECT_TRUE(contains(text, expected)) << expected << "\n" << text;
  test::expect_numbered_pages(text, "Page ", " sur ");
  // No French text for the second recommendation: the Arabic one.
  EXPECT_TRUE(contains(text, "تجديد الأفرشة بدار الطالب بوجدور")) << text;
}

TEST(MeetingMinutes, SixtyParticipantsSpreadOverPagesWithTheTableHeaderOnEach) {
  const auto text = pdf_text(render(communication_meeting(60), Language::French, "minutes-60-fr"));
  const auto pages = occurrences(text, "\f");
  ASSERT_GE(pages, 3u) << text;
  test::expect_numbered_pages(text, "Page ", " sur ");
  // Every page the table runs over starts with its header; every participant is there once.
  EXPECT_GE(occurrences(text, "Nom et prénom"), 2u);
  for (int n = 4; n <= 60; ++n)
    EXPECT_EQ(occurrences(text, "Participant " + std::string(n < 10 ? "0" : "") + std::to_string(n)), 1u) << n;
  const auto arabic = pdf_text(render(communication_meeting(60), Language::Arabic, "minutes-60-ar"));
  EXPECT_EQ(occurrences(arabic, "\f"), pages);
  test::expect_numbered_pages(arabic, "الصفحة ", " من ");
  EXPECT_EQ(occurrences_squeezed(arabic, "الاسم الكامل"), occurrences(text, "Nom et prénom"));
}

TEST(MeetingMinutes, TheSignatureNeverStandsAloneOnItsPage) {
  // However long the list of participants, the last recommendation shares the signature's page.
  for (const auto language : {Language::Arabic, Language::French}) {
    const std::string role = language == Language::Arabic ? "رئيساللقاء" : "Leprésidentdelaréunion";
    std::size_t moved = 0;
    for (std::size_t participants = 0; participants <= 24; ++participants) {
      const auto text = pdf_text(minutes_pdf(communication_meeting(participants), language, {2025, 5, 2}));
      auto end = text.rfind('\f');
      ASSERT_NE(end, std::string::npos);
      const auto start = text.rfind('\f', end - 1);
      const auto last_page = test::squeezed(text.substr(start == std::string::npos ? 0 : start + 1, end));
      EXPECT_TRUE(contains(last_page, role)) << participants << "\n" << text;
      EXPECT_TRUE(contains(last_page, "تجديدالأفرشةبدارالطالببوجدور")) << participants << "\n" << text;
      if (!contains(last_page, "التوصيات") && !contains(last_page, "Recommandations")) ++moved;
    }
    EXPECT_GT(moved, 0u) << "no list long enough to push the signature over a page";
  }
}

TEST(MeetingMinutes, ThreadsMakeDocumentsAtOnce) {
  // As the server's workers do: each thread has its own fonts, and the documents agree.
  const auto meeting = communication_meeting(20);
  const auto expected = pdf_text(minutes_pdf(meeting, Language::Arabic, {2025, 5, 2}));
  std::vector<std::string> made(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < made.size(); ++i)
    threads.emplace_back([&, i] {
      made[i] = minutes_pdf(meeting, i % 2 ? Language::French : Language::Arabic, {2025, 5, 2});
    });
  for (auto& thread : threads) thread.join();
  for (std::size_t i = 0; i < made.size(); i += 2) EXPECT_EQ(pdf_text(made[i]), expected) << i;
  EXPECT_TRUE(contains(pdf_text(made[1]), "Royaume du Maroc"));
}

}  // namespace
}  // namespace riaya::reports
