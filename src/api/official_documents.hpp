#pragma once

#include "domain/error.hpp"
#include "domain/language.hpp"
#include "store/caller.hpp"
#include "store/database.hpp"

#include <string>
#include <string_view>

namespace riaya::api {

// An official document (src/reports/documents.hpp) made for `caller`, with the name a browser
// saves it under.
struct DocumentFile {
  std::string name;
  std::string bytes;
};

// The kinds of document: "card" (of institution `id`), "synthesis" (of campaign `id`),
// "programme" (of programme `id`), "comparison" (of campaign `id`, the earlier, with campaign
// `other`, the later). Read in the caller's scope; in Arabic or French (English is French).
// NotFound when the record is not in the caller's scope; for a comparison InvalidReference
// on "before" / "after", InvalidValue on "after" when both are the same. What the PDF routes
// and `riaya report` answer.
domain::Result<DocumentFile> official_document(store::Database& db, const store::Caller& caller, std::string_view kind,
                                               long long id, long long other, domain::Language language);

}  // namespace riaya::api
