#include "app/import_command.hpp"

#include "domain/messages.hpp"
#include "io/import_kinds.hpp"
#include "io/row_source.hpp"
#include "store/imports.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

namespace riaya::app {

int run_import_command(store::Database& db, const store::Caller& caller, const ImportOptions& options,
                       std::ostream& out, std::ostream& progress) {
  const auto* kind = io::find_import_kind(options.kind);
  if (!kind) {
    out << "riaya: no import named " << options.kind << "\n";
    return 2;
  }
  const auto parent = io::parent_parameter(*kind);
  if (parent == "institution_id" && options.institution_id <= 0) {
    out << "riaya: import " << options.kind << " needs --institution\n";
    return 2;
  }
  if (parent == "province_id" && options.province_id <= 0) {
    out << "riaya: import " << options.kind << " needs --province\n";
    return 2;
  }
  std::error_code error;
  const auto size = std::filesystem::file_size(options.file, error);
  if (error) {
    out << "riaya: cannot read " << options.file << ": " << error.message() << "\n";
    return 2;
  }
  const auto file_name = std::filesystem::path(options.file).filename().string();
  const domain::Error too_large{domain::ErrorCode::InvalidValue, "file", {{"reason", "too_large"}}};
  if (size > io::max_import_bytes) {
    out << "riaya: " << file_name << ": " << io::describe_file_refusal(too_large, options.language) << "\n";
    return 2;
  }
  std::ifstream in(options.file, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto sheet = io::read_import_file(bytes, file_name);
  if (!sheet) {
    out << "riaya: " << file_name << ": " << io::describe_file_refusal(sheet.error(), options.language) << "\n";
    return 2;
  }
  std::vector<std::string> headers;
  for (const auto& row : sheet->rows)
    if (!row.empty()) {
      headers = row;
      break;
    }
  const auto mode = options.dry_run ? store::ImportMode::DryRun : store::ImportMode::Commit;
  auto report = store::run_import(db, caller, *sheet,
                                  {.kind = *kind,
                                   .institution_id = options.institution_id,
                                   .province_id = options.province_id,
                                   .file_name = file_name,
                                   .mapping = io::guess_mapping(*kind, headers, nlohmann::json::object()),
                                   .mode = mode,
                                   .language = options.language,
                                   .progress = [&](std::size_t done, std::size_t total) {
                                     if (done % 100 == 0 || done == total)
                                       progress << "\rrow " << done << " of " << total << std::flush;
                                   }});
  progress << "\n";
  const auto problems = report ? (*report)["problems"] : report.error().detail.value("problems", nlohmann::json());
  if (problems.is_array())
    for (const auto& problem : problems)
      out << problem["sheet"].get<std::string>() << " row " << problem["row"] << ", column «"
          << problem["column"].get<std::string>() << "» (" << problem["value"].get<std::string>()
          << "): " << problem["message"].get<std::string>() << "\n";
  if (!report && !problems.is_array()) {
    out << "riaya: " << domain::error_message(report.error(), options.language);
    if (report.error().detail.contains("missing")) out << " " << report.error().detail["missing"].dump();
    out << "\n";
    return 2;
  }
  if (!report) {
    out << problems.size() << " problem(s): nothing imported.\n";
    return 1;
  }
  const auto created = (*report)["created"].get<std::size_t>();
  if (options.dry_run) {
    out << "Dry run: " << (*report)["rows"].get<std::size_t>() << " rows read, " << problems.size() << " problem(s), "
        << created << " would be imported.\n";
    return problems.empty() ? 0 : 1;
  }
  out << created << " " << kind->name << " imported from " << file_name << ".\n";
  return 0;
}

}  // namespace riaya::app
