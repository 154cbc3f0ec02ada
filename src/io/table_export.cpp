#include "io/table_export.hpp"

#include "io/xlsx_writer.hpp"

#include <stdexcept>

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

}  // namespace

TableFile::TableFile(TableFormat format, std::string_view title, domain::Language language,
                     std::vector<ExportColumn> columns)
    : format_(format), columns_(std::move(columns)) {
  if (format_ == TableFormat::Csv) {
    csv_file_ = std::make_shared<TemporaryFile>();
    csv_.open(csv_file_->path(), std::ios::binary | std::ios::trunc);
    if (!csv_) throw std::runtime_error("csv: cannot write " + csv_file_->path());
    csv_ << "\xEF\xBB\xBF";
    for (std::size_t column = 0; column < columns_.size(); ++column) {
      if (column > 0) csv_ << ',';
      csv_ << csv_field(ExportColumn{}, columns_[column].label);  // a label is text, whatever its column holds
    }
    csv_ << "\r\n";
    return;
  }
  workbook_ = std::make_unique<XlsxWriter>(true);
  auto& sheet = sheet_.emplace(workbook_->add_sheet(XlsxWriter::sheet_name(title)));
  if (language == domain::Language::Arabic) sheet.right_to_left();
  for (unsigned short column = 0; column < columns_.size(); ++column)
    sheet.column_width(column, columns_[column].width);
  sheet.freeze_header();
  for (const auto& column : columns_) sheet.text(column.label, CellStyle::Bold);
  sheet.next_row();
}

void TableFile::row(const std::vector<ExportCell>& cells) { write(cells, false); }

void TableFile::totals(const std::vector<ExportCell>& cells) { write(cells, true); }

void TableFile::write(const std::vector<ExportCell>& cells, bool bold) {
  if (format_ == TableFormat::Csv) {
    for (std::size_t column = 0; column < columns_.size(); ++column) {
      if (column > 0) csv_ << ',';
      csv_ << csv_field(columns_[column], cell(cells, column));
    }
    csv_ << "\r\n";
    if (!csv_) throw std::runtime_error("csv: cannot write " + csv_file_->path());
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

std::shared_ptr<TemporaryFile> TableFile::finish() {
  if (format_ == TableFormat::Csv) {
    csv_.close();
    if (!csv_) throw std::runtime_error("csv: cannot write " + csv_file_->path());
    return csv_file_;
  }
  return workbook_->close();
}

namespace {

std::shared_ptr<TemporaryFile> table_file(TableFormat format, const ExportTable& table) {
  TableFile file(format, table.title, table.language, table.columns);
  for (const auto& row : table.rows) file.row(row);
  if (!table.totals.empty()) file.totals(table.totals);
  return file.finish();
}

}  // namespace

std::string to_xlsx(const ExportTable& table) { return table_file(TableFormat::Xlsx, table)->read(); }

std::string to_csv(const ExportTable& table) { return table_file(TableFormat::Csv, table)->read(); }

}  // namespace riaya::io
