#include "io/xlsx_reader.hpp"

#include <zip.h>
#include <pugixml.hpp>

#include <algorithm>
#include <charconv>
#include <map>
#include <memory>
#include <optional>

namespace riaya::io {
namespace {

using domain::ErrorCode;
using domain::Result;

constexpr std::size_t max_columns = 16'384;  // XFD, the last column Excel has
constexpr std::size_t max_rows = 1'048'576;  // the last row Excel has

// A refusal: `reason` is one of the tokens describe_refusal() words for the user, `sheet` the
// worksheet concerned (when one is), `internal` the technical detail for the log.
std::unexpected<domain::Error> file_error(std::string_view reason, std::string internal, std::string sheet = {},
                                          std::size_t limit = 0) {
  nlohmann::json detail = {{"reason", reason}};
  if (!sheet.empty()) detail["sheet"] = std::move(sheet);
  if (limit > 0) detail["limit"] = limit;
  return std::unexpected(domain::Error{ErrorCode::InvalidValue, "file", std::move(detail), std::move(internal)});
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](char x, char y) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    return lower(x) == lower(y);
  });
}

// ---- the zip archive ------------------------------------------------------------------

struct ZipDiscard {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
struct ZipFileClose {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};

class Archive {
 public:
  static Result<Archive> open(std::string_view bytes, const XlsxLimits& limits) {
    if (bytes.empty()) return file_error("empty", "empty file");
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (source == nullptr) {
      zip_error_fini(&error);
      return file_error("not_xlsx", "cannot read the zip");
    }
    zip_t* opened = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (opened == nullptr) {
      zip_source_free(source);
      zip_error_fini(&error);
      return file_error("not_xlsx", "not a zip archive");
    }
    zip_error_fini(&error);
    Archive archive;
    archive.zip_.reset(opened);

    const zip_int64_t entries = zip_get_num_entries(opened, 0);
    if (entries < 0 || static_cast<std::uint64_t>(entries) > limits.entries)
      return file_error("too_large", "too many entries", {}, limits.uncompressed_bytes);
    std::uint64_t total = 0;
    for (zip_int64_t i = 0; i < entries; ++i) {
      zip_stat_t stat;
      zip_stat_init(&stat);
      if (zip_stat_index(opened, static_cast<zip_uint64_t>(i), 0, &stat) != 0 || !(stat.valid & ZIP_STAT_SIZE))
        return file_error("damaged", "unreadable zip entry");
      total += stat.size;
      if (total > limits.uncompressed_bytes)
        return file_error("too_large", "uncompressed size over the limit", {}, limits.uncompressed_bytes);
    }
    archive.budget_ = limits.uncompressed_bytes;
    return archive;
  }

  // The content of the entry `name` (matched exactly, then ignoring case), std::nullopt when
  // the archive has no such entry.
  Result<std::optional<std::string>> read(const std::string& name) {
    zip_int64_t index = zip_name_locate(zip_.get(), name.c_str(), 0);
    if (index < 0) index = zip_name_locate(zip_.get(), name.c_str(), ZIP_FL_NOCASE);
    if (index < 0) return std::optional<std::string>();
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(zip_.get(), static_cast<zip_uint64_t>(index), 0, &stat) != 0 || !(stat.valid & ZIP_STAT_SIZE))
      return file_error("damaged", "unreadable zip entry " + name);
    if (stat.size > budget_) return file_error("too_large", "uncompressed size over the limit", {}, budget_);
    std::unique_ptr<zip_file_t, ZipFileClose> file(zip_fopen_index(zip_.get(), static_cast<zip_uint64_t>(index), 0));
    if (!file) return file_error("damaged", "cannot open zip entry " + name);
    // One byte more than announced, to notice an entry that inflates past its header.
    std::string content(static_cast<std::size_t>(stat.size) + 1, '\0');
    std::size_t filled = 0;
    while (filled < content.size()) {
      const zip_int64_t got = zip_fread(file.get(), content.data() + filled, content.size() - filled);
      if (got < 0) return file_error("damaged", "corrupt zip entry " + name);
      if (got == 0) break;
      filled += static_cast<std::size_t>(got);
    }
    if (filled > stat.size) return file_error("damaged", "zip entry larger than announced: " + name);
    content.resize(filled);
    budget_ -= filled;
    return std::optional<std::string>(std::move(content));
  }

 private:
  Archive() = default;
  std::unique_ptr<zip_t, ZipDiscard> zip_;
  std::size_t budget_ = 0;
};

// ---- XML helpers ----------------------------------------------------------------------

using XmlDocument = std::unique_ptr<pugi::xml_document>;

// Parsed in place: the document's names and texts point into `text`, which must outlive it (a
// sheet of 100,000 rows is not held twice).
Result<XmlDocument> parse_xml(std::string& text, const std::string& part) {
  auto document = std::make_unique<pugi::xml_document>();
  const auto parsed =
      document->load_buffer_inplace(text.data(), text.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!parsed) return file_error("damaged", "bad XML in " + part + ": " + parsed.description());
  return document;
}

// Element names without their namespace prefix ("x:row" → "row").
std::string_view local_name(const char* name) {
  const std::string_view view(name);
  const auto colon = view.rfind(':');
  return colon == std::string_view::npos ? view : view.substr(colon + 1);
}

pugi::xml_node child(const pugi::xml_node& node, std::string_view name) {
  for (const auto& each : node.children()) {
    if (each.type() == pugi::node_element && local_name(each.name()) == name) return each;
  }
  return {};
}

template <class Visit>
void for_children(const pugi::xml_node& node, std::string_view name, Visit&& visit) {
  for (const auto& each : node.children()) {
    if (each.type() == pugi::node_element && local_name(each.name()) == name) visit(each);
  }
}

std::string_view attribute(const pugi::xml_node& node, std::string_view name) {
  for (const auto& each : node.attributes()) {
    if (local_name(each.name()) == name) return each.value();
  }
  return {};
}

pugi::xml_node root_element(const pugi::xml_document& document) {
  for (const auto& each : document.children()) {
    if (each.type() == pugi::node_element) return each;
  }
  return {};
}

std::string text_of(const pugi::xml_node& node) {
  std::string text;
  for (const auto& each : node.children()) {
    if (each.type() == pugi::node_pcdata || each.type() == pugi::node_cdata) text += each.value();
  }
  return text;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::string& out, unsigned code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

// Excel writes characters XML cannot hold as _xHHHH_ (and a literal "_x" as _x005F_x).
std::string decode_escapes(std::string text) {
  if (text.find("_x") == std::string::npos) return text;
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' && text[i + 6] == '_') {
      unsigned code = 0;
      bool hex = true;
      for (std::size_t k = 2; k < 6; ++k) {
        const int digit = hex_digit(text[i + k]);
        if (digit < 0) {
          hex = false;
          break;
        }
        code = code * 16 + static_cast<unsigned>(digit);
      }
      if (hex && (code < 0xD800 || code > 0xDFFF)) {
        append_utf8(out, code);
        i += 6;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

// The text of a shared string item <si> or an inline string <is>: its <t>, or the <t> of each
// rich-text run <r>; phonetic hints <rPh> are not part of the text.
std::string rich_text(const pugi::xml_node& node) {
  std::string text;
  for (const auto& each : node.children()) {
    if (each.type() != pugi::node_element) continue;
    const auto name = local_name(each.name());
    if (name == "t") {
      text += text_of(each);
    } else if (name == "r") {
      for_children(each, "t", [&](const pugi::xml_node& t) { text += text_of(t); });
    }
  }
  return decode_escapes(std::move(text));
}

// ---- paths inside the package ---------------------------------------------------------

std::string directory_of(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
}

// `target` of a relationship, relative to `base_directory` unless it starts with '/'.
std::string resolve(const std::string& base_directory, std::string_view target) {
  const std::string joined =
      target.starts_with('/') ? std::string(target.substr(1)) : base_directory + std::string(target);
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= joined.size()) {
    auto end = joined.find('/', start);
    if (end == std::string::npos) end = joined.size();
    const std::string part = joined.substr(start, end - start);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    start = end + 1;
  }
  std::string path;
  for (const auto& part : parts) path += (path.empty() ? "" : "/") + part;
  return path;
}

struct Relationship {
  std::string type;
  std::string target;  // resolved
};

// The relationships of the part at `part_path`, by Id; empty when the part has none.
Result<std::map<std::string, Relationship, std::less<>>> read_relationships(Archive& archive,
                                                                            const std::string& part_path) {
  const auto directory = directory_of(part_path);
  const auto rels_path = directory + "_rels/" + part_path.substr(directory.size()) + ".rels";
  auto content = archive.read(rels_path);
  if (!content) return std::unexpected(content.error());
  std::map<std::string, Relationship, std::less<>> relationships;
  if (!*content) return relationships;
  auto document = parse_xml(**content, rels_path);
  if (!document) return std::unexpected(document.error());
  for_children(root_element(**document), "Relationship", [&](const pugi::xml_node& node) {
    if (attribute(node, "TargetMode") == "External") return;
    Relationship relationship{std::string(attribute(node, "Type")), resolve(directory, attribute(node, "Target"))};
    relationships.emplace(std::string(attribute(node, "Id")), std::move(relationship));
  });
  return relationships;
}

// ---- cells ----------------------------------------------------------------------------

struct Totals {
  std::size_t cells = 0;
  std::size_t text_bytes = 0;
};

// "B12" → 0-based {row 11, column 1}.
std::optional<std::pair<std::size_t, std::size_t>> parse_reference(std::string_view reference) {
  std::size_t i = 0, column = 0;
  while (i < reference.size() && i < 3) {
    char c = reference[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    column = column * 26 + static_cast<std::size_t>(c - 'A' + 1);
    ++i;
  }
  if (i == 0 || column > max_columns) return std::nullopt;
  std::size_t row = 0;
  const auto digits = reference.substr(i);
  if (digits.empty() || digits.size() > 7) return std::nullopt;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), row);
  if (error != std::errc() || end != digits.data() + digits.size() || row == 0) return std::nullopt;
  return std::pair{row - 1, column - 1};
}

Result<std::string> cell_text(const pugi::xml_node& cell, const std::vector<std::string>& shared) {
  const auto type = attribute(cell, "t");
  if (type == "inlineStr") return rich_text(child(cell, "is"));
  const auto value = child(cell, "v");
  if (!value) return std::string();
  std::string text = text_of(value);
  if (type == "s") {
    std::size_t index = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), index);
    if (error != std::errc() || end != text.data() + text.size() || index >= shared.size())
      return file_error("damaged", "bad shared string index");
    return shared[index];
  }
  if (type == "b") return std::string(text == "1" || text == "true" ? "1" : "0");
  if (type == "str") return decode_escapes(std::move(text));
  return text;  // numbers, dates, errors: as written
}

Result<Sheet> read_sheet(std::string name, const pugi::xml_document& document, const std::vector<std::string>& shared,
                         Totals& totals, const XlsxLimits& limits) {
  Sheet sheet{std::move(name), {}};
  const auto data = child(root_element(document), "sheetData");
  std::size_t next_row = 0;
  std::size_t rows_used = 0;
  for (const auto& row : data.children()) {
    if (row.type() != pugi::node_element || local_name(row.name()) != "row") continue;
    std::size_t row_index = next_row;
    if (const auto number = attribute(row, "r"); !number.empty()) {
      std::size_t parsed = 0;
      const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), parsed);
      if (error != std::errc() || end != number.data() + number.size() || parsed == 0 || parsed > max_rows)
        return file_error("damaged", "bad row number", sheet.name);
      row_index = parsed - 1;
    }
    next_row = row_index + 1;
    // A row only takes room once it holds something: LibreOffice writes an empty row
    // 1,048,576 and styled blank cells up to AMJ, which must cost nothing.
    std::vector<std::string>* cells = nullptr;
    std::size_t next_column = 0;
    for (const auto& cell : row.children()) {
      if (cell.type() != pugi::node_element || local_name(cell.name()) != "c") continue;
      std::size_t column = next_column;
      if (const auto reference = attribute(cell, "r"); !reference.empty()) {
        const auto parsed = parse_reference(reference);
        if (!parsed) return file_error("damaged", "bad cell reference", sheet.name);
        column = parsed->second;
      }
      if (column >= max_columns) return file_error("damaged", "column beyond XFD", sheet.name);
      next_column = column + 1;
      auto text = cell_text(cell, shared);
      if (!text) return std::unexpected(text.error());
      if (text->empty()) continue;
      if (cells == nullptr) {
        if (++rows_used > limits.rows) return file_error("too_many_rows", "too many rows", sheet.name, limits.rows);
        // The blank rows kept before this one count as cells, so that sparse rows cannot blow up.
        if (sheet.rows.size() <= row_index) {
          totals.cells += row_index + 1 - sheet.rows.size();
          if (totals.cells > limits.cells)
            return file_error("too_many_cells", "too many cells", sheet.name, limits.cells);
          sheet.rows.resize(row_index + 1);
        }
        cells = &sheet.rows[row_index];
      }
      if (cells->size() <= column) {
        totals.cells += column + 1 - cells->size();
        if (totals.cells > limits.cells)
          return file_error("too_many_cells", "too many cells", sheet.name, limits.cells);
        cells->resize(column + 1);
      }
      totals.text_bytes += text->size();
      if (totals.text_bytes > limits.text_bytes)
        return file_error("too_much_text", "too much text", sheet.name, limits.text_bytes);
      (*cells)[column] = std::move(*text);
    }
  }
  return sheet;
}

bool type_is(std::string_view type, std::string_view kind) {
  return type.size() > kind.size() && type.ends_with(kind) && type[type.size() - kind.size() - 1] == '/';
}

}  // namespace

std::string_view Sheet::cell(std::size_t row, std::size_t column) const {
  if (row >= rows.size() || column >= rows[row].size()) return {};
  return rows[row][column];
}

const Sheet* Workbook::find(std::string_view name) const {
  for (const auto& sheet : sheets) {
    if (equal_ignoring_case(sheet.name, name)) return &sheet;
  }
  return nullptr;
}

Result<Workbook> read_xlsx(std::string_view bytes, const XlsxLimits& limits) {
  auto archive = Archive::open(bytes, limits);
  if (!archive) return std::unexpected(archive.error());

  // The workbook part: named by the package relationships, xl/workbook.xml by convention.
  std::string workbook_path = "xl/workbook.xml";
  auto package = read_relationships(*archive, "");
  if (!package) return std::unexpected(package.error());
  for (const auto& [id, relationship] : *package) {
    if (type_is(relationship.type, "officeDocument")) workbook_path = relationship.target;
  }
  auto workbook_xml = archive->read(workbook_path);
  if (!workbook_xml) return std::unexpected(workbook_xml.error());
  if (!*workbook_xml) return file_error("not_xlsx", "no workbook part");
  auto workbook_document = parse_xml(**workbook_xml, workbook_path);
  if (!workbook_document) return std::unexpected(workbook_document.error());
  auto relationships = read_relationships(*archive, workbook_path);
  if (!relationships) return std::unexpected(relationships.error());

  std::vector<std::string> shared;
  for (const auto& [id, relationship] : *relationships) {
    if (!type_is(relationship.type, "sharedStrings")) continue;
    auto content = archive->read(relationship.target);
    if (!content) return std::unexpected(content.error());
    if (!*content) return file_error("damaged", "missing shared strings part");
    auto document = parse_xml(**content, relationship.target);
    if (!document) return std::unexpected(document.error());
    for_children(root_element(**document), "si",
                 [&](const pugi::xml_node& item) { shared.push_back(rich_text(item)); });
  }

  Workbook workbook;
  Totals totals;
  const auto sheets = child(root_element(**workbook_document), "sheets");
  for (const auto& node : sheets.children()) {
    if (node.type() != pugi::node_element || local_name(node.name()) != "sheet") continue;
    const auto found = relationships->find(attribute(node, "id"));
    if (found == relationships->end()) return file_error("damaged", "sheet without a part");
    if (!type_is(found->second.type, "worksheet")) continue;
    auto content = archive->read(found->second.target);
    if (!content) return std::unexpected(content.error());
    if (!*content) return file_error("damaged", "missing sheet part " + found->second.target);
    auto document = parse_xml(**content, found->second.target);
    if (!document) return std::unexpected(document.error());
    auto sheet = read_sheet(std::string(attribute(node, "name")), **document, shared, totals, limits);
    if (!sheet) return std::unexpected(sheet.error());
    workbook.sheets.push_back(std::move(*sheet));
  }
  return workbook;
}

namespace {

// The limit a refusal met (its detail's "limit"), else the reader's default.
std::size_t limit_of(const domain::Error& refusal, std::size_t fallback) {
  const auto limit = refusal.detail.find("limit");
  return limit != refusal.detail.end() && limit->is_number_unsigned() ? limit->get<std::size_t>() : fallback;
}

}  // namespace

std::string describe_refusal(const domain::Error& refusal, domain::Language language) {
  using domain::Language;
  const auto reason = refusal.detail.value("reason", std::string());
  const auto sheet = domain::quoted(language, refusal.detail.value("sheet", std::string()));
  const auto pick = [&](const std::string& ar, const std::string& fr, const std::string& en) {
    return language == Language::Arabic ? ar : language == Language::French ? fr : en;
  };
  if (reason == "empty") return pick("الملف فارغ.", "Le fichier est vide.", "The file is empty.");
  if (reason == "too_large") {
    const auto mb = std::to_string(limit_of(refusal, max_xlsx_uncompressed_bytes) >> 20);
    return pick("المصنف أكبر مما يمكن قراءته (" + mb + " ميغابايت على الأكثر بعد فك الضغط).",
                "Le classeur est trop volumineux (" + mb + " Mo au plus une fois décompressé).",
                "The workbook is too large (" + mb + " MB at most uncompressed).");
  }
  if (reason == "too_many_rows") {
    const auto rows = std::to_string(limit_of(refusal, max_xlsx_rows));
    return pick("الورقة " + sheet + " تتضمن أكثر من " + rows + " سطر مملوء.",
                "La feuille " + sheet + " a plus de " + rows + " lignes remplies.",
                "The sheet " + sheet + " has more than " + rows + " filled rows.");
  }
  if (reason == "too_many_cells") {
    const auto cells = std::to_string(limit_of(refusal, max_xlsx_cells));
    return pick("المصنف يتضمن أكثر من " + cells + " خلية.", "Le classeur a plus de " + cells + " cellules.",
                "The workbook has more than " + cells + " cells.");
  }
  if (reason == "too_much_text") {
    const auto mb = std::to_string(limit_of(refusal, max_xlsx_text_bytes) >> 20);
    return pick("المصنف يتضمن أكثر من " + mb + " ميغابايت من النصوص.",
                "Le classeur contient plus de " + mb + " Mo de texte.",
                "The workbook holds more than " + mb + " MB of text.");
  }
  if (reason == "damaged") {
    const auto where = refusal.detail.contains("sheet");
    return pick(std::string("الملف تالف أو غير مكتمل") + (where ? " (الورقة " + sheet + ")" : "") +
                    ": افتحوه في برنامج الجداول واحفظوه من جديد بصيغة xlsx.",
                std::string("Le fichier est endommagé ou incomplet") + (where ? " (feuille " + sheet + ")" : "") +
                    " : ouvrez-le dans votre tableur et enregistrez-le de nouveau au format .xlsx.",
                std::string("The file is damaged or incomplete") + (where ? " (sheet " + sheet + ")" : "") +
                    ": open it in your spreadsheet program and save it again as .xlsx.");
  }
  return pick(
      "الملف ليس مصنفا بصيغة xlsx: احفظوه من Excel أو LibreOffice Calc أو Google Sheets بصيغة xlsx (ملفات xls "
      "القديمة والملفات المحمية بكلمة مرور غير مقبولة).",
      "Le fichier n'est pas un classeur .xlsx : enregistrez-le au format .xlsx depuis Excel, LibreOffice Calc ou "
      "Google Sheets (les anciens fichiers .xls et les fichiers protégés par un mot de passe ne sont pas acceptés).",
      "The file is not an .xlsx workbook: save it as .xlsx from Excel, LibreOffice Calc or Google Sheets (old .xls "
      "files and password-protected files are not accepted).");
}

}  // namespace riaya::io
