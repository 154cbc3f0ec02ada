#include "io/table_export.hpp"

#include "io/xlsx_writer.hpp"

namespace riaya::io {
namespace {

const ExportCell kBlank{};

const ExportCell& cell(const std::vector<ExportCell>& row, std::size_t column) {
  return column < row.size() ? row[column] : kBlank;
}

// "1250.50" from 125050, "-0.05" from -5: exact, whatever the size.
std::string dirhams(long long centimes) {
  const bool negative = centimes < 0;
  const unsigned long long magnitude =
      negative ? 0ULL - static_cast<unsigned long long>(centimes) : static_cast<unsigned long long>(centimes);
  const auto fraction = magnitude % 100;
  return (negative ? "-" : "") + std::to_string(magnitude / 100) + (fraction < 10 ? ".0" : ".") +
         std::to_string(fraction);
}

void write_row(XlsxWriter::Sheet& sheet, const ExportTable& table, const std::vector<ExportCell>& row,
               CellStyle style) {
  for (std::size_t column = 0; column < table.columns.size(); ++column) {
    const auto& value = cell(row, column);
    if (const auto* text = std::get_if<std::string>(&value)) {
      sheet.text(*text, style);
    } else if (const auto* number = std::get_if<long long>(&value)) {
      if (table.columns[column].kind == ColumnKind::Centimes)
        sheet.amount(*number, style);
      else
        sheet.number(static_cast<double>(*number), style);
    } else {
      sheet.skip();
    }
  }
  sheet.next_row();
}

std::string csv_field(const ExportColumn& column, const ExportCell& value) {
  std::string text;
  if (const auto* number = std::get_if<long long>(&value)) {
    return column.kind == ColumnKind::Centimes ? dirhams(*number) : std::to_string(*number);
  }
  if (const auto* string = std::get_if<std::string>(&value)) text = *string;
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@')) text.insert(0, "'");
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

void csv_row(std::string& out, const ExportTable& table, const std::vector<ExportCell>& row) {
  for (std::size_t column = 0; column < table.columns.size(); ++column) {
    if (column > 0) out += ',';
    out += csv_field(table.columns[column], cell(row, column));
  }
  out += "\r\n";
}

}  // namespace

std::string to_xlsx(const ExportTable& table) {
  XlsxWriter workbook;
  auto sheet = workbook.add_sheet(XlsxWriter::sheet_name(table.title));
  if (table.language == domain::Language::Arabic) sheet.right_to_left();
  for (unsigned short column = 0; column < table.columns.size(); ++column) {
    sheet.column_width(column, table.columns[column].width);
    sheet.text(table.columns[column].label, CellStyle::Bold);
  }
  sheet.freeze_header();
  sheet.next_row();
  for (const auto& row : table.rows) write_row(sheet, table, row, CellStyle::Plain);
  if (!table.totals.empty()) write_row(sheet, table, table.totals, CellStyle::Bold);
  return workbook.finish();
}

std::string to_csv(const ExportTable& table) {
  std::string out = "\xEF\xBB\xBF";
  for (std::size_t column = 0; column < table.columns.size(); ++column) {
    if (column > 0) out += ',';
    out += csv_field(ExportColumn{}, table.columns[column].label);  // a label is text, whatever its column holds
  }
  out += "\r\n";
  for (const auto& row : table.rows) csv_row(out, table, row);
  if (!table.totals.empty()) csv_row(out, table, table.totals);
  return out;
}

}  // namespace riaya::io
