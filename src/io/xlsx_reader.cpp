#include "io/xlsx_reader.hpp"

#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <charconv>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <utility>

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

  // Hands the content of the entry `name` (matched exactly, then ignoring case) to `consume`
  // in pieces as it is inflated, none of it kept: false when the archive has no such entry.
  Result<bool> stream(const std::string& name, const std::function<Result<void>(std::string_view)>& consume) {
    zip_int64_t index = zip_name_locate(zip_.get(), name.c_str(), 0);
    if (index < 0) index = zip_name_locate(zip_.get(), name.c_str(), ZIP_FL_NOCASE);
    if (index < 0) return false;
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(zip_.get(), static_cast<zip_uint64_t>(index), 0, &stat) != 0 || !(stat.valid & ZIP_STAT_SIZE))
      return file_error("damaged", "unreadable zip entry " + name);
    if (stat.size > budget_) return file_error("too_large", "uncompressed size over the limit", {}, budget_);
    std::unique_ptr<zip_file_t, ZipFileClose> file(zip_fopen_index(zip_.get(), static_cast<zip_uint64_t>(index), 0));
    if (!file) return file_error("damaged", "cannot open zip entry " + name);
    // Read until the end (so that libzip checks the CRC), noticing an entry that inflates past
    // its header.
    std::string chunk(std::size_t{64} << 10, '\0');
    std::uint64_t filled = 0;
    for (;;) {
      const zip_int64_t got = zip_fread(file.get(), chunk.data(), chunk.size());
      if (got < 0) return file_error("damaged", "corrupt zip entry " + name);
      if (got == 0) break;
      filled += static_cast<std::uint64_t>(got);
      if (filled > stat.size) return file_error("damaged", "zip entry larger than announced: " + name);
      if (auto consumed = consume(std::string_view(chunk.data(), static_cast<std::size_t>(got))); !consumed)
        return std::unexpected(consumed.error());
    }
    budget_ -= static_cast<std::size_t>(filled);
    return true;
  }

 private:
  Archive() = default;
  std::unique_ptr<zip_t, ZipDiscard> zip_;
  std::size_t budget_ = 0;
};

// ---- XML read as a stream -----------------------------------------------------------------

// Element names without their namespace prefix ("x:row" → "row").
std::string_view local_name(const char* name) {
  const std::string_view view(name);
  const auto colon = view.rfind(':');
  return colon == std::string_view::npos ? view : view.substr(colon + 1);
}

// The value of the attribute whose local name is `name` among expat's (name, value, …, null).
std::string_view attribute(const char** attributes, std::string_view name) {
  for (std::size_t i = 0; attributes[i] != nullptr; i += 2)
    if (local_name(attributes[i]) == name) return attributes[i + 1];
  return {};
}

// What reads an XML part as expat meets it: each element's start (at `depth`, 1 for the root,
// its local name and attributes), its end, and the text directly inside it; nothing of the
// document is kept by the parser. An error a handler answers stops the parse and is the part's.
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual Result<void> start(std::size_t depth, std::string_view name, const char** attributes) = 0;
  virtual Result<void> end(std::size_t depth, std::string_view name) = 0;
  virtual void text(std::size_t depth, std::string_view text) = 0;
};

struct ParserFree {
  void operator()(XML_Parser parser) const { XML_ParserFree(parser); }
};

class XmlStream {
 public:
  explicit XmlStream(XmlHandler& handler) : handler_(handler), parser_(XML_ParserCreate(nullptr)) {
    if (!parser_) throw std::bad_alloc();
    XML_SetUserData(parser_.get(), this);
    XML_SetElementHandler(parser_.get(), &XmlStream::on_start, &XmlStream::on_end);
    XML_SetCharacterDataHandler(parser_.get(), &XmlStream::on_text);
  }

  // Parses the part `part` of the archive; false when there is no such part.
  Result<bool> parse(Archive& archive, const std::string& part) {
    auto found = archive.stream(part, [&](std::string_view chunk) { return feed(part, chunk, false); });
    if (!found || !*found) return found;
    if (auto fed = feed(part, {}, true); !fed) return std::unexpected(fed.error());
    return true;
  }

 private:
  XmlHandler& handler_;
  std::unique_ptr<XML_ParserStruct, ParserFree> parser_;
  std::size_t depth_ = 0;
  std::optional<domain::Error> error_;  // a handler's, which stopped the parse

  Result<void> feed(const std::string& part, std::string_view chunk, bool last) {
    if (XML_Parse(parser_.get(), chunk.data(), static_cast<int>(chunk.size()), last ? XML_TRUE : XML_FALSE) ==
        XML_STATUS_OK)
      return {};
    if (error_) return std::unexpected(std::move(*error_));
    return file_error("damaged", "bad XML in " + part + ": " + XML_ErrorString(XML_GetErrorCode(parser_.get())) +
                                     " at line " + std::to_string(XML_GetCurrentLineNumber(parser_.get())));
  }

  // The handlers run inside expat (C): nothing may be thrown through it.
  void stop(domain::Error error) {
    if (!error_) error_ = std::move(error);
    XML_StopParser(parser_.get(), XML_FALSE);
  }
  template <class Call>
  static void guarded(void* data, Call&& call) {
    auto& self = *static_cast<XmlStream*>(data);
    if (self.error_) return;
    try {
      if (auto done = call(self); !done) self.stop(std::move(done.error()));
    } catch (const std::exception& exception) {
      self.stop(domain::Error{ErrorCode::InvalidValue, "file", {{"reason", "too_large"}}, exception.what()});
    }
  }
  static void on_start(void* data, const XML_Char* name, const XML_Char** attributes) {
    guarded(data, [&](XmlStream& self) { return self.handler_.start(++self.depth_, local_name(name), attributes); });
  }
  static void on_end(void* data, const XML_Char* name) {
    guarded(data, [&](XmlStream& self) { return self.handler_.end(self.depth_--, local_name(name)); });
  }
  static void on_text(void* data, const XML_Char* text, int length) {
    guarded(data, [&](XmlStream& self) -> Result<void> {
      self.handler_.text(self.depth_, std::string_view(text, static_cast<std::size_t>(length)));
      return {};
    });
  }
};

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

// The text of a shared string item <si> or an inline string <is> whose element is at `depth`:
// its <t>, or the <t> of each rich-text run <r>; phonetic hints <rPh> are not part of the text.
class RichText {
 public:
  void begin(std::size_t depth) {
    item_depth_ = depth;
    text_.clear();
    run_ = false;
    capture_ = 0;
  }
  // An element met inside the item (depth > the item's).
  void start(std::size_t depth, std::string_view name) {
    if (depth == item_depth_ + 1) run_ = name == "r";
    if (name == "t" && (depth == item_depth_ + 1 || (depth == item_depth_ + 2 && run_))) capture_ = depth;
  }
  void end(std::size_t depth) {
    if (depth == capture_) capture_ = 0;
  }
  void text(std::size_t depth, std::string_view text) {
    if (capture_ != 0 && depth == capture_) text_ += text;
  }
  std::string take() { return decode_escapes(std::exchange(text_, {})); }

 private:
  std::size_t item_depth_ = 0;
  std::size_t capture_ = 0;  // the depth of the <t> whose text is read, 0 when none
  bool run_ = false;         // inside an <r> child of the item
  std::string text_;
};

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
using Relationships = std::map<std::string, Relationship, std::less<>>;

// The <Relationship> children of the root of a .rels part.
class RelationshipsReader : public XmlHandler {
 public:
  explicit RelationshipsReader(std::string directory) : directory_(std::move(directory)) {}
  Relationships relationships;

  Result<void> start(std::size_t depth, std::string_view name, const char** attributes) override {
    if (depth != 2 || name != "Relationship" || attribute(attributes, "TargetMode") == "External") return {};
    relationships.emplace(
        std::string(attribute(attributes, "Id")),
        Relationship{std::string(attribute(attributes, "Type")), resolve(directory_, attribute(attributes, "Target"))});
    return {};
  }
  Result<void> end(std::size_t, std::string_view) override { return {}; }
  void text(std::size_t, std::string_view) override {}

 private:
  std::string directory_;
};

// The relationships of the part at `part_path`, by Id; empty when the part has none.
Result<Relationships> read_relationships(Archive& archive, const std::string& part_path) {
  const auto directory = directory_of(part_path);
  const auto rels_path = directory + "_rels/" + part_path.substr(directory.size()) + ".rels";
  RelationshipsReader reader(directory);
  if (auto read = XmlStream(reader).parse(archive, rels_path); !read) return std::unexpected(read.error());
  return std::move(reader.relationships);
}

// The worksheets the workbook part lists, in tab order: {name, relationship id}.
class WorkbookReader : public XmlHandler {
 public:
  std::vector<std::pair<std::string, std::string>> sheets;

  Result<void> start(std::size_t depth, std::string_view name, const char** attributes) override {
    if (depth == 2 && name == "sheets") in_sheets_ = !seen_sheets_;
    if (depth == 2 && name == "sheets") seen_sheets_ = true;
    if (depth == 3 && in_sheets_ && name == "sheet")
      sheets.emplace_back(std::string(attribute(attributes, "name")), std::string(attribute(attributes, "id")));
    return {};
  }
  Result<void> end(std::size_t depth, std::string_view) override {
    if (depth == 2) in_sheets_ = false;
    return {};
  }
  void text(std::size_t, std::string_view) override {}

 private:
  bool in_sheets_ = false, seen_sheets_ = false;  // the first <sheets> only
};

// The <si> items of a shared strings part, in order.
class SharedStringsReader : public XmlHandler {
 public:
  explicit SharedStringsReader(std::vector<std::string>& shared) : shared_(shared) {}

  Result<void> start(std::size_t depth, std::string_view name, const char**) override {
    if (depth == 2 && name == "si") {
      in_item_ = true;
      item_.begin(depth);
    } else if (in_item_) {
      item_.start(depth, name);
    }
    return {};
  }
  Result<void> end(std::size_t depth, std::string_view) override {
    if (!in_item_) return {};
    if (depth == 2) {
      in_item_ = false;
      shared_.push_back(item_.take());
    } else {
      item_.end(depth);
    }
    return {};
  }
  void text(std::size_t depth, std::string_view text) override {
    if (in_item_) item_.text(depth, text);
  }

 private:
  std::vector<std::string>& shared_;
  RichText item_;
  bool in_item_ = false;
};

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

// A worksheet's part read as a stream: each cell is placed as its </c> is met, so only the
// cells holding something are ever kept (in `sheet` when `keep`, else only counted: the sheets
// of a workbook an import does not read still meet the limits and refusals).
class SheetReader : public XmlHandler {
 public:
  SheetReader(std::string name, bool keep, const std::vector<std::string>& shared, Totals& totals,
              const XlsxLimits& limits)
      : keep_(keep), shared_(shared), totals_(totals), limits_(limits) {
    sheet.name = std::move(name);
  }
  Sheet sheet;

  Result<void> start(std::size_t depth, std::string_view name, const char** attributes) override {
    if (depth == 2 && name == "sheetData") {
      in_data_ = !seen_data_;
      seen_data_ = true;
    } else if (depth == 3 && in_data_ && name == "row") {
      return start_row(attributes);
    } else if (depth == 4 && in_row_ && name == "c") {
      return start_cell(attributes);
    } else if (in_cell_ && depth == 5) {
      if (name == "v" && !inline_ && !seen_value_) {
        seen_value_ = true;
        capture_ = depth;
      } else if (name == "is" && inline_ && !seen_inline_) {
        seen_inline_ = in_inline_ = true;
        inline_text_.begin(depth);
      }
    } else if (in_inline_ && depth > 5) {
      inline_text_.start(depth, name);
    }
    return {};
  }

  Result<void> end(std::size_t depth, std::string_view) override {
    if (depth == 2) in_data_ = false;
    if (depth == 3) in_row_ = false;
    if (depth == capture_) capture_ = 0;
    if (in_inline_) {
      if (depth == 5)
        in_inline_ = false;
      else
        inline_text_.end(depth);
    }
    if (depth == 4 && in_cell_) {
      in_cell_ = false;
      return end_cell();
    }
    return {};
  }

  void text(std::size_t depth, std::string_view text) override {
    if (capture_ != 0 && depth == capture_) value_ += text;
    if (in_inline_) inline_text_.text(depth, text);
  }

 private:
  bool keep_;
  const std::vector<std::string>& shared_;
  Totals& totals_;
  const XlsxLimits& limits_;
  std::vector<std::size_t> lengths_;  // each row's length as kept (rows[i].size() when kept)
  std::size_t next_row_ = 0, rows_used_ = 0;
  bool in_data_ = false, seen_data_ = false;  // the first <sheetData> only
  // The row being read: its index, whether it holds something yet, the column after the last cell.
  bool in_row_ = false, row_holds_ = false;
  std::size_t row_index_ = 0, next_column_ = 0;
  // The cell being read.
  bool in_cell_ = false, inline_ = false, seen_value_ = false, seen_inline_ = false, in_inline_ = false;
  std::size_t column_ = 0, capture_ = 0;
  std::string type_, value_;
  RichText inline_text_;

  Result<void> start_row(const char** attributes) {
    std::size_t row_index = next_row_;
    if (const auto number = attribute(attributes, "r"); !number.empty()) {
      std::size_t parsed = 0;
      const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), parsed);
      if (error != std::errc() || end != number.data() + number.size() || parsed == 0 || parsed > max_rows)
        return file_error("damaged", "bad row number", sheet.name);
      row_index = parsed - 1;
    }
    next_row_ = row_index + 1;
    row_index_ = row_index;
    in_row_ = true;
    row_holds_ = false;
    next_column_ = 0;
    return {};
  }

  Result<void> start_cell(const char** attributes) {
    std::size_t column = next_column_;
    if (const auto reference = attribute(attributes, "r"); !reference.empty()) {
      const auto parsed = parse_reference(reference);
      if (!parsed) return file_error("damaged", "bad cell reference", sheet.name);
      column = parsed->second;
    }
    if (column >= max_columns) return file_error("damaged", "column beyond XFD", sheet.name);
    next_column_ = column + 1;
    column_ = column;
    type_ = attribute(attributes, "t");
    inline_ = type_ == "inlineStr";
    in_cell_ = true;
    seen_value_ = seen_inline_ = in_inline_ = false;
    value_.clear();
    return {};
  }

  Result<std::string> cell_text() {
    if (inline_) return seen_inline_ ? inline_text_.take() : std::string();
    if (!seen_value_) return std::string();
    if (type_ == "s") {
      std::size_t index = 0;
      const auto [end, error] = std::from_chars(value_.data(), value_.data() + value_.size(), index);
      if (error != std::errc() || end != value_.data() + value_.size() || index >= shared_.size())
        return file_error("damaged", "bad shared string index");
      return shared_[index];
    }
    if (type_ == "b") return std::string(value_ == "1" || value_ == "true" ? "1" : "0");
    if (type_ == "str") return decode_escapes(std::move(value_));
    return std::move(value_);  // numbers, dates, errors: as written
  }

  // A row only takes room once it holds something: LibreOffice writes an empty row 1,048,576
  // and styled blank cells up to AMJ, which must cost nothing.
  Result<void> end_cell() {
    auto text = cell_text();
    if (!text) return std::unexpected(text.error());
    if (text->empty()) return {};
    const auto row = row_index_, column = column_;
    if (!row_holds_) {
      row_holds_ = true;
      if (++rows_used_ > limits_.rows) return file_error("too_many_rows", "too many rows", sheet.name, limits_.rows);
      // The blank rows kept before this one count as cells, so that sparse rows cannot blow up.
      if (lengths_.size() <= row) {
        totals_.cells += row + 1 - lengths_.size();
        if (totals_.cells > limits_.cells)
          return file_error("too_many_cells", "too many cells", sheet.name, limits_.cells);
        lengths_.resize(row + 1);
        if (keep_) sheet.rows.resize(row + 1);
      }
    }
    if (lengths_[row] <= column) {
      totals_.cells += column + 1 - lengths_[row];
      if (totals_.cells > limits_.cells)
        return file_error("too_many_cells", "too many cells", sheet.name, limits_.cells);
      lengths_[row] = column + 1;
      if (keep_) sheet.rows[row].resize(column + 1);
    }
    totals_.text_bytes += text->size();
    if (totals_.text_bytes > limits_.text_bytes)
      return file_error("too_much_text", "too much text", sheet.name, limits_.text_bytes);
    if (keep_) sheet.rows[row][column] = std::move(*text);
    return {};
  }
};

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

namespace {

// Reads every worksheet of the workbook in `bytes`, in tab order, each part parsed as a stream,
// and hands each to `read` (keeping its rows when `keep(sheets read so far)` answers true).
Result<void> read_worksheets(std::string_view bytes, const XlsxLimits& limits, const std::function<bool()>& keep,
                             const std::function<void(Sheet&&)>& read) {
  auto archive = Archive::open(bytes, limits);
  if (!archive) return std::unexpected(archive.error());

  // The workbook part: named by the package relationships, xl/workbook.xml by convention.
  std::string workbook_path = "xl/workbook.xml";
  auto package = read_relationships(*archive, "");
  if (!package) return std::unexpected(package.error());
  for (const auto& [id, relationship] : *package) {
    if (type_is(relationship.type, "officeDocument")) workbook_path = relationship.target;
  }
  WorkbookReader workbook;
  auto found = XmlStream(workbook).parse(*archive, workbook_path);
  if (!found) return std::unexpected(found.error());
  if (!*found) return file_error("not_xlsx", "no workbook part");
  auto relationships = read_relationships(*archive, workbook_path);
  if (!relationships) return std::unexpected(relationships.error());

  // The shared strings, wherever their part lies in the archive, before any sheet.
  std::vector<std::string> shared;
  for (const auto& [id, relationship] : *relationships) {
    if (!type_is(relationship.type, "sharedStrings")) continue;
    SharedStringsReader strings(shared);
    auto read_strings = XmlStream(strings).parse(*archive, relationship.target);
    if (!read_strings) return std::unexpected(read_strings.error());
    if (!*read_strings) return file_error("damaged", "missing shared strings part");
  }

  Totals totals;
  for (auto& [name, id] : workbook.sheets) {
    const auto target = relationships->find(id);
    if (target == relationships->end()) return file_error("damaged", "sheet without a part");
    if (!type_is(target->second.type, "worksheet")) continue;
    SheetReader sheet(std::move(name), keep(), shared, totals, limits);
    auto read_sheet = XmlStream(sheet).parse(*archive, target->second.target);
    if (!read_sheet) return std::unexpected(read_sheet.error());
    if (!*read_sheet) return file_error("damaged", "missing sheet part " + target->second.target);
    read(std::move(sheet.sheet));
  }
  return {};
}

}  // namespace

Result<Workbook> read_xlsx(std::string_view bytes, const XlsxLimits& limits) {
  Workbook workbook;
  auto read = read_worksheets(
      bytes, limits, [] { return true; }, [&](Sheet&& sheet) { workbook.sheets.push_back(std::move(sheet)); });
  if (!read) return std::unexpected(read.error());
  return workbook;
}

Result<std::optional<Sheet>> read_first_filled_sheet(std::string_view bytes, const XlsxLimits& limits) {
  std::optional<Sheet> first;
  auto read = read_worksheets(
      bytes, limits, [&] { return !first.has_value(); },
      [&](Sheet&& sheet) {
        if (!first && !sheet.rows.empty()) first = std::move(sheet);
      });
  if (!read) return std::unexpected(read.error());
  return first;
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
