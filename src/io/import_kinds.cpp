#include "io/import_kinds.hpp"

#include "domain/dates.hpp"
#include "domain/search_key.hpp"
#include "io/labels.hpp"
#include "io/xlsx_writer.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

namespace riaya::io {
namespace {

using domain::ErrorCode;
using domain::fail;
using nlohmann::json;

constexpr std::array kLanguages = {domain::Language::Arabic, domain::Language::French, domain::Language::English};

const domain::FieldSpec& field_of(const ImportColumn& column) {
  return *domain::find_spec(column.resource)->field(column.field);
}

// A cell's text trimmed (domain::trim), and of the no-break spaces (U+00A0) some programs leave
// around a value.
std::string trimmed(std::string_view text) {
  auto out = domain::trim(text);
  std::string_view rest = out;
  while (rest.starts_with("\xC2\xA0")) rest.remove_prefix(2);
  while (rest.ends_with("\xC2\xA0")) rest.remove_suffix(2);
  return std::string(rest);
}

// Arabic-Indic and Eastern Arabic-Indic digits as ASCII ones.
std::string western_digits(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c == 0xD9 || c == 0xDB) && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (c == 0xD9 && next >= 0xA0 && next <= 0xA9) {
        out += static_cast<char>('0' + (next - 0xA0));
        ++i;
        continue;
      }
      if (c == 0xDB && next >= 0xB0 && next <= 0xB9) {
        out += static_cast<char>('0' + (next - 0xB0));
        ++i;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

std::optional<int> whole_number(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty() || text.front() == '-')
    return std::nullopt;
  return value;
}

std::optional<double> decimal_number(std::string_view text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::optional<std::string> valid_day(int year, int month, int day) {
  const domain::Date date{year, month, day};
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  const auto iso = domain::to_iso(date);
  if (!domain::parse_iso_date(iso)) return std::nullopt;
  return iso;
}

// The months' names, by month: Moroccan, Middle-Eastern (Levant, Iraq) and Egyptian Arabic, French,
// English, compared folded (domain::search_key: hamzas, accents and case do not matter).
constexpr std::array<std::array<std::string_view, 8>, 12> kMonthNames = {{
    {"يناير", "كانون الثاني", "janvier", "january", "jan", "janv", "", ""},
    {"فبراير", "شباط", "février", "february", "feb", "fevr", "févr", ""},
    {"مارس", "آذار", "mars", "march", "mar", "", "", ""},
    {"أبريل", "ابريل", "نيسان", "avril", "april", "apr", "avr", ""},
    {"ماي", "مايو", "أيار", "mai", "may", "", "", ""},
    {"يونيو", "يونيه", "حزيران", "juin", "june", "jun", "", ""},
    {"يوليوز", "يوليو", "يوليه", "تموز", "juillet", "july", "jul", "juil"},
    {"غشت", "أغسطس", "آب", "août", "august", "aug", "aout", ""},
    {"شتنبر", "سبتمبر", "أيلول", "septembre", "september", "sep", "sept", ""},
    {"أكتوبر", "تشرين الأول", "octobre", "october", "oct", "", "", ""},
    {"نونبر", "نوفمبر", "تشرين الثاني", "novembre", "november", "nov", "", ""},
    {"دجنبر", "ديسمبر", "كانون الأول", "décembre", "december", "dec", "déc", ""},
}};

std::optional<int> month_of(std::string_view name) {
  auto key = domain::search_key(name);
  if (key.ends_with('.')) key.pop_back();
  for (std::size_t month = 0; month < kMonthNames.size(); ++month)
    for (const auto candidate : kMonthNames[month])
      if (!candidate.empty() && domain::search_key(candidate) == key) return static_cast<int>(month + 1);
  return std::nullopt;
}

std::vector<std::string> split(std::string_view text, std::string_view separators) {
  std::vector<std::string> parts;
  std::string part;
  for (char c : text) {
    if (separators.find(c) != std::string_view::npos) {
      if (!part.empty()) parts.push_back(std::move(part));
      part.clear();
    } else {
      part += c;
    }
  }
  if (!part.empty()) parts.push_back(std::move(part));
  return parts;
}

// Every field of `resource` but the institution the request names, in the spec's order.
std::vector<ImportColumn> columns_of(std::string_view resource) {
  std::vector<ImportColumn> columns;
  for (const auto& field : domain::find_spec(resource)->fields)
    if (field.name != "institution_id") columns.push_back({resource, field.name});
  return columns;
}

}  // namespace

const ImportColumn* ImportKind::column(std::string_view field) const {
  for (const auto& candidate : columns)
    if (candidate.field == field) return &candidate;
  return nullptr;
}

bool ImportKind::needs_column(const ImportColumn& candidate) const {
  if (candidate.resource != resource || candidate.field == parent_field) return false;
  for (const auto& given : defaults)
    if (given.field == candidate.field) return false;
  return field_of(candidate).required;
}

std::string_view parent_parameter(const ImportKind& kind) {
  switch (kind.parent) {
    case ImportParent::Institution: return "institution_id";
    case ImportParent::Province: return "province_id";
    case ImportParent::None: break;
  }
  return {};
}

const std::vector<ImportKind>& import_kinds() {
  static const std::vector<ImportKind> kinds = {
      // Pupils of one institution (the request names it), each optionally with one school year.
      {.name = "beneficiaries",
       .resource = "beneficiaries",
       .columns = {{"beneficiaries", "full_name_ar"},
                   {"beneficiaries", "full_name_fr"},
                   {"beneficiaries", "sex"},
                   {"beneficiaries", "birth_date"},
                   {"beneficiaries", "origin_commune_id"},
                   {"beneficiaries", "vulnerability"},
                   {"beneficiaries", "identity_number"},
                   {"beneficiaries", "guardian_name"},
                   {"beneficiaries", "guardian_phone"},
                   {"beneficiaries", "admission_date"},
                   {"beneficiaries", "exit_date"},
                   {"beneficiaries", "exit_reason"},
                   {"beneficiary_years", "school_year"},
                   {"beneficiary_years", "level"},
                   {"beneficiary_years", "class_name"},
                   {"beneficiary_years", "school"},
                   {"beneficiary_years", "result"}},
       .same_record = {"full_name_ar", "birth_date"},
       .register_namesakes = true,
       .child_resource = "beneficiary_years",
       .child_parent_field = "beneficiary_id"},
      // The staff of one institution.
      {.name = "staff", .resource = "staff", .columns = columns_of("staff"), .same_record = {"full_name", "function"}},
      // The monthly statistics of one institution, a month a row.
      {.name = "monthly_statistics",
       .resource = "monthly_statistics",
       .columns = columns_of("monthly_statistics"),
       .same_record = {"month"}},
      // The communes of one province (the request names it).
      {.name = "communes",
       .resource = "territories",
       .columns = {{"territories", "code"}, {"territories", "name_ar"}, {"territories", "name_fr"}},
       .parent = ImportParent::Province,
       .parent_field = "parent_id",
       .defaults = {{"level", "commune"}},
       .same_record = {"code"}},
      // Associations, each naming its territory (a commune's or province's name or code).
      {.name = "associations",
       .resource = "associations",
       .columns = columns_of("associations"),
       .parent = ImportParent::None,
       .parent_field = "",
       .same_record = {"name_ar"},
       .known_by = {"registration_number", "name_ar", "name_fr"}},
      // Institutions, each naming its association, commune and category (by name or code); an
      // institution is active unless its row says otherwise.
      {.name = "institutions",
       .resource = "institutions",
       .columns = columns_of("institutions"),
       .parent = ImportParent::None,
       .parent_field = "",
       .defaults = {{"status", "active"}},
       .same_record = {"code"}},
      // The school years (level, class, result) of pupils already in one institution's register,
      // each found by its identity number, else by its name and birth date.
      {.name = "school_results",
       .resource = "beneficiary_years",
       .columns = {{"beneficiaries", "identity_number"},
                   {"beneficiaries", "full_name_ar"},
                   {"beneficiaries", "birth_date"},
                   {"beneficiary_years", "school_year"},
                   {"beneficiary_years", "level"},
                   {"beneficiary_years", "class_name"},
                   {"beneficiary_years", "school"},
                   {"beneficiary_years", "result"}},
       .parent_field = "",
       .same_record = {"school_year", "beneficiary_id"},
       .names_pupil = true},
  };
  return kinds;
}

const ImportKind* find_import_kind(std::string_view name) {
  for (const auto& kind : import_kinds())
    if (kind.name == name) return &kind;
  return nullptr;
}

std::string column_header(const ImportColumn& column, domain::Language language) {
  return field_label(*domain::find_spec(column.resource), column.field, language);
}

json guess_mapping(const ImportKind& kind, const std::vector<std::string>& headers, const json& remembered) {
  json mapping = json::object();
  std::set<std::string> taken;
  // First what the user chose last time, then the headers that match a column's label.
  for (const auto& header : headers) {
    if (header.empty() || mapping.contains(header)) continue;
    mapping[header] = nullptr;
    if (!remembered.is_object() || !remembered.contains(header) || !remembered[header].is_string()) continue;
    const auto field = remembered[header].get<std::string>();
    if (kind.column(field) && !taken.contains(field)) {
      mapping[header] = field;
      taken.insert(field);
    }
  }
  for (const auto& header : headers) {
    if (header.empty() || !mapping[header].is_null()) continue;
    if (remembered.is_object() && remembered.contains(header)) continue;  // the user said "no column"
    const auto key = domain::search_key(header);
    for (const auto& column : kind.columns) {
      if (taken.contains(std::string(column.field))) continue;
      bool same = key == domain::search_key(column.field);
      for (const auto language : kLanguages) same = same || key == domain::search_key(column_header(column, language));
      if (!same) continue;
      mapping[header] = column.field;
      taken.insert(std::string(column.field));
      break;
    }
  }
  return mapping;
}

domain::Result<void> check_mapping(const ImportKind& kind, const json& mapping) {
  if (!mapping.is_object()) return fail(ErrorCode::WrongType, "mapping");
  std::set<std::string> taken;
  for (const auto& [header, field] : mapping.items()) {
    if (field.is_null()) continue;
    if (!field.is_string() || !kind.column(field.get<std::string>()) || !taken.insert(field.get<std::string>()).second)
      return fail(ErrorCode::InvalidValue, "mapping", {{"header", header}});
  }
  return {};
}

std::optional<std::string> parse_cell_date(std::string_view raw) {
  const auto text = western_digits(trimmed(raw));
  if (text.empty()) return std::nullopt;
  if (auto iso = domain::parse_iso_date(text)) return domain::to_iso(*iso);
  // An Excel serial day (a date cell's stored value), maybe with a time of day.
  if (auto serial = decimal_number(text); serial && *serial >= 1 && *serial < 2958466) {
    const auto days = static_cast<int>(std::floor(*serial));
    // Excel counts a 29 February 1900 that never was: from day 61 on, day 1 is 1899-12-31 minus one.
    const auto date = days < 61 ? domain::add_days({1899, 12, 31}, days) : domain::add_days({1899, 12, 30}, days);
    return domain::to_iso(date);
  }
  if (const auto parts = split(text, "/-."); parts.size() == 3) {
    const auto a = whole_number(parts[0]), b = whole_number(parts[1]), c = whole_number(parts[2]);
    if (a && b && c) {
      if (parts[0].size() == 4) return valid_day(*a, *b, *c);
      if (parts[2].size() == 4) return valid_day(*c, *b, *a);
    }
    return std::nullopt;
  }
  // "26 أبريل 2019", "1er mai 2019", "26 avril, 2019", "3 كانون الثاني 2020".
  const auto words = split(text, " ,\t\xC2\xA0");
  if (words.size() < 3) return std::nullopt;
  auto day_text = words.front();
  if (day_text.ends_with("er")) day_text.resize(day_text.size() - 2);
  const auto day = whole_number(day_text);
  const auto year = whole_number(words.back());
  std::string month_name;
  for (std::size_t i = 1; i + 1 < words.size(); ++i) month_name += (i > 1 ? " " : "") + words[i];
  const auto month = month_of(month_name);
  if (!day || !year || !month || words.back().size() != 4) return std::nullopt;
  return valid_day(*year, *month, *day);
}

namespace {

// The choices of a Choice column by the folded forms a cell may give: each choice's code and its
// label in every language (the first choice to claim a form keeps it). Folded once per column and
// thread, not at each cell.
const std::map<std::string, std::string_view>& folded_choices(const ImportColumn& column) {
  thread_local std::map<const ImportColumn*, std::map<std::string, std::string_view>> folded;
  const auto [at, fresh] = folded.try_emplace(&column);
  if (!fresh) return at->second;
  const auto& spec = *domain::find_spec(column.resource);
  for (const auto choice : field_of(column).choices) {
    at->second.emplace(domain::search_key(choice), choice);
    for (const auto language : kLanguages)
      if (const auto label = choice_label(spec, column.field, choice, language))
        at->second.emplace(domain::search_key(*label), choice);
  }
  return at->second;
}

}  // namespace

domain::Result<json> cell_value(const ImportColumn& column, std::string_view raw) {
  const auto text = trimmed(raw);
  if (text.empty()) return json(nullptr);
  const auto& field = field_of(column);
  const std::string name(column.field);
  switch (field.type) {
    case domain::FieldType::Date: {
      auto date = parse_cell_date(text);
      if (!date) return fail(ErrorCode::InvalidDate, name);
      return json(*date);
    }
    case domain::FieldType::Choice: {
      const auto& choices = folded_choices(column);
      if (const auto found = choices.find(domain::search_key(text)); found != choices.end())
        return json(std::string(found->second));
      return fail(ErrorCode::InvalidValue, name);
    }
    case domain::FieldType::Integer: {
      const auto number = decimal_number(western_digits(text));
      if (!number || std::floor(*number) != *number || std::abs(*number) > 9e15)
        return fail(ErrorCode::WrongType, name);
      return json(static_cast<long long>(*number));
    }
    case domain::FieldType::Decimal: {
      auto digits = western_digits(text);
      std::replace(digits.begin(), digits.end(), ',', '.');
      const auto number = decimal_number(digits);
      if (!number || !std::isfinite(*number)) return fail(ErrorCode::WrongType, name);
      return json(*number);
    }
    case domain::FieldType::Reference: {
      const auto digits = western_digits(text);
      if (auto id = decimal_number(digits); id && std::floor(*id) == *id && *id > 0)
        return json(static_cast<long long>(*id));
      return json(text);
    }
    default: return json(text);
  }
}

void write_template(const ImportKind& kind, domain::Language language, const ByteSink& sink,
                    const ReferenceLists& references) {
  XlsxWriter workbook(sink);
  auto sheet = workbook.add_sheet(XlsxWriter::sheet_name(resource_label(kind.resource, language)));
  if (language == domain::Language::Arabic) sheet.right_to_left();
  sheet.freeze_header();
  for (unsigned i = 0; i < kind.columns.size(); ++i) sheet.column_width(static_cast<unsigned short>(i), 22);
  // Each choice column's labels, in a column of the "lists" sheet.
  std::vector<std::vector<std::string>> lists;
  unsigned list_column = 0;
  for (unsigned i = 0; i < kind.columns.size(); ++i) {
    const auto& column = kind.columns[i];
    const auto& field = field_of(column);
    std::vector<std::string> labels;
    if (field.type == domain::FieldType::Choice) {
      labels.reserve(field.choices.size() + 1);  // and the header, inserted first below
      for (const auto choice : field.choices)
        labels.push_back(choice_label(*domain::find_spec(column.resource), column.field, choice, language)
                             .value_or(std::string(choice)));
    } else if (const auto names = references.find(column.field); names != references.end() && !names->second.empty()) {
      labels = names->second;
    } else {
      continue;
    }
    const char letter = static_cast<char>('A' + list_column++);
    sheet.list_validation(i, 1, 9999,
                          std::string("lists!$") + letter + "$2:$" + letter + "$" + std::to_string(labels.size() + 1));
    labels.insert(labels.begin(), column_header(column, language));
    lists.push_back(std::move(labels));
  }
  for (const auto& column : kind.columns) sheet.text(column_header(column, language), CellStyle::Bold);
  sheet.next_row();
  auto choices = workbook.add_sheet("lists");
  if (language == domain::Language::Arabic) choices.right_to_left();
  std::size_t longest = 0;
  for (const auto& list : lists) longest = std::max(longest, list.size());
  for (std::size_t row = 0; row < longest; ++row) {
    for (const auto& list : lists) {
      if (row < list.size())
        choices.text(list[row], row == 0 ? CellStyle::Bold : CellStyle::Plain);
      else
        choices.skip();
    }
    choices.next_row();
  }
  workbook.finish();
}

}  // namespace riaya::io
