#include "io/table_export.hpp"

#include "domain/money.hpp"
#include "io/xlsx_writer.hpp"

#include <charconv>
#include <iterator>
#include <stdexcept>

namespace riaya::io {
namespace {

constexpr std::size_t kCsvFlushAt = 64 * 1024;

const ExportCell kBlank{};

const ExportCell& cell(const std::vector<ExportCell>& row, std::size_t column) {
  return column < row.size() ? row[column] : kBlank;
}

// Appends `text` as a CSV field: quoted when it holds a comma, a quote or a line break; a text
// that a spreadsheet would take for a formula (starting with = + - @) after an apostrophe.
void append_csv_text(std::string& out, std::string_view text) {
  const bool quoted = text.find_first_of(",\"\r\n") != std::string_view::npos;
  if (quoted) out += '"';
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@')) out += '\'';
  if (!quoted) {
    out += text;
    return;
  }
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

TableFile::TableFile(TableFormat format, std::string_view title, domain::Language language,
                     std::vector<ExportColumn> columns, ByteSink sink)
    : format_(format), columns_(std::move(columns)), sink_(std::move(sink)) {
  if (format_ == TableFormat::Csv) {
    csv_ = "\xEF\xBB\xBF";
    for (std::size_t column = 0; column < columns_.size(); ++column) {
      if (column > 0) csv_ += ',';
      append_csv_text(csv_, columns_[column].label);  // a label is text, whatever its column holds
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
  bold_ = bold;
  for (std::size_t column = 0; column < columns_.size(); ++column) {
    const auto& value = cell(cells, column);
    if (const auto* text_value = std::get_if<std::string>(&value))
      text(*text_value);
    else if (const auto* number = std::get_if<long long>(&value))
      integer(*number);
    else
      blank();
  }
  end_row();
  bold_ = false;
}

bool TableFile::next_cell() {
  if (column_ >= columns_.size()) return false;
  if (format_ == TableFormat::Csv && column_ > 0) csv_ += ',';
  return true;
}

void TableFile::text(std::string_view value) {
  if (!next_cell()) return;
  if (format_ == TableFormat::Csv)
    append_csv_text(csv_, value);
  else if (columns_[column_].kind == ColumnKind::Date)
    sheet_->date(value, bold_ ? CellStyle::Bold : CellStyle::Plain);
  else
    sheet_->text(value, bold_ ? CellStyle::Bold : CellStyle::Plain);
  ++column_;
}

void TableFile::integer(long long value) {
  if (!next_cell()) return;
  const bool amount = columns_[column_].kind == ColumnKind::Centimes;
  if (format_ == TableFormat::Csv) {
    if (amount) {
      csv_ += domain::decimal_dirhams(value);
    } else {
      char digits[24];
      csv_.append(digits, std::to_chars(std::begin(digits), std::end(digits), value).ptr);
    }
  } else if (amount) {
    sheet_->amount(value, bold_ ? CellStyle::Bold : CellStyle::Plain);
  } else {
    sheet_->number(static_cast<double>(value), bold_ ? CellStyle::Bold : CellStyle::Plain);
  }
  ++column_;
}

void TableFile::blank() {
  if (!next_cell()) return;
  if (format_ == TableFormat::Xlsx) sheet_->skip();
  ++column_;
}

void TableFile::end_row() {
  if (format_ == TableFormat::Xlsx) {
    sheet_->next_row();
    column_ = 0;
    return;
  }
  while (column_ < columns_.size()) blank();
  csv_ += "\r\n";
  column_ = 0;
  if (csv_.size() >= kCsvFlushAt) {
    sink_(csv_);
    csv_.clear();
  }
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
