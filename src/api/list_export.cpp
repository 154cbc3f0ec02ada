#include "api/list_export.hpp"

#include "api/list_params.hpp"
#include "api/routes.hpp"
#include "domain/access.hpp"
#include "domain/dates.hpp"
#include "io/labels.hpp"
#include "io/record_export.hpp"
#include "store/records.hpp"

namespace riaya::api {

using domain::ErrorCode;

domain::Result<ListFile> list_file(store::Database& db, const domain::EntitySpec& spec, const store::Caller& caller,
                                   std::map<std::string, std::string> parameters, domain::Language language) {
  auto format = io::TableFormat::Xlsx;
  if (const auto it = parameters.find("format"); it != parameters.end()) {
    if (it->second != "xlsx" && it->second != "csv") return fail(ErrorCode::BadParameter, "format");
    format = it->second == "csv" ? io::TableFormat::Csv : io::TableFormat::Xlsx;
    parameters.erase(it);
  }
  if (const auto it = parameters.find("lang"); it != parameters.end()) {
    const auto chosen = domain::parse_language(it->second);
    if (!chosen) return fail(ErrorCode::BadParameter, "lang");
    language = *chosen;
    parameters.erase(it);
  }
  auto request = parse_list_params(spec, parameters);
  if (!request) return std::unexpected(request.error());
  const io::RecordExport plan(spec, language, domain::sees_personal_data(caller.role));
  io::TableFile file(format, io::resource_label(spec.resource, language), language, plan.columns());
  store::each_listed_record(db, spec, caller, *request, [&](nlohmann::json&& record) { file.row(plan.cells(record)); });
  const auto name = std::string(spec.resource) + "-" + domain::today_iso();
  if (format == io::TableFormat::Csv) return ListFile{"text/csv; charset=utf-8", name + ".csv", file.finish()};
  return ListFile{std::string(kXlsxType), name + ".xlsx", file.finish()};
}

}  // namespace riaya::api
