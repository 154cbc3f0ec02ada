#pragma once

#include "domain/error.hpp"
#include "domain/language.hpp"
#include "domain/schema.hpp"
#include "io/temporary_file.hpp"
#include "store/caller.hpp"
#include "store/database.hpp"

#include <map>
#include <memory>
#include <string>

namespace riaya::api {

// A list written as a file to download.
struct ListFile {
  std::string content_type;
  std::string name;  // e.g. "institutions-2026-12-05.xlsx"
  std::shared_ptr<const io::TemporaryFile> file;
};

// The records of `spec` that the list with these parameters answers `caller` (filters, q,
// sort, order, archived; page and page_size are ignored), every page, as a file:
// format=xlsx (default) or csv, labels in lang=ar|fr|en (default `language`), written row by
// row (io::TableFile) so that memory does not grow with rows. A bad parameter is a
// BadParameter error naming it. What GET /api/<resource>/export and `riaya export` answer.
domain::Result<ListFile> list_file(store::Database& db, const domain::EntitySpec& spec, const store::Caller& caller,
                                   std::map<std::string, std::string> parameters, domain::Language language);

}  // namespace riaya::api
