#include "io/table_export.hpp"

#include "domain/money.hpp"
#include "io/xlsx_writer.hpp"

#include <stdexcept>

namespace riaya::io {
namespace {

constexpr std::size_t kCsvFlushAt = 64 * 1024;

const ExportCell kBlank{};

const ExportCell& cell(const std::vector<ExportCell>& row, std::size_t column) {
  return column < row.size() ? row[column] : kBlank;
}

std::string csv_field(const ExportColumn& column, const ExportCell& value) {
  std::string text;
  if (const auto* number = std::get_if<long long>(&value)) {
    return column.kind == ColumnKind::Centimes ? domain::decimal_dirhams(*number) : std::to_string(*number);
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

}  // namespace

TableFile::TableFile(TableFormat format, std::string_view title, domain::Language language,
                     std::vector<ExportColumn> columns, ByteSink sink)
    : format_(format), columns_(std::move(columns)), sink_(std::move(sink)) {
  if (format_ == TableFormat::Csv) {
    csv_ = "\xEF\xBB\xBF";
    for (std::size_t column = 0; column < columns_.size(); ++column) {
      if (column > 0) csv_ += ',';
      csv_ += csv_field(ExportColumn{}, columns_[column].label);  // a label is text, whatever its column holds
    }
    csv_ += "\r\n";
    return;
  }
  workbook_.emplace(sink_);
  auto& sheet = sheet_.emplace(workbook_->add_sheet(XlsxWriter::sheet_name(title)));
  if (language == domain::Language::Arabic) sheet.right_to_left();
  for (std::size_t column = 0; column < columns_.size(); ++column)
    sheet.column_width(static_cast<unsigned short>(column), columns_[column].width);
  sheet.freeze_header();
  for (const auto& column : columns_) sheet.text(column.label, CellStyle::Bold);
  sheet.next_row();
}

void TableFile::row(const std::vector<ExportCell>& cells) { write(cells, false); }

void TableFile::totals(const std::vector<ExportCell>& cells) { write(cells, true); }

void TableFile::write(const std::vector<ExportCell>& cells, bool bold) {
  if (format_ == TableFormat::Csv) {
    for (std::size_t column = 0; column < columns_.size(); ++column) {
      if (column > 0) csv_ += ',';
      csv_ += csv_field(columns_[column], cell(cells, column));
    }
    csv_ += "\r\n";
    if (csv_.size() >= kCsvFlushAt) {
      sink_(csv_);
      csv_.clear();
    }
    return;
  }
  const auto style = bold ? CellStyle::Bold : CellStyle::Plain;
  auto& sheet = *sheet_;
  for (std::size_t column = 0; column < columns_.size(); ++column) {
    const auto& value = cell(cells, column);
    if (const auto* text = std::get_if<std::string>(&value)) {
      if (columns_[column].kind == ColumnKind::Date)
        sheet.date(*text, style);
      else
        sheet.text(*text, style);
    } else if (const auto* number = std::get_if<long long>(&value)) {
      if (columns_[column].kind == ColumnKind::Centimes)
        sheet.amount(*number, style);
      else
        sheet.number(static_cast<double>(*number), style);
    } else {
      sheet.skip();
    }
  }
  sheet.next_row();
}

void TableFile::finish() {
  if (format_ == TableFormat::Csv) {
    sink_(csv_);
    csv_.clear();
    return;
  }
  workbook_->finish();
}

}  // namespace riaya::io
