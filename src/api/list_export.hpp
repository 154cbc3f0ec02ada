#pragma once

#include "domain/error.hpp"
#include "domain/language.hpp"
#include "domain/schema.hpp"
#include "io/byte_sink.hpp"
#include "io/table_export.hpp"
#include "store/caller.hpp"
#include "store/database.hpp"

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace riaya::api {

// A list to download as a file, written when asked.
struct ListFile {
  std::string content_type;
  std::string name;  // e.g. "institutions-2026-12-05.xlsx"
  // Writes the file into `sink` as the records are read (in a read transaction of its own), so
  // that neither memory nor the time to the first byte grows with rows. Throws what the sink
  // throws; called at most once.
  std::function<void(const io::ByteSink& sink)> write;
};

// The file a person asked for: format=xlsx (default) or csv, labels in lang=ar|fr|en (default
// `language`), both taken out of `parameters`. A bad value is a BadParameter error naming it.
struct FileChoice {
  io::TableFormat format;
  domain::Language language;
};
domain::Result<FileChoice> file_choice(std::map<std::string, std::string>& parameters, domain::Language language);

// A table to download, named "<stem>-<today>.xlsx|csv", its sheet named `title`: `columns`,
// then the rows `rows` gives the file as they are read.
ListFile table_file(std::string_view stem, std::string title, const FileChoice& choice,
                    std::vector<io::ExportColumn> columns, std::function<void(io::TableFile&)> rows);

// The web app's dictionary entry `key` in `language`, for a column's label; throws
// std::logic_error when there is none (a mistake of ours, found by the export's tests).
std::string export_label(std::string_view key, domain::Language language);

// The records of `spec` that the list with these parameters answers `caller` (filters, q,
// sort, order, archived; page and page_size are ignored), every page, as a file
// (file_choice). A bad parameter is a BadParameter error naming it, before anything is
// written. What GET /api/<resource>/export and `riaya export` answer.
domain::Result<ListFile> list_file(store::Database& db, const domain::EntitySpec& spec, const store::Caller& caller,
                                   std::map<std::string, std::string> parameters, domain::Language language);

}  // namespace riaya::api
