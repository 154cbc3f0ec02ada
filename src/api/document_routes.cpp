// The official documents of issue 11 as PDFs: the institution card, the synthesis of a
// campaign, the action programme and the comparison of two campaigns.
#include "api/list_params.hpp"
#include "api/official_documents.hpp"
#include "api/routes.hpp"
#include "reports/documents.hpp"
#include "store/comparison.hpp"
#include "store/documents.hpp"
#include "store/registry_tables.hpp"

namespace riaya::api {
namespace {

using domain::Action;
using domain::ErrorCode;
using domain::fail;
using domain::Language;

// The route of a document on record {id}: lang=ar|fr, nothing else; made from `tables`.
Handler document_of_record(std::string kind, store::Tables tables) {
  return [kind = std::move(kind), tables = std::move(tables)](Context& c) -> domain::Result<http::Response> {
    const auto language = document_language(c, {});
    if (!language) return std::unexpected(language.error());
    auto id = c.id();
    if (!id) return std::unexpected(id.error());
    return cached_document(c, tables, [&] { return prepare_document(c.db, c.caller(), kind, *id, 0, *language); });
  };
}

}  // namespace

namespace {

// A document of `data` (or its error), saved as `name`, drawn by `draw`.
domain::Result<PreparedDocument> prepared(domain::Result<nlohmann::json> data, std::string name,
                                          std::string (*draw)(const nlohmann::json&, Language, domain::Date,
                                                              const reports::Progress&),
                                          Language language) {
  if (!data) return std::unexpected(data.error());
  return PreparedDocument{std::move(name),
                          [data = std::move(*data), language, today = domain::today_utc(),
                           draw](const reports::Progress& progress) { return draw(data, language, today, progress); }};
}

}  // namespace

domain::Result<PreparedDocument> prepare_document(store::Database& db, const store::Caller& caller,
                                                  std::string_view kind, long long id, long long other,
                                                  Language language) {
  if (language == Language::English) language = Language::French;
  if (kind == "card") {
    auto card = store::institution_card(db, caller, id);
    const auto code = card ? (*card)["institution"]["code"].get<std::string>() : std::string();
    return prepared(std::move(card), reports::document_file_name(kind, code, language), &reports::institution_card_pdf,
                    language);
  }
  if (kind == "synthesis")
    return prepared(store::campaign_synthesis(db, caller, id),
                    reports::document_file_name(kind, std::to_string(id), language), &reports::campaign_synthesis_pdf,
                    language);
  if (kind == "programme")
    return prepared(store::programme_document(db, caller, id),
                    reports::document_file_name(kind, std::to_string(id), language), &reports::programme_pdf, language);
  if (kind == "comparison")
    return prepared(store::comparison_document(db, caller, id, other),
                    reports::document_file_name(kind, std::to_string(id) + "-" + std::to_string(other), language),
                    &reports::comparison_pdf, language);
  return fail(ErrorCode::InvalidValue, "kind");
}

domain::Result<DocumentFile> official_document(store::Database& db, const store::Caller& caller, std::string_view kind,
                                               long long id, long long other, Language language) {
  auto document = prepare_document(db, caller, kind, id, other, language);
  if (!document) return std::unexpected(document.error());
  return DocumentFile{document->name, document->render({})};
}

std::vector<Route> document_routes() {
  return {
      {"GET", "/api/institutions/{id}/card.pdf", Access::SignedIn, "institutions", Action::Read,
       "The institution's card (بطاقة تقنية) as a PDF: identity, authorisation, capacity, staff, scores beside the "
       "previous campaign's, open shortcomings, actions, funding; lang=ar or fr (default: the caller's language; "
       "Arabic for English)" +
           std::string(kProgressNote),
       document_of_record(
           "card", store::read_tables({"institutions", "staff", "assessments", "answers", "assessment_domain_scores",
                                       "campaigns", "grids", "shortcomings", "actions", "grants", "funding_lines",
                                       "institution_services", "categories", "activities", "indicator_sums"}))},
      {"GET", "/api/campaigns/{id}/synthesis.pdf", Access::SignedIn, "campaigns", Action::Read,
       "The provincial synthesis of a campaign as a PDF: method and grid, results per domain, heat map, ranking, "
       "legal compliance, recurring shortcomings, equipment needs, recommendations, one annex page per institution; "
       "lang=ar or fr" +
           std::string(kProgressNote),
       document_of_record(
           "synthesis", store::read_tables({"campaigns", "assessments", "assessment_domain_scores", "answers", "grids",
                                            "institutions", "shortcomings", "equipment_needs", "recommendations",
                                            "categories", "programmes"}))},
      {"GET", "/api/programmes/{id}/programme.pdf", Access::SignedIn, "programmes", Action::Read,
       "The action programme as a PDF: actions by institution and responsible party with status (overdue marked), "
       "dates, cost, funding and gap, and totals; lang=ar or fr" +
           std::string(kProgressNote),
       document_of_record("programme", store::read_tables({"programmes", "actions", "action_shortcomings",
                                                           "shortcomings", "funding_lines", "grants"}))},
      {"GET", "/api/campaigns/compare.pdf", Access::SignedIn, "campaigns", Action::Read,
       "The comparison of two campaigns (?before=id&after=id) as a PDF: the change per institution and domain, the "
       "domains not comparable, shortcomings resolved, persisting and appeared; lang=ar or fr" +
           std::string(kProgressNote),
       [](Context& c) -> domain::Result<http::Response> {
         const auto language = document_language(c, {"before", "after"});
         if (!language) return std::unexpected(language.error());
         long long ids[2] = {0, 0};
         for (const auto& [name, value] : c.request.query) {
           if (name == "lang") continue;
           const auto number = positive_integer(name, value);
           if (!number) return fail(ErrorCode::BadParameter, name);
           ids[name == "after"] = *number;
         }
         if (ids[0] == 0) return fail(ErrorCode::Required, "before");
         if (ids[1] == 0) return fail(ErrorCode::Required, "after");
         return cached_document(c, store::comparison_tables(), [&] {
           return prepare_document(c.db, c.caller(), "comparison", ids[0], ids[1], *language);
         });
       }},
  };
}

}  // namespace riaya::api
