#include "reports/meeting_minutes.hpp"

#include "domain/messages.hpp"
#include "reports/text_direction.hpp"

#include <string_view>

namespace riaya::reports {
namespace {

using domain::Language;

constexpr Phrase kMinutes{"محضر", "Procès-verbal"};
constexpr Phrase kKind{"نوع اللقاء", "Type de réunion"};
constexpr Phrase kDate{"تاريخ الانعقاد", "Date"};
constexpr Phrase kPlace{"المكان", "Lieu"};
constexpr Phrase kChair{"الرئاسة", "Présidence"};
constexpr Phrase kAgenda{"جدول الأعمال", "Ordre du jour"};
constexpr Phrase kParticipants{"الحاضرون", "Participants"};
constexpr Phrase kProceedings{"مجريات اللقاء", "Déroulement de la réunion"};
constexpr Phrase kRecommendations{"التوصيات", "Recommandations"};
constexpr Phrase kRank{"ر.ت", "N°"};
constexpr Phrase kFullName{"الاسم الكامل", "Nom et prénom"};
constexpr Phrase kFunction{"الصفة", "Fonction"};
constexpr Phrase kOrganisation{"الهيئة", "Organisme"};
constexpr Phrase kRepresents{"الجمعية أو المؤسسة الممثَّلة", "Association ou établissement représenté"};
constexpr Phrase kAction{"الإجراء المتخذ: ", "Action : "};
constexpr Phrase kSameAction{"تحولت إلى إجراء بنفس العنوان", "Reprise telle quelle comme action"};
constexpr Phrase kAsTyped{"تنقل الأسماء والصفات والمكان كما أدخلت.",
                          "Les noms, fonctions et lieu sont reproduits tels que saisis."};
constexpr Phrase kStatus{" — الوضعية: ", " — statut : "};
constexpr Phrase kSignature{"رئيس اللقاء", "Le président de la réunion"};

std::string say(Phrase phrase, Language language) { return std::string(phrase.in(language)); }

bool blank(const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

// Whether `text` reads right to left (typed in Arabic): in a French document, it is given as typed.
bool arabic(const std::string& text) { return text_direction(text) == TextDirection::RightToLeft; }

// Whether a French document shows a place, chair or participant as typed in Arabic (the meeting
// has no French fields for them): it then says so once, so the reader knows it is not a slip.
bool shows_arabic_as_typed(const MeetingMinutes& meeting) {
  if (arabic(meeting.place) || arabic(meeting.chair)) return true;
  for (const auto& participant : meeting.participants)
    if (arabic(participant.full_name) || arabic(participant.function) || arabic(participant.organisation)) return true;
  return false;
}

// "a b" and "a  b." alike: the text without its spaces and final stop, to tell a title that
// repeats its recommendation.
std::string bare(std::string_view text) {
  std::string kept;
  for (const char ch : text)
    if (ch != ' ' && ch != '\n' && ch != '\t' && ch != '.') kept += ch;
  return kept;
}

}  // namespace

std::string minutes_pdf(const MeetingMinutes& meeting, Language language, domain::Date generated_on,
                        const Progress& progress) {
  const auto& title = in_language(meeting.title_ar, meeting.title_fr, language);
  PdfDocument document(language, say(kMinutes, language) + " — " + title, generated_on, progress);
  document.official_header(meeting.issuer);
  document.title(say(kMinutes, language), title);
  document.fields({{say(kKind, language), domain::choice_label("meeting_kind", meeting.kind, language)},
                   {say(kDate, language), domain::format_date(meeting.held_on, language)},
                   {say(kPlace, language), meeting.place},
                   {say(kChair, language), meeting.chair}});
  if (language != Language::Arabic && shows_arabic_as_typed(meeting)) document.text(say(kAsTyped, language));
  if (!blank(meeting.agenda)) {
    document.heading(say(kAgenda, language));
    document.text(meeting.agenda);
  }
  if (!meeting.participants.empty()) {
    document.heading(say(kParticipants, language));
    std::vector<std::vector<std::string>> rows;
    rows.reserve(meeting.participants.size());
    for (const auto& participant : meeting.participants)
      rows.push_back({std::to_string(rows.size() + 1), participant.full_name, participant.function,
                      participant.organisation,
                      in_language(participant.represents_ar, participant.represents_fr, language)});
    document.table({{say(kRank, language), 0.45},
                    {say(kFullName, language), 2.2},
                    {say(kFunction, language), 1.6},
                    {say(kOrganisation, language), 1.7},
                    {say(kRepresents, language), 2.2}},
                   rows);
  }
  if (!blank(meeting.minutes)) {
    document.heading(say(kProceedings, language));
    document.text(meeting.minutes);
  }
  if (!meeting.recommendations.empty()) {
    document.heading(say(kRecommendations, language));
    std::size_t n = 0;
    for (const auto& recommendation : meeting.recommendations) {
      std::string note;
      const auto& text = in_language(recommendation.text_ar, recommendation.text_fr, language);
      if (const auto& action = recommendation.action) {
        const auto& action_title = in_language(action->title_ar, action->title_fr, language);
        note = (bare(action_title) == bare(text) ? say(kSameAction, language) : say(kAction, language) + action_title) +
               say(kStatus, language) + domain::choice_label("action_status", action->status, language);
      }
      document.numbered(++n, text, note);
    }
  }
  if (!blank(meeting.chair)) document.signature(say(kSignature, language), meeting.chair);
  return document.finish();
}

std::string minutes_file_name(const MeetingMinutes& meeting, Language language) {
  return (language == Language::Arabic ? "محضر-" : "proces-verbal-") + domain::to_iso(meeting.held_on) + ".pdf";
}

}  // namespace riaya::reports
