#pragma once

#include "domain/dates.hpp"
#include "domain/language.hpp"
#include "reports/pdf_document.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace riaya::reports {

// The official documents of the diagnostic loop (issue 11), as PDFs with the official header,
// a title, and on every page "page n of N" and the date of issue `generated_on`; in Arabic
// (right to left) or French (an English one is worded in French). Each takes what the store
// function of the same name in store/documents.hpp read, as it answered it. Amounts are MAD
// with two decimals; dates with the Moroccan month names in Arabic. Throws std::runtime_error
// when the PDF cannot be made. `progress`, when set, is told each page laid out
// (PdfDocument), and may throw to stop.

// The institution card (بطاقة تقنية): identity, association, authorisation, capacity (the
// occupancy is not recorded yet: the card says so), staff by function, services (the catalogue's
// with their start date, the free text, the number of activities held), the latest
// scores per domain as bars beside the previous campaign's, open shortcomings, actions with
// their status (overdue marked), grants received.
std::string institution_card_pdf(const nlohmann::json& card, domain::Language language, domain::Date generated_on,
                                 const Progress& progress = {});

// The provincial synthesis of a campaign: method and grid, per-domain results across the
// institutions (bars of the mean, with the lowest and highest), the heat map institutions ×
// domains, the ranking, legal compliance, recurring shortcomings, consolidated equipment needs
// with their costs and total, the recommendations, then one annex page per institution. A
// campaign with no validated assessment gives the method and a line that says so.
std::string campaign_synthesis_pdf(const nlohmann::json& synthesis, domain::Language language,
                                   domain::Date generated_on, const Progress& progress = {});

// The action programme: a summary (counts, cost, funding, gap), the totals by institution,
// then every action by institution and responsible party with status (overdue marked), dates,
// cost, funding and gap, and the totals.
std::string programme_pdf(const nlohmann::json& programme, domain::Language language, domain::Date generated_on,
                          const Progress& progress = {});

// The comparison of two campaigns: mean per domain before and after (bars), then per
// institution and domain the change, written "▲ +12" / "▼ −8" / "= 0" (vertical arrows, which
// read the same in both directions), the domains one grid lacks named as not comparable, and
// the shortcomings resolved, persisting and appeared.
std::string comparison_pdf(const nlohmann::json& comparison, domain::Language language, domain::Date generated_on,
                           const Progress& progress = {});

// The names a browser saves them under: "بطاقة-تقنية-DEMO-BOD-001.pdf", "fiche-technique-….pdf",
// "تركيب-الحملة-3.pdf", "synthese-campagne-3.pdf", "برنامج-العمل-2.pdf", "programme-action-2.pdf",
// "مقارنة-1-2.pdf", "comparaison-1-2.pdf".
std::string document_file_name(std::string_view kind, const std::string& key, domain::Language language);

}  // namespace riaya::reports
