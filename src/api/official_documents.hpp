#pragma once

#include "domain/error.hpp"
#include "domain/language.hpp"
#include "reports/pdf_document.hpp"
#include "store/caller.hpp"
#include "store/database.hpp"

#include <functional>
#include <string>
#include <string_view>

namespace riaya::api {

// An official document (src/reports/documents.hpp) made for `caller`, with the name a browser
// saves it under.
struct DocumentFile {
  std::string name;
  std::string bytes;
};

// A document whose records are read, not yet drawn: `render` makes the PDF's bytes, telling
// `progress` (when set) each page laid out; it throws what `progress` throws (a download
// cancelled), or std::runtime_error when the PDF cannot be made.
struct PreparedDocument {
  std::string name;
  std::function<std::string(const reports::Progress& progress)> render;
};

// The kinds of document: "card" (of institution `id`), "synthesis" (of campaign `id`),
// "programme" (of programme `id`), "comparison" (of campaign `id`, the earlier, with campaign
// `other`, the later). Read in the caller's scope; in Arabic or French (English is French).
// NotFound when the record is not in the caller's scope; for a comparison InvalidReference
// on "before" / "after", InvalidValue on "after" when both are the same. What the PDF routes
// and `riaya report` answer.
domain::Result<PreparedDocument> prepare_document(store::Database& db, const store::Caller& caller,
                                                  std::string_view kind, long long id, long long other,
                                                  domain::Language language);
// The same, drawn at once.
domain::Result<DocumentFile> official_document(store::Database& db, const store::Caller& caller, std::string_view kind,
                                               long long id, long long other, domain::Language language);

}  // namespace riaya::api
