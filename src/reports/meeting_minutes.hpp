#pragma once

#include "domain/dates.hpp"
#include "domain/language.hpp"
#include "reports/pdf_document.hpp"

#include <optional>
#include <string>
#include <vector>

namespace riaya::reports {

// A meeting as its minutes show it: plain data, read by the store, in both languages where
// the record has both. Empty strings stand for what was not recorded.
struct MinutesParticipant {
  std::string full_name, function, organisation;
  std::string represents_ar, represents_fr;  // the association or institution represented
};

struct MinutesAction {
  std::string title_ar, title_fr;
  std::string status;  // planned, ongoing, done, cancelled
};

struct MinutesRecommendation {
  std::string text_ar, text_fr;
  std::optional<MinutesAction> action;  // the action it became
};

struct MeetingMinutes {
  Issuer issuer;     // the province the meeting's territory lies in
  std::string kind;  // communication, coordination, follow_up, other
  std::string title_ar, title_fr;
  domain::Date held_on;
  std::string place, chair, agenda, minutes;
  std::vector<MinutesParticipant> participants;        // in the order they were recorded
  std::vector<MinutesRecommendation> recommendations;  // numbered in this order
};

// The minutes (محضر) of `meeting` as a PDF in `language` (Arabic, right to left; French; an
// English one is worded in French): the official header, the title, kind, date ("26 أبريل
// 2019"), place and chair; the agenda; the participants' table; the minutes; the numbered
// recommendations, each with the action it became and that action's status; the chair's
// signature; on every page "page n of N" and `generated_on`. Sections with nothing in them
// are left out. Throws std::runtime_error when the PDF cannot be made. `progress`, when set, is
// told each page laid out (PdfDocument), and may throw to stop.
std::string minutes_pdf(const MeetingMinutes& meeting, domain::Language language, domain::Date generated_on,
                        const Progress& progress = {});

// The name a browser saves the minutes under: "محضر-2019-04-26.pdf", "proces-verbal-2019-04-26.pdf".
std::string minutes_file_name(const MeetingMinutes& meeting, domain::Language language);

}  // namespace riaya::reports
