#include "io/csv_reader.hpp"

#include "domain/search_key.hpp"

#include <unicode/ucnv.h>

#include <algorithm>
#include <memory>

namespace riaya::io {
namespace {

using domain::ErrorCode;

std::unexpected<domain::Error> refused(std::string_view reason, std::string internal) {
  return std::unexpected(
      domain::Error{ErrorCode::InvalidValue, "file", {{"reason", reason}, {"sheet", "CSV"}}, std::move(internal)});
}

// Windows-1256 text as UTF-8, or nullopt when ICU cannot convert it.
std::optional<std::string> from_windows_1256(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, void (*)(UConverter*)> converter(ucnv_open("windows-1256", &status), ucnv_close);
  if (U_FAILURE(status)) return std::nullopt;
  // Each byte becomes one UTF-16 unit at most, each unit three UTF-8 bytes at most.
  std::u16string wide(bytes.size() + 1, u'\0');
  const auto units = ucnv_toUChars(converter.get(), wide.data(), static_cast<int32_t>(wide.size()), bytes.data(),
                                   static_cast<int32_t>(bytes.size()), &status);
  if (U_FAILURE(status)) return std::nullopt;
  std::unique_ptr<UConverter, void (*)(UConverter*)> utf8(ucnv_open("UTF-8", &status), ucnv_close);
  if (U_FAILURE(status)) return std::nullopt;
  std::string out(static_cast<std::size_t>(units) * 3 + 1, '\0');
  const auto length =
      ucnv_fromUChars(utf8.get(), out.data(), static_cast<int32_t>(out.size()), wide.data(), units, &status);
  if (U_FAILURE(status)) return std::nullopt;
  out.resize(static_cast<std::size_t>(length));
  return out;
}

// The separator the first line uses most, outside quotes.
char guess_separator(std::string_view text) {
  std::size_t semicolons = 0, commas = 0, tabs = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    semicolons += c == ';';
    commas += c == ',';
    tabs += c == '\t';
  }
  if (tabs > semicolons && tabs > commas) return '\t';
  return semicolons >= commas && semicolons > 0 ? ';' : ',';
}

}  // namespace

domain::Result<Sheet> read_csv(std::string_view bytes, const XlsxLimits& limits) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  for (unsigned char c : bytes)
    if (c == 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f'))
      return refused("not_csv", "control byte");
  std::string converted;
  std::string_view text = bytes;
  if (!domain::is_valid_utf8(bytes)) {
    auto decoded = from_windows_1256(bytes);
    if (!decoded) return refused("not_csv", "neither UTF-8 nor Windows-1256");
    converted = std::move(*decoded);
    text = converted;
  }
  const char separator = guess_separator(text);

  Sheet sheet{.name = "CSV", .rows = {}};
  std::vector<std::string> row;
  std::string field;
  std::size_t cells = 0, filled_rows = 0;
  bool quoted = false, was_quoted = false;
  const auto end_field = [&] {
    row.push_back(std::move(field));
    field.clear();
    was_quoted = false;
  };
  const auto end_row = [&]() -> bool {
    end_field();
    while (!row.empty() && row.back().empty()) row.pop_back();
    cells += row.size();
    if (!row.empty()) ++filled_rows;
    sheet.rows.push_back(std::move(row));
    row.clear();
    return filled_rows <= limits.rows && cells <= limits.cells;
  };
  const auto over_limit = [&] {
    const bool rows = filled_rows > limits.rows;
    auto refusal = refused(rows ? "too_many_rows" : "too_many_cells", "limit");
    refusal.error().detail["limit"] = rows ? limits.rows : limits.cells;
    return refusal;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c != '"') {
        field += c;
      } else if (i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else {
        quoted = false;
      }
    } else if (c == '"' && field.empty() && !was_quoted) {
      quoted = was_quoted = true;
    } else if (c == separator) {
      end_field();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (!end_row()) return over_limit();
    } else {
      field += c;
    }
  }
  if (quoted) return refused("damaged", "a quote left open");
  if (!field.empty() || !row.empty())
    if (!end_row()) return over_limit();
  while (!sheet.rows.empty() && sheet.rows.back().empty()) sheet.rows.pop_back();
  if (sheet.rows.empty()) return refused("empty", "no field");
  return sheet;
}

}  // namespace riaya::io
