#include "io/row_source.hpp"

#include "io/csv_reader.hpp"

#include <algorithm>

namespace riaya::io {
namespace {

bool ends_with_ignoring_case(std::string_view text, std::string_view suffix) {
  if (text.size() < suffix.size()) return false;
  return std::equal(
      suffix.begin(), suffix.end(), text.end() - static_cast<std::ptrdiff_t>(suffix.size()),
      [](char a, char b) { return a == ((b >= 'A' && b <= 'Z') ? static_cast<char>(b - 'A' + 'a') : b); });
}

std::unexpected<domain::Error> refused(std::string_view reason) {
  return std::unexpected(domain::Error{domain::ErrorCode::InvalidValue, "file", {{"reason", reason}}, {}});
}

}  // namespace

domain::Result<Sheet> read_import_file(std::string_view bytes, std::string_view file_name) {
  if (bytes.size() > max_import_bytes) return refused("too_large");
  const bool zip = bytes.starts_with("PK\x03\x04");
  if (zip && (ends_with_ignoring_case(file_name, ".csv") || ends_with_ignoring_case(file_name, ".txt")))
    return refused("name_mismatch");
  if (!zip && !bytes.empty() && ends_with_ignoring_case(file_name, ".xlsx")) return refused("name_mismatch");
  if (!zip) return read_csv(bytes, import_limits);
  auto sheet = read_first_filled_sheet(bytes, import_limits);
  if (!sheet) return std::unexpected(sheet.error());
  if (!*sheet) return refused("empty");
  return std::move(**sheet);
}

std::string describe_file_refusal(const domain::Error& refusal, domain::Language language) {
  const auto reason = refusal.detail.value("reason", std::string());
  const auto pick = [&](const std::string& ar, const std::string& fr, const std::string& en) {
    return language == domain::Language::Arabic ? ar : language == domain::Language::French ? fr : en;
  };
  if (reason == "name_mismatch")
    return pick("محتوى الملف لا يطابق اسمه: ملف xlsx يجب أن يكون مصنفا، وملف csv نصا.",
                "Le contenu du fichier ne correspond pas à son nom : un .xlsx doit être un classeur, un .csv du texte.",
                "The file's content does not match its name: an .xlsx must be a workbook, a .csv text.");
  if (reason == "not_csv")
    return pick("الملف ليس مصنفا xlsx ولا نصا csv.", "Le fichier n'est ni un classeur .xlsx ni un texte .csv.",
                "The file is neither an .xlsx workbook nor a .csv text.");
  if (reason == "too_large" && !refusal.detail.contains("sheet") && refusal.internal.empty()) {
    const auto mb = std::to_string(max_import_bytes >> 20);
    return pick("الملف أكبر من " + mb + " ميغابايت.", "Le fichier dépasse " + mb + " Mo.",
                "The file is larger than " + mb + " MB.");
  }
  if (reason == "damaged" && refusal.detail.value("sheet", "") == "CSV")
    return pick("في الملف علامة تنصيص \" غير مغلقة.", "Le fichier contient un guillemet \" jamais fermé.",
                "The file holds a quote \" never closed.");
  return describe_refusal(refusal, language);
}

}  // namespace riaya::io
