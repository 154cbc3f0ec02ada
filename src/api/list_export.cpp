#include "api/list_export.hpp"

#include "api/list_params.hpp"
#include "api/routes.hpp"
#include "domain/access.hpp"
#include "domain/dates.hpp"
#include "io/labels.hpp"
#include "io/record_export.hpp"
#include "store/records.hpp"

#include <stdexcept>

namespace riaya::api {

using domain::ErrorCode;

domain::Result<FileChoice> file_choice(std::map<std::string, std::string>& parameters, domain::Language language) {
  FileChoice choice{io::TableFormat::Xlsx, language};
  if (const auto it = parameters.find("format"); it != parameters.end()) {
    if (it->second != "xlsx" && it->second != "csv") return fail(ErrorCode::BadParameter, "format");
    choice.format = it->second == "csv" ? io::TableFormat::Csv : io::TableFormat::Xlsx;
    parameters.erase(it);
  }
  if (const auto it = parameters.find("lang"); it != parameters.end()) {
    const auto chosen = domain::parse_language(it->second);
    if (!chosen) return fail(ErrorCode::BadParameter, "lang");
    choice.language = *chosen;
    parameters.erase(it);
  }
  return choice;
}

ListFile table_file(std::string_view stem, std::string title, const FileChoice& choice,
                    std::vector<io::ExportColumn> columns, std::function<void(io::TableFile&)> rows) {
  const bool csv = choice.format == io::TableFormat::Csv;
  return ListFile{csv ? "text/csv; charset=utf-8" : std::string(kXlsxType),
                  std::string(stem) + "-" + domain::today_iso() + (csv ? ".csv" : ".xlsx"),
                  [title = std::move(title), choice, columns = std::move(columns),
                   rows = std::move(rows)](const io::ByteSink& sink) {
                    io::TableFile file(choice.format, title, choice.language, columns, sink);
                    rows(file);
                    file.finish();
                  }};
}

std::string export_label(std::string_view key, domain::Language language) {
  auto entry = io::dictionary_entry(key, language);
  if (!entry) throw std::logic_error("no label " + std::string(key) + " in the web app's dictionaries");
  return *entry;
}

domain::Result<ListFile> list_file(store::Database& db, const domain::EntitySpec& spec, const store::Caller& caller,
                                   std::map<std::string, std::string> parameters, domain::Language language) {
  auto choice = file_choice(parameters, language);
  if (!choice) return std::unexpected(choice.error());
  auto request = parse_list_params(spec, parameters);
  if (!request) return std::unexpected(request.error());
  if (spec.named) {  // an export of named records is audited with the ids it holds
    std::vector<long long> ids;
    store::each_listed_record(db, spec, caller, *request,
                              [&](nlohmann::json&& record) { ids.push_back(record["id"].get<long long>()); });
    store::audit_named(db, spec, caller, "export", ids,
                       {{"format", choice->format == io::TableFormat::Csv ? "csv" : "xlsx"}});
  }
  const io::RecordExport plan(spec, choice->language, domain::sees_personal_data(caller.role));
  return table_file(spec.resource, io::resource_label(spec.resource, choice->language), *choice, plan.columns(),
                    [&db, &spec, caller, request = std::move(*request), plan](io::TableFile& file) {
                      store::each_listed_record(db, spec, caller, request,
                                                [&](nlohmann::json&& record) { file.row(plan.cells(record)); });
                    });
}

}  // namespace riaya::api
