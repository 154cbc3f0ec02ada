#include "domain/schema.hpp"

#include "domain/dates.hpp"
#include "domain/search_key.hpp"

#include <algorithm>
#include <cmath>

namespace riaya::domain {
namespace {

using nlohmann::json;

bool is_system_field(std::string_view key) {
  static constexpr std::string_view kSystem[] = {"id",         "version",     "created_at",
                                                 "updated_at", "archived_at", "editable"};
  if (std::find(std::begin(kSystem), std::end(kSystem), key) != std::end(kSystem)) return true;
  return key.ends_with("_name_ar") || key.ends_with("_name_fr") || key.ends_with("_name_en");
}

bool looks_like_email(std::string_view text) {
  const auto at = text.find('@');
  return at != std::string_view::npos && at > 0 && text.find('.', at) != std::string_view::npos && text.back() != '.' &&
         text.find(' ') == std::string_view::npos;
}

bool within_bounds(const FieldSpec& field, double number) {
  if (!(field.min < field.max)) return true;
  return (field.above_min ? number > field.min : number >= field.min) && number <= field.max;
}

std::unexpected<Error> out_of_range(const FieldSpec& field) {
  json detail = {{"min", field.min}, {"max", field.max}};
  if (field.above_min) detail["above_min"] = true;
  return fail(ErrorCode::OutOfRange, std::string(field.name), std::move(detail));
}

Result<json> check_value(const FieldSpec& field, const json& value) {
  const std::string name(field.name);
  switch (field.type) {
    case FieldType::Text:
    case FieldType::LongText:
    case FieldType::Email:
    case FieldType::Choice:
    case FieldType::CodeReference:
    case FieldType::Date: {
      if (!value.is_string()) return fail(ErrorCode::WrongType, name);
      std::string text = trim(value.get<std::string>());
      if (text.empty()) return json(nullptr);
      if (field.type == FieldType::Text && text.find('\n') != std::string::npos)
        return fail(ErrorCode::InvalidValue, name);
      if (code_points(text) > field.max_length)
        return fail(ErrorCode::TooLong, name, {{"max_length", field.max_length}});
      if (field.type == FieldType::Email && !looks_like_email(text)) return fail(ErrorCode::InvalidValue, name);
      if (field.type == FieldType::Choice &&
          std::find(field.choices.begin(), field.choices.end(), text) == field.choices.end())
        return fail(ErrorCode::InvalidValue, name, {{"choices", field.choices}});
      if (field.type == FieldType::Date && !parse_iso_date(text)) return fail(ErrorCode::InvalidDate, name);
      return json(text);
    }
    case FieldType::Integer:
    case FieldType::Reference: {
      if (!value.is_number_integer()) return fail(ErrorCode::WrongType, name);
      if (value.is_number_unsigned() && value.get<unsigned long long>() > 9'000'000'000'000'000'000ULL)
        return fail(ErrorCode::OutOfRange, name);
      const auto number = value.get<long long>();
      if (field.type == FieldType::Reference && number <= 0) return fail(ErrorCode::InvalidReference, name);
      if (!within_bounds(field, static_cast<double>(number))) return out_of_range(field);
      return json(number);
    }
    case FieldType::Decimal: {
      if (!value.is_number()) return fail(ErrorCode::WrongType, name);
      const auto number = value.get<double>();
      if (!std::isfinite(number)) return fail(ErrorCode::WrongType, name);
      if (!within_bounds(field, number)) return out_of_range(field);
      return json(number);
    }
  }
  return fail(ErrorCode::WrongType, name);
}

}  // namespace

const FieldSpec* EntitySpec::field(std::string_view name) const {
  for (const auto& f : fields)
    if (f.name == name) return &f;
  return nullptr;
}

bool EntitySpec::is_read_only(std::string_view name) const {
  return std::any_of(read_only.begin(), read_only.end(), [&](const ReadOnlyField& f) { return f.name == name; });
}

Result<json> validate_input(const EntitySpec& spec, const json& body) {
  if (!body.is_object()) return fail(ErrorCode::MalformedJson);
  for (const auto& [key, value] : body.items())
    if (!spec.field(key) && !is_system_field(key) && !spec.is_read_only(key)) return fail(ErrorCode::UnknownField, key);

  json values = json::object();
  for (const auto& field : spec.fields) {
    json value = nullptr;
    if (auto it = body.find(field.name); it != body.end() && !it->is_null()) {
      auto checked = check_value(field, *it);
      if (!checked) return std::unexpected(checked.error());
      value = std::move(*checked);
    }
    if (value.is_null() && field.required) return fail(ErrorCode::Required, std::string(field.name));
    values[std::string(field.name)] = std::move(value);
  }
  for (const auto& order : spec.date_orders) {
    const auto& start = values[std::string(order.start)];
    const auto& end = values[std::string(order.end)];
    if (start.is_string() && end.is_string() && end.get<std::string>() < start.get<std::string>())
      return fail(ErrorCode::DateOrder, std::string(order.end));
  }
  for (const auto& limit : spec.product_limits) {
    const auto& first = values[std::string(limit.first)];
    const auto& second = values[std::string(limit.second)];
    if (!first.is_number_integer() || !second.is_number_integer()) continue;
    // Both factors are checked non-negative and bounded by their fields, so compare by division.
    const auto a = first.get<long long>(), b = second.get<long long>();
    if (a > 0 && b > limit.max / a)
      return fail(ErrorCode::OutOfRange, std::string(limit.second), {{"max_product", limit.max}});
  }
  if (!spec.exactly_one_of.empty()) {
    const auto set = std::count_if(spec.exactly_one_of.begin(), spec.exactly_one_of.end(),
                                   [&](std::string_view name) { return !values[std::string(name)].is_null(); });
    if (set == 0) return fail(ErrorCode::Required, std::string(spec.exactly_one_of.front()));
    if (set > 1) return fail(ErrorCode::InvalidValue, std::string(spec.exactly_one_of.back()));
  }
  return values;
}

std::size_t code_points(std::string_view utf8) {
  return static_cast<std::size_t>(
      std::count_if(utf8.begin(), utf8.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool has_bidi_control(std::string_view utf8) {
  // U+202A–U+202E are E2 80 AA–AE in UTF-8, U+2066–U+2069 are E2 81 A6–A9.
  for (auto at = utf8.find('\xE2'); at != std::string_view::npos && at + 2 < utf8.size();
       at = utf8.find('\xE2', at + 1)) {
    const auto second = static_cast<unsigned char>(utf8[at + 1]), third = static_cast<unsigned char>(utf8[at + 2]);
    if ((second == 0x80 && third >= 0xAA && third <= 0xAE) || (second == 0x81 && third >= 0xA6 && third <= 0xA9))
      return true;
  }
  return false;
}

Result<void> refuse_bidi_controls(const json& body, std::string_view prefix) {
  if (body.is_string() && has_bidi_control(body.get_ref<const std::string&>()))
    return fail(ErrorCode::InvalidValue, std::string(prefix));
  if (body.is_array()) {
    std::size_t index = 0;
    for (const auto& item : body) {
      if (auto refused = refuse_bidi_controls(item, std::string(prefix) + "[" + std::to_string(index++) + "]");
          !refused)
        return refused;
    }
  } else if (body.is_object()) {
    for (const auto& [key, value] : body.items()) {
      const auto field = prefix.empty() ? key : std::string(prefix) + "." + key;
      if (has_bidi_control(key)) return fail(ErrorCode::InvalidValue, field);
      if (auto refused = refuse_bidi_controls(value, field); !refused) return refused;
    }
  }
  return {};
}

Result<void> only_fields(const json& body, std::initializer_list<std::string_view> allowed, std::string_view prefix) {
  for (const auto& [key, value] : body.items())
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      return fail(ErrorCode::UnknownField, std::string(prefix) + key);
  return {};
}

Result<long long> read_version(const json& body) {
  if (!body.is_object()) return fail(ErrorCode::MalformedJson);
  const auto it = body.find("version");
  if (it == body.end() || it->is_null()) return fail(ErrorCode::Required, "version");
  if (!it->is_number_integer() || it->get<long long>() < 1) return fail(ErrorCode::WrongType, "version");
  return it->get<long long>();
}

const EntitySpec* find_spec(std::string_view resource) {
  for (const auto& spec : registry_specs())
    if (spec.resource == resource) return &spec;
  return nullptr;
}

}  // namespace riaya::domain
