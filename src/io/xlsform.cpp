#include "io/xlsform.hpp"

#include "domain/search_key.hpp"
#include "io/xlsx_reader.hpp"
#include "io/xlsx_writer.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>

namespace riaya::io {
namespace {

using Kind = XlsformIssue::Kind;
using domain::Language;
using nlohmann::json;

enum class Lang { None, Arabic, French, Other };

constexpr std::string_view survey_name = "survey";
constexpr std::string_view choices_name = "choices";
constexpr std::string_view settings_name = "settings";
constexpr std::string_view default_code = "xlsform";
constexpr std::string_view default_na_ar = "لا ينطبق";
constexpr std::string_view default_na_fr = "sans objet";
struct ScaleWords {
  std::string_view ar, fr;
};
// Riaya's scale (data/grid.json), for a form whose choice lists are not 0, 1, 2.
constexpr std::array<ScaleWords, 3> default_scale = {ScaleWords{"غير متوفر", "absent"}, ScaleWords{"جزئي", "partiel"},
                                                     ScaleWords{"مرض", "satisfaisant"}};

// ---- text -----------------------------------------------------------------------------

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(), lower);
  return out;
}

// Lower case without spaces and underscores: how headers are compared.
std::string squash(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c != ' ' && c != '_' && c != '\t') out += lower(c);
  }
  return out;
}

// Any letter of the Arabic blocks U+0600–U+06FF (UTF-8 lead bytes D8–DB).
bool has_arabic(std::string_view text) {
  return std::ranges::any_of(text, [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0xD8 && byte <= 0xDB;
  });
}

Lang language_of_tag(std::string_view tag) {
  const auto squashed = squash(tag);
  if (squashed == "ar" || squashed == "arabic" || squashed.ends_with("(ar)")) return Lang::Arabic;
  if (squashed == "fr" || squashed == "french" || squashed.ends_with("(fr)")) return Lang::French;
  return Lang::Other;
}

// "1", "0.5", "2E-3" → the number; nullopt for anything else (including "", "1,5", "nan").
std::optional<double> parse_number(std::string_view text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
    return std::nullopt;
  return value;
}

// ---- sheets as tables -----------------------------------------------------------------

struct Column {
  std::size_t index;
  std::string header;  // as written in the file
};

// A sheet whose first non-empty row names its columns.
class Table {
 public:
  explicit Table(const Sheet& sheet) : sheet_(sheet) {
    while (header_row_ < sheet.rows.size() && blank(header_row_)) ++header_row_;
    if (header_row_ >= sheet.rows.size()) return;
    const auto& headers = sheet.rows[header_row_];
    for (std::size_t i = 0; i < headers.size(); ++i) {
      const auto header = domain::trim(headers[i]);
      if (header.empty()) continue;
      auto separator = header.find("::");
      auto separator_size = 2;
      if (separator == std::string::npos) {
        separator = header.find(':');
        separator_size = 1;
      }
      const auto base = squash(header.substr(0, separator));
      const auto lang =
          separator == std::string::npos ? Lang::None : language_of_tag(header.substr(separator + separator_size));
      columns_.try_emplace({base, lang}, Column{i, header});
    }
  }

  const Sheet& sheet() const { return sheet_; }
  std::size_t first_data_row() const { return header_row_ + 1; }
  std::size_t row_count() const { return sheet_.rows.size(); }

  bool blank(std::size_t row) const {
    if (row >= sheet_.rows.size()) return true;
    return std::ranges::all_of(sheet_.rows[row], [](const std::string& cell) { return domain::trim(cell).empty(); });
  }

  const Column* column(std::string_view base, Lang lang = Lang::None) const {
    const auto found = columns_.find({squash(base), lang});
    return found == columns_.end() ? nullptr : &found->second;
  }

  std::string cell(std::size_t row, const Column* column) const {
    return column == nullptr ? std::string() : domain::trim(sheet_.cell(row, column->index));
  }

  // The header to name in an issue: the one in the file, else `fallback`.
  static std::string header(const Column* column, std::string_view fallback) {
    return column == nullptr ? std::string(fallback) : column->header;
  }

 private:
  const Sheet& sheet_;
  std::size_t header_row_ = 0;
  std::map<std::pair<std::string, Lang>, Column> columns_;
};

// A text that may come in Arabic and French columns ("label::Arabic (ar)") and in a column
// without language ("label") whose language is the default language or, without one, the
// script of the text.
struct Localized {
  const Column* ar;
  const Column* fr;
  const Column* plain;
  const Column* other;  // the first column in another language ("label::English (en)")
  std::string base;

  Localized(const Table& table, std::string_view base_name)
      : ar(table.column(base_name, Lang::Arabic)),
        fr(table.column(base_name, Lang::French)),
        plain(table.column(base_name)),
        other(table.column(base_name, Lang::Other)),
        base(base_name) {}

  bool any() const { return ar != nullptr || fr != nullptr || plain != nullptr || other != nullptr; }

  // The Arabic and French texts of `row`. A plain column goes to the default language, or by
  // its script without one; with a default language other than these, it is `other` text.
  std::pair<std::string, std::string> read(const Table& table, std::size_t row, Lang default_language) const {
    std::string text_ar = table.cell(row, ar), text_fr = table.cell(row, fr);
    if (const auto text = table.cell(row, plain); !text.empty() && default_language != Lang::Other) {
      Lang lang = default_language;
      if (lang != Lang::Arabic && lang != Lang::French) lang = has_arabic(text) ? Lang::Arabic : Lang::French;
      auto& slot = lang == Lang::Arabic ? text_ar : text_fr;
      if (slot.empty()) slot = text;
    }
    return {std::move(text_ar), std::move(text_fr)};
  }

  // A text to stand in for a missing Arabic one: the French, else another language's.
  std::string stand_in(const Table& table, std::size_t row, const std::string& text_fr) const {
    if (!text_fr.empty()) return text_fr;
    if (auto text = table.cell(row, plain); !text.empty()) return text;
    return table.cell(row, other);
  }

  std::string arabic_header() const {
    if (ar != nullptr) return ar->header;
    if (plain != nullptr) return plain->header;
    return base + "::Arabic (ar)";
  }
};

// ---- the importer ---------------------------------------------------------------------

// Which survey row and column each part of the assembled grid came from, to place the
// errors of parse_grid.
struct Origin {
  std::vector<int> domain_rows;
  std::vector<std::vector<int>> criterion_rows;
  std::map<std::string, std::string, std::less<>> survey_headers;  // grid key → header
  std::map<std::string, std::string, std::less<>> settings_headers;
};

class Importer {
 public:
  explicit Importer(const Workbook& workbook) : workbook_(workbook) {}

  XlsformImport run() {
    read_settings();
    const Sheet* survey = workbook_.find(survey_name);
    const Sheet* choices = workbook_.find(choices_name);
    if (survey == nullptr) add(std::string(survey_name), 0, "", Kind::MissingSheet, std::string(survey_name));
    if (choices == nullptr) add(std::string(choices_name), 0, "", Kind::MissingSheet, std::string(choices_name));
    if (survey != nullptr) read_survey(*survey);
    if (choices != nullptr) read_choices(*choices);
    if (survey != nullptr && domains_.empty() && !survey_broken_) add(survey->name, 0, "", Kind::NoCriterion, "");

    XlsformImport result;
    if (!blocked()) {
      json document = {{"code", code_},       {"version", version_}, {"name_ar", name_ar_},
                       {"name_fr", name_fr_}, {"scale", scale_},     {"not_applicable", not_applicable_},
                       {"domains", domains_}};
      auto grid = domain::parse_grid(document);
      if (grid) {
        result.grid = std::move(*grid);
      } else {
        add_grid_error(grid.error(), document, survey, choices);
      }
    }
    static constexpr std::array order = {settings_name, survey_name, choices_name};
    const auto rank = [](const XlsformIssue& issue) {
      for (std::size_t i = 0; i < order.size(); ++i) {
        if (squash(issue.sheet) == order[i]) return i;
      }
      return order.size();
    };
    std::ranges::stable_sort(issues_, [&](const XlsformIssue& a, const XlsformIssue& b) {
      return std::pair(rank(a), a.row) < std::pair(rank(b), b.row);
    });
    result.issues = std::move(issues_);
    return result;
  }

 private:
  void add(std::string sheet, std::size_t row, std::string column, Kind kind, std::string value, bool blocking = true) {
    issues_.push_back({std::move(sheet), static_cast<int>(row), std::move(column), kind, std::move(value), blocking});
  }

  bool blocked() const {
    return std::ranges::any_of(issues_, [](const XlsformIssue& issue) { return issue.blocking; });
  }

  // ---- settings ----

  void read_settings() {
    const Sheet* sheet = workbook_.find(settings_name);
    if (sheet == nullptr) {
      fill_title_defaults(nullptr, 0, "");
      return;
    }
    const Table table(*sheet);
    std::size_t row = table.first_data_row();
    while (row < table.row_count() && table.blank(row)) ++row;

    if (const auto* column = table.column("default_language"))
      default_language_ = language_of_tag(table.cell(row, column));
    if (const auto* column = table.column("form_id"); column != nullptr) {
      origin_.settings_headers["code"] = column->header;
      if (auto id = table.cell(row, column); !id.empty()) code_ = std::move(id);
    }
    if (const auto* column = table.column("version")) {
      origin_.settings_headers["version"] = column->header;
      const auto text = table.cell(row, column);
      const auto number = parse_number(text);
      if (number && *number >= 1 && *number <= 1e9 && *number == std::floor(*number)) {
        version_ = static_cast<int>(*number);
      } else if (!text.empty()) {
        add(sheet->name, row + 1, column->header, Kind::BadValue, text, false);
      }
    }
    // Explicit languages first, then the plain form_title.
    for (const auto* base : {"riaya_title", "form_title"}) {
      const Localized title(table, base);
      auto [ar, fr] = title.read(table, row, default_language_);
      if (name_ar_.empty()) name_ar_ = std::move(ar);
      if (name_fr_.empty()) name_fr_ = std::move(fr);
    }
    const auto* title_column = table.column("form_title");
    origin_.settings_headers["name_ar"] = Table::header(title_column, "form_title");
    fill_title_defaults(sheet, row, Table::header(title_column, "form_title"),
                        Localized(table, "form_title").stand_in(table, row, name_fr_));
  }

  // Without an Arabic title: `stand_in` (the title in another language), else the form's code.
  void fill_title_defaults(const Sheet* sheet, std::size_t row, const std::string& column,
                           const std::string& stand_in = {}) {
    if (!name_ar_.empty()) return;
    name_ar_ = stand_in.empty() ? code_ : stand_in;
    if (sheet != nullptr)
      add(sheet->name, row < sheet->rows.size() ? row + 1 : 0, column, Kind::MissingArabicLabel, "", false);
  }

  // ---- survey ----

  struct OpenGroup {
    json domain;
    std::size_t row;
    std::string name;
    std::vector<int> criterion_rows;
  };
  // A group closed with criteria, kept until the survey ends to be ordered by its first row.
  struct ClosedGroup {
    std::size_t row;
    json domain;
    std::vector<int> criterion_rows;
  };

  // A type as pyxform reads it: its words, with pyxform's older spellings in today's — "select
  // one from LIST", "select one LIST" and "add select one prompt using LIST" are "select_one
  // LIST"; "select all that apply [from] LIST", "select multiple LIST" and "add select multiple
  // prompt using LIST" are "select_multiple LIST"; "… or specify other" is "… or_other"; "begin
  // loop over LIST" is "begin_loop LIST"; "begin group" is "begin_group" (and every "begin X",
  // "end X"). Keywords in lower case, a list's name as written.
  static std::vector<std::string> type_words(std::string_view type_text) {
    std::vector<std::string> words, lower;
    std::string word;
    for (const char c : domain::trim(type_text)) {
      if (c == ' ' || c == '\t') {
        if (!word.empty()) words.push_back(std::exchange(word, {}));
      } else {
        word += c;
      }
    }
    if (!word.empty()) words.push_back(std::move(word));
    for (const auto& each : words) lower.push_back(lower_ascii(each));
    const auto starts = [&](std::initializer_list<std::string_view> head) {
      return lower.size() >= head.size() && std::equal(head.begin(), head.end(), lower.begin());
    };
    const auto replace = [&](std::size_t count, std::string keyword) {
      words.erase(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(count));
      lower.erase(lower.begin(), lower.begin() + static_cast<std::ptrdiff_t>(count));
      words.insert(words.begin(), keyword);
      lower.insert(lower.begin(), std::move(keyword));
    };
    if (lower.size() >= 3 && lower[lower.size() - 3] == "or" && lower[lower.size() - 2] == "specify" &&
        lower.back() == "other") {
      words.resize(words.size() - 3);
      lower.resize(lower.size() - 3);
      words.push_back("or_other");
      lower.push_back("or_other");
    }
    if (starts({"add", "select", "one", "prompt", "using"}))
      replace(5, "select_one");
    else if (starts({"add", "select", "multiple", "prompt", "using"}))
      replace(5, "select_multiple");
    else if (starts({"select", "one", "from"}))
      replace(3, "select_one");
    else if (starts({"select", "all", "that", "apply", "from"}))
      replace(5, "select_multiple");
    else if (starts({"select", "all", "that", "apply"}))
      replace(4, "select_multiple");
    else if (starts({"begin", "loop", "over"}))
      replace(3, "begin_loop");
    else if (lower.size() >= 2 && (lower[0] == "select" || lower[0] == "begin" || lower[0] == "end"))
      replace(2, lower[0] + "_" + lower[1]);
    if (!words.empty()) words[0] = lower[0];
    for (auto& each : words)
      if (lower_ascii(each) == "or_other") each = "or_other";
    return words;
  }

  // The type's keywords (and list) in lower case, one space between: what the survey compares.
  static std::string normalize_type(const std::vector<std::string>& words) {
    std::string type;
    for (const auto& word : words) type += (type.empty() ? "" : " ") + lower_ascii(word);
    return type;
  }

  static bool known_elsewhere(std::string_view type) {
    const auto first = type.substr(0, type.find(' '));
    static const std::set<std::string_view> known = {"text",
                                                     "string",
                                                     "integer",
                                                     "int",
                                                     "decimal",
                                                     "range",
                                                     "note",
                                                     "date",
                                                     "time",
                                                     "datetime",
                                                     "select_multiple",
                                                     "select_one_from_file",
                                                     "select_multiple_from_file",
                                                     "select_one_external",
                                                     "select_multiple_external",
                                                     "rank",
                                                     "calculate",
                                                     "hidden",
                                                     "acknowledge",
                                                     "trigger",
                                                     "geopoint",
                                                     "geotrace",
                                                     "geoshape",
                                                     "image",
                                                     "photo",
                                                     "audio",
                                                     "video",
                                                     "file",
                                                     "background-audio",
                                                     "background-geopoint",
                                                     "barcode",
                                                     "start",
                                                     "end",
                                                     "today",
                                                     "deviceid",
                                                     "subscriberid",
                                                     "simserial",
                                                     "phonenumber",
                                                     "username",
                                                     "email",
                                                     "audit",
                                                     "start-geopoint",
                                                     "xml-external",
                                                     "csv-external",
                                                     "begin_repeat",
                                                     "end_repeat",
                                                     "begin_loop",
                                                     "end_loop",
                                                     "osm"};
    return known.contains(first);
  }

  void check_name(const Table& table, std::size_t row, const Column* name_column, const std::string& name) {
    if (name.empty()) {
      add(table.sheet().name, row + 1, Table::header(name_column, "name"), Kind::BadValue, "");
      return;
    }
    if (!names_.insert(name).second)
      add(table.sheet().name, row + 1, Table::header(name_column, "name"), Kind::DuplicateName, name);
  }

  std::optional<double> read_weight(const Table& table, std::size_t row, const Column* column) {
    const auto text = table.cell(row, column);
    if (text.empty()) return 1.0;
    const auto weight = parse_number(text);
    if (!weight || *weight <= 0) {
      add(table.sheet().name, row + 1, column->header, Kind::BadWeight, text);
      return std::nullopt;
    }
    return weight;
  }

  void close_group(OpenGroup group, const Sheet& sheet, std::vector<ClosedGroup>& closed) {
    if (group.domain["criteria"].empty()) {
      add(sheet.name, group.row + 1, "", Kind::EmptyGroup, group.name, false);
    } else {
      closed.push_back({group.row, std::move(group.domain), std::move(group.criterion_rows)});
    }
  }

  // The code of the domain that takes the questions outside any group: "general", unless a
  // name of the form already is.
  std::string general_code() const {
    std::string code = "general";
    while (names_.contains(code)) code += '_';
    return code;
  }

  // The list of a select_one type (type_words: "select_one scale", "select_one yes_no or_other"),
  // and whether it asks for "other"; nullopt when the type is not that.
  static std::optional<std::pair<std::string, bool>> select_one_list(const std::vector<std::string>& words) {
    if (words.size() < 2 || words.size() > 3 || words[0] != "select_one") return std::nullopt;
    const bool or_other = words.size() == 3;
    if (or_other && words[2] != "or_other") return std::nullopt;
    return std::pair{words[1], or_other};
  }

  void read_survey(const Sheet& sheet) {
    const Table table(sheet);
    const auto* type_column = table.column("type");
    const auto* name_column = table.column("name");
    const Localized label(table, "label"), hint(table, "hint"), remedy(table, "riaya_remedy");
    const auto* weight_column = table.column("riaya_weight");
    const auto* legal_column = table.column("riaya_legal");
    const auto* reference_column = table.column("riaya_legal_reference");
    const auto* critical_column = table.column("riaya_critical");
    if (type_column == nullptr) add(sheet.name, 0, "type", Kind::MissingColumn, "type");
    if (name_column == nullptr) add(sheet.name, 0, "name", Kind::MissingColumn, "name");
    if (!label.any()) add(sheet.name, 0, label.arabic_header(), Kind::MissingColumn, label.arabic_header());
    if (type_column == nullptr || name_column == nullptr) {
      survey_broken_ = true;
      return;
    }
    survey_sheet_name_ = sheet.name;
    survey_type_header_ = type_column->header;
    const auto header = [](const Column* column, std::string_view fallback) { return Table::header(column, fallback); };
    origin_.survey_headers = {{"code", name_column->header},
                              {"text_ar", label.arabic_header()},
                              {"name_ar", label.arabic_header()},
                              {"text_fr", header(label.fr ? label.fr : label.plain, "label::French (fr)")},
                              {"name_fr", header(label.fr ? label.fr : label.plain, "label::French (fr)")},
                              {"guidance_ar", hint.arabic_header()},
                              {"guidance_fr", header(hint.fr ? hint.fr : hint.plain, "hint::French (fr)")},
                              {"remedy_ar", remedy.arabic_header()},
                              {"remedy_fr", header(remedy.fr ? remedy.fr : remedy.plain, "riaya_remedy::French (fr)")},
                              {"weight", header(weight_column, "riaya_weight")},
                              {"legal", header(legal_column, "riaya_legal")},
                              {"legal_reference", header(reference_column, "riaya_legal_reference")},
                              {"critical", header(critical_column, "riaya_critical")}};

    std::vector<OpenGroup> open;  // innermost last: a group may hold groups
    std::vector<ClosedGroup> closed;
    std::optional<OpenGroup> general;  // the questions outside any group
    for (std::size_t row = table.first_data_row(); row < table.row_count(); ++row) {
      if (table.blank(row)) continue;
      const auto type_text = table.cell(row, type_column);
      const auto words = type_words(type_text);
      const auto type = normalize_type(words);
      const auto name = table.cell(row, name_column);
      auto [label_ar, label_fr] = label.read(table, row, default_language_);
      if (type.empty()) {
        if (!name.empty() || !label_ar.empty() || !label_fr.empty())
          add(sheet.name, row + 1, type_column->header, Kind::UnknownType, "");
        continue;
      }
      // A missing Arabic text is a notice, not a refusal: the French or other text (else the
      // name) stands in for it, and the grid shows the item as to be translated.
      const auto arabic_or_stand_in = [&]() -> std::string {
        if (!label_ar.empty()) return label_ar;
        add(sheet.name, row + 1, label.arabic_header(), Kind::MissingArabicLabel, name, false);
        auto stand_in = label.stand_in(table, row, label_fr);
        return stand_in.empty() ? name : stand_in;
      };

      if (type == "begin_group") {
        check_name(table, row, name_column, name);
        const auto weight = read_weight(table, row, weight_column);
        open.push_back(OpenGroup{{{"code", name},
                                  {"name_ar", arabic_or_stand_in()},
                                  {"name_fr", label_fr},
                                  {"weight", weight.value_or(1.0)},
                                  {"criteria", json::array()}},
                                 row,
                                 name,
                                 {}});
      } else if (type == "end_group") {
        if (open.empty()) {
          add(sheet.name, row + 1, type_column->header, Kind::BadValue, type_text);
        } else {
          close_group(std::move(open.back()), sheet, closed);
          open.pop_back();
        }
      } else if (type.starts_with("select_one ")) {
        const auto select = select_one_list(words);
        if (!select) {
          add(sheet.name, row + 1, type_column->header, Kind::UnknownType, type_text);
          continue;
        }
        const auto& [list, or_other] = *select;
        if (or_other) add(sheet.name, row + 1, type_column->header, Kind::OtherChoiceIgnored, name, false);
        if (open.empty() && !general) {
          add(sheet.name, row + 1, type_column->header, Kind::QuestionOutsideGroup, name_ar_, false);
          general = OpenGroup{{{"code", ""},
                               {"name_ar", name_ar_},
                               {"name_fr", name_fr_},
                               {"weight", 1.0},
                               {"criteria", json::array()}},
                              row,
                              "",
                              {}};
        }
        OpenGroup& group = open.empty() ? *general : open.back();
        check_name(table, row, name_column, name);
        const auto text_ar = arabic_or_stand_in();
        if (std::ranges::find(used_list_order_, list) == used_list_order_.end()) used_list_order_.push_back(list);
        survey_list_rows_.emplace_back(row, list);
        const auto weight = read_weight(table, row, weight_column);
        json criterion = {
            {"code", name}, {"text_ar", text_ar}, {"text_fr", label_fr}, {"weight", weight.value_or(1.0)}};
        const auto legal = lower_ascii(table.cell(row, legal_column));
        if (legal.empty() || legal == "no" || legal == "probable" || legal == "yes") {
          criterion["legal"] = legal.empty() ? "no" : legal;
        } else {
          add(sheet.name, row + 1, legal_column->header, Kind::BadValue, table.cell(row, legal_column));
        }
        if (auto reference = table.cell(row, reference_column); !reference.empty()) {
          criterion["legal_reference"] = std::move(reference);
        }
        const auto critical = lower_ascii(table.cell(row, critical_column));
        if (critical.empty() || critical == "no" || critical == "false" || critical == "0") {
          criterion["critical"] = false;
        } else if (critical == "yes" || critical == "true" || critical == "1") {
          criterion["critical"] = true;
        } else {
          add(sheet.name, row + 1, critical_column->header, Kind::BadValue, table.cell(row, critical_column));
        }
        auto [guidance_ar, guidance_fr] = hint.read(table, row, default_language_);
        auto [remedy_ar, remedy_fr] = remedy.read(table, row, default_language_);
        criterion["guidance_ar"] = std::move(guidance_ar);
        criterion["guidance_fr"] = std::move(guidance_fr);
        criterion["remedy_ar"] = std::move(remedy_ar);
        criterion["remedy_fr"] = std::move(remedy_fr);
        group.domain["criteria"].push_back(std::move(criterion));
        group.criterion_rows.push_back(static_cast<int>(row + 1));
      } else if (known_elsewhere(type)) {
        add(sheet.name, row + 1, type_column->header, Kind::Skipped, type_text, false);
      } else {
        add(sheet.name, row + 1, type_column->header, Kind::UnknownType, type_text);
      }
    }
    for (auto& group : open) {
      add(sheet.name, group.row + 1, type_column->header, Kind::UnclosedGroup, group.name);
      close_group(std::move(group), sheet, closed);
    }
    if (general) {
      general->domain["code"] = general_code();
      close_group(std::move(*general), sheet, closed);
    }
    // Domains in the order the form shows them: by the row each one begins on.
    std::ranges::stable_sort(closed, {}, &ClosedGroup::row);
    for (auto& group : closed) {
      domains_.push_back(std::move(group.domain));
      origin_.domain_rows.push_back(static_cast<int>(group.row + 1));
      origin_.criterion_rows.push_back(std::move(group.criterion_rows));
    }
  }

  // ---- choices ----

  struct Choice {
    std::size_t row;
    std::string name;
    std::string ar, fr;
  };

  void read_choices(const Sheet& sheet) {
    const Table table(sheet);
    const auto* list_column = table.column("list_name");
    const auto* name_column = table.column("name");
    if (name_column == nullptr) name_column = table.column("value");
    const Localized label(table, "label");
    if (list_column == nullptr) add(sheet.name, 0, "list_name", Kind::MissingColumn, "list_name");
    if (name_column == nullptr) add(sheet.name, 0, "name", Kind::MissingColumn, "name");
    if (!label.any()) add(sheet.name, 0, label.arabic_header(), Kind::MissingColumn, label.arabic_header());
    if (list_column == nullptr || name_column == nullptr) return;

    std::map<std::string, std::vector<Choice>, std::less<>> lists;
    for (std::size_t row = table.first_data_row(); row < table.row_count(); ++row) {
      if (table.blank(row)) continue;
      auto list = table.cell(row, list_column);
      if (list.empty()) continue;
      auto [ar, fr] = label.read(table, row, default_language_);
      lists[list].push_back({row, table.cell(row, name_column), std::move(ar), std::move(fr)});
    }

    for (const auto& [survey_row, list] : survey_list_rows_) {
      if (!lists.contains(list))
        add(survey_sheet_name_, survey_row + 1, survey_type_header_, Kind::UnknownChoiceList, list);
    }
    // The scale's labels come from the first list used that is the scale: 0, 1 and 2, and at
    // most one na. Any other list (yes / no, a Kobo form's own) is a notice: its questions are
    // answered on the scale all the same.
    for (const auto& list : used_list_order_) {
      const auto found = lists.find(list);
      if (found == lists.end()) continue;
      std::array<const Choice*, 3> levels{};
      const Choice* not_applicable = nullptr;
      bool on_scale = true;
      for (const auto& choice : found->second) {
        const Choice** slot = nullptr;
        const auto number = parse_number(choice.name);
        if (number && (*number == 0 || *number == 1 || *number == 2)) {
          slot = &levels[static_cast<std::size_t>(*number)];
        } else if (const auto lowered = lower_ascii(choice.name); lowered == "na" || lowered == "n/a") {
          slot = &not_applicable;
        }
        if (slot == nullptr || *slot != nullptr) {
          on_scale = false;
          break;
        }
        *slot = &choice;
      }
      if (std::ranges::any_of(levels, [](const Choice* level) { return level == nullptr; })) on_scale = false;
      if (!on_scale) {
        add(sheet.name, found->second.front().row + 1, list_column->header, Kind::ChoicesNotOnScale, list, false);
        continue;
      }
      if (!scale_.empty()) continue;
      for (int value = 0; value < 3; ++value) {
        const auto& level = *levels[static_cast<std::size_t>(value)];
        scale_.push_back(
            {{"value", value}, {"ar", scale_label(sheet, label, level, default_scale[value].ar)}, {"fr", level.fr}});
      }
      if (not_applicable != nullptr) {
        not_applicable_ = {{"ar", scale_label(sheet, label, *not_applicable, default_na_ar)},
                           {"fr", not_applicable->fr}};
      }
    }
    if (scale_.empty()) {
      for (int value = 0; value < 3; ++value) {
        const auto& level = default_scale[static_cast<std::size_t>(value)];
        scale_.push_back({{"value", value}, {"ar", level.ar}, {"fr", level.fr}});
      }
    }
  }

  // The Arabic label of a scale choice; without one, a notice and Riaya's own label.
  std::string scale_label(const Sheet& sheet, const Localized& label, const Choice& choice,
                          std::string_view riaya_label) {
    if (!choice.ar.empty()) return choice.ar;
    add(sheet.name, choice.row + 1, label.arabic_header(), Kind::MissingArabicLabel, choice.name, false);
    return std::string(riaya_label);
  }

  // ---- the last check ----

  void add_grid_error(const domain::Error& error, const json& document, const Sheet* survey, const Sheet* choices) {
    const std::string& field = error.field;
    std::string pointer = "/";
    for (const char c : field) {
      if (c == '[' || c == '.') {
        pointer += '/';
      } else if (c != ']') {
        pointer += c;
      }
    }
    std::string value;
    if (error.code != domain::ErrorCode::Required) {
      const json::json_pointer at(pointer == "/" ? "" : pointer);
      if (document.contains(at)) {
        const auto& found = document.at(at);
        value = found.is_string() ? found.get<std::string>() : found.dump();
      }
    }
    const auto key = field.substr(field.find_last_of('.') == std::string::npos ? 0 : field.find_last_of('.') + 1);
    Kind kind = Kind::BadValue;
    if (error.code == domain::ErrorCode::Duplicate)
      kind = Kind::DuplicateName;
    else if (key == "weight")
      kind = Kind::BadWeight;
    else if (error.code == domain::ErrorCode::Required && (key == "text_ar" || key == "name_ar"))
      kind = Kind::MissingArabicLabel;

    std::size_t domain_index = 0, criterion_index = 0;
    if (std::sscanf(field.c_str(), "domains[%zu].criteria[%zu]", &domain_index, &criterion_index) == 2 &&
        domain_index < origin_.criterion_rows.size() && criterion_index < origin_.criterion_rows[domain_index].size()) {
      const auto header = origin_.survey_headers.find(key);
      add(survey->name, static_cast<std::size_t>(origin_.criterion_rows[domain_index][criterion_index]),
          header == origin_.survey_headers.end() ? "" : header->second, kind, value);
    } else if (std::sscanf(field.c_str(), "domains[%zu]", &domain_index) == 1 &&
               domain_index < origin_.domain_rows.size()) {
      const auto header = origin_.survey_headers.find(key);
      add(survey->name, static_cast<std::size_t>(origin_.domain_rows[domain_index]),
          header == origin_.survey_headers.end() ? "" : header->second, kind, value);
    } else if (field.starts_with("scale") || field.starts_with("not_applicable")) {
      add(choices->name, 0, "", kind, value);
    } else {
      const auto header = origin_.settings_headers.find(key);
      add(std::string(settings_name), 0, header == origin_.settings_headers.end() ? "" : header->second, kind, value);
    }
  }

  const Workbook& workbook_;
  std::vector<XlsformIssue> issues_;
  Lang default_language_ = Lang::None;
  std::string code_{default_code};
  int version_ = 1;
  std::string name_ar_, name_fr_;
  json scale_ = json::array();
  json not_applicable_ = {{"ar", default_na_ar}, {"fr", default_na_fr}};
  json domains_ = json::array();
  bool survey_broken_ = false;
  std::set<std::string, std::less<>> names_;
  std::string survey_sheet_name_, survey_type_header_;
  std::vector<std::string> used_list_order_;
  std::vector<std::pair<std::size_t, std::string>> survey_list_rows_;
  Origin origin_;
};

// ---- describe -------------------------------------------------------------------------

struct Phrase {
  const char* ar;
  const char* fr;
  const char* en;
};

// A phrase with "%" where the quoted value goes.
std::string fill(Language language, const Phrase& phrase, std::string_view value) {
  const std::string_view text = language == Language::Arabic   ? phrase.ar
                                : language == Language::French ? phrase.fr
                                                               : phrase.en;
  std::string out;
  for (const char c : text) {
    if (c == '%') {
      out += quoted(language, value);
    } else {
      out += c;
    }
  }
  return out;
}

std::string problem(const XlsformIssue& issue, Language language) {
  const auto& v = issue.value;
  switch (issue.kind) {
    case Kind::MissingSheet:
      return fill(language,
                  {"الورقة غير موجودة في الملف", "feuille absente du fichier", "the sheet is missing from the file"},
                  v);
    case Kind::MissingColumn:
      return fill(language, {"العمود غير موجود", "colonne absente", "the column is missing"}, v);
    case Kind::MissingArabicLabel:
      if (issue.blocking)
        return fill(language, {"التسمية بالعربية فارغة", "libellé arabe manquant", "Arabic label missing"}, v);
      if (v.empty())
        return fill(language,
                    {"التسمية بالعربية فارغة، تم استعمال النص المتوفر إلى حين ترجمته",
                     "libellé arabe manquant, le texte disponible est repris en attendant sa traduction",
                     "Arabic label missing, the text available is used until it is translated"},
                    v);
      return fill(language,
                  {"التسمية بالعربية فارغة لـ%، تم استعمال النص المتوفر إلى حين ترجمته",
                   "libellé arabe manquant pour %, le texte disponible est repris en attendant sa traduction",
                   "Arabic label missing for %, the text available is used until it is translated"},
                  v);
    case Kind::UnknownType:
      if (v.empty()) return fill(language, {"سطر بدون نوع", "ligne sans type", "row without a type"}, v);
      return fill(language, {"نوع غير معروف %", "type inconnu %", "unknown type %"}, v);
    case Kind::UnknownChoiceList:
      return fill(language,
                  {"لائحة الاختيارات % غير موجودة في الورقة «choices»",
                   "liste de choix % absente de la feuille « choices »", "choice list % is not in the “choices” sheet"},
                  v);
    case Kind::ChoicesNotOnScale:
      return fill(language,
                  {"اللائحة % ليست السلم 0 و1 و2 (وna): ستتم الإجابة عن أسئلتها بسلم الشبكة، راجعوا صياغتها",
                   "la liste % n'est pas l'échelle 0, 1, 2 (et na) : ses questions seront notées sur l'échelle de la "
                   "grille, revoyez leur formulation",
                   "the list % is not the scale 0, 1, 2 (and na): its questions are scored on the grid's scale, "
                   "check their wording"},
                  v);
    case Kind::OtherChoiceIgnored:
      return fill(language,
                  {"الاختيار «آخر» (or_other) للسؤال % لا يُحتفظ به: يُجاب عن المعيار بالسلم",
                   "le choix « autre » (or_other) de la question % n'est pas repris : un critère se note sur l'échelle",
                   "the “other” choice (or_other) of question % is not kept: a criterion is scored on the scale"},
                  v);
    case Kind::UnclosedGroup:
      return fill(language,
                  {"المجموعة % غير مغلقة (ينقصها end_group)", "groupe % non fermé (end_group manquant)",
                   "group % is not closed (end_group missing)"},
                  v);
    case Kind::QuestionOutsideGroup:
      return fill(language,
                  {"الأسئلة الواقعة خارج أي مجموعة وُضعت في محور واحد %",
                   "les questions hors de tout groupe sont réunies dans un domaine %",
                   "the questions outside any group are put in one domain %"},
                  v);
    case Kind::DuplicateName:
      return fill(language, {"الاسم % مستعمل أكثر من مرة", "nom % utilisé deux fois", "name % is used twice"}, v);
    case Kind::BadWeight:
      return fill(language,
                  {"وزن غير صالح %، يجب أن يكون عددا أكبر من 0", "poids invalide %, un nombre > 0 est attendu",
                   "invalid weight %, a number > 0 is expected"},
                  v);
    case Kind::BadValue:
      if (v.empty()) return fill(language, {"قيمة ناقصة", "valeur manquante", "value missing"}, v);
      return fill(language, {"قيمة غير صالحة %", "valeur invalide %", "invalid value %"}, v);
    case Kind::Skipped:
      return fill(
          language,
          {"سؤال من نوع % لا مكان له في الشبكة، تم تجاهله", "question de type % sans place dans une grille, ignorée",
           "a % question has no place in a grid and is skipped"},
          v);
    case Kind::EmptyGroup:
      return fill(language,
                  {"المجموعة % لا تضم أي معيار، تم تجاهلها", "groupe % sans critère, ignoré",
                   "group % has no criterion and is skipped"},
                  v);
    case Kind::NoCriterion:
      return fill(language,
                  {"لا يتضمن النموذج أي سؤال select_one", "le formulaire n'a aucune question select_one",
                   "the form has no select_one question"},
                  v);
  }
  return v;
}

// ---- export ---------------------------------------------------------------------------

void write_grid(XlsxWriter& workbook, const domain::Grid& grid) {
  auto survey = workbook.add_sheet("survey");
  survey.columns({14, 10, 50, 50, 40, 40, 9, 13, 11, 22, 14, 40, 40});
  survey.text("type").text("name").text("label::Arabic (ar)").text("label::French (fr)").text("hint::Arabic (ar)");
  survey.text("hint::French (fr)").text("required").text("riaya_weight").text("riaya_legal");
  survey.text("riaya_legal_reference").text("riaya_critical").text("riaya_remedy::Arabic (ar)");
  survey.text("riaya_remedy::French (fr)").next_row();
  for (const auto& domain : grid.domains) {
    survey.text("begin_group").text(domain.code).text(domain.name_ar).text(domain.name_fr).text("").text("").text("");
    survey.number(domain.weight).next_row();
    for (const auto& criterion : domain.criteria) {
      survey.text("select_one scale").text(criterion.code).text(criterion.text_ar).text(criterion.text_fr);
      survey.text(criterion.guidance_ar).text(criterion.guidance_fr).text("yes").number(criterion.weight);
      survey.text(domain::legal_status_name(criterion.legal)).text(criterion.legal_reference.value_or(""));
      survey.text(criterion.critical ? "yes" : "no").text(criterion.remedy_ar).text(criterion.remedy_fr).next_row();
    }
    survey.text("end_group").text(domain.code).next_row();
  }

  auto choices = workbook.add_sheet("choices");
  choices.columns({10, 8, 30, 30});
  choices.text("list_name").text("name").text("label::Arabic (ar)").text("label::French (fr)").next_row();
  for (const auto& level : grid.scale) {
    choices.text("scale").text(std::to_string(level.value)).text(level.ar).text(level.fr).next_row();
  }
  choices.text("scale").text("na").text(grid.not_applicable_ar).text(grid.not_applicable_fr).next_row();

  auto settings = workbook.add_sheet("settings");
  settings.columns({40, 40, 20, 9, 16});
  settings.text("form_title").text("riaya_title::French (fr)").text("form_id").text("version");
  settings.text("default_language").next_row();
  settings.text(grid.name_ar).text(grid.name_fr).text(grid.code).number(grid.version).text("Arabic (ar)");
}

}  // namespace

domain::Result<XlsformImport> import_xlsform(std::string_view bytes) {
  auto workbook = read_xlsx(bytes);
  if (!workbook) return std::unexpected(workbook.error());
  return Importer(*workbook).run();
}

std::string describe(const XlsformIssue& issue, Language language) {
  std::string out;
  const std::string separator = language == Language::Arabic ? "، " : ", ";
  switch (language) {
    case Language::Arabic: out = "الورقة " + quoted(language, issue.sheet); break;
    case Language::French: out = "Feuille " + quoted(language, issue.sheet); break;
    case Language::English: out = "Sheet " + quoted(language, issue.sheet); break;
  }
  if (issue.row > 0) {
    out += separator;
    out += language == Language::Arabic ? "السطر " : language == Language::French ? "ligne " : "row ";
    out += std::to_string(issue.row);
  }
  if (!issue.column.empty()) {
    out += separator;
    out += language == Language::Arabic ? "العمود " : language == Language::French ? "colonne " : "column ";
    out += quoted(language, issue.column);
  }
  out += language == Language::French ? " : " : ": ";
  out += problem(issue, language);
  if (!issue.blocking && issue.kind == Kind::BadValue) {
    out += language == Language::Arabic   ? "، تم استعمال القيمة الافتراضية"
           : language == Language::French ? ", valeur par défaut utilisée"
                                          : ", the default is used";
  }
  out += '.';
  return out;
}

std::string export_xlsform(const domain::Grid& grid) {
  std::string bytes;
  XlsxWriter workbook([&](std::string_view piece) { bytes += piece; });
  write_grid(workbook, grid);
  workbook.finish();
  return bytes;
}

}  // namespace riaya::io
