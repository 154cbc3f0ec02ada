#include "api/request_body.hpp"

#include "domain/dates.hpp"
#include "domain/schema.hpp"

#include <algorithm>

namespace riaya::api {

using domain::ErrorCode;
using nlohmann::json;

namespace {

bool blank(const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

}  // namespace

RequestReader::RequestReader(const json& body, std::initializer_list<std::string_view> fields, std::string prefix,
                             std::string suffix)
    : body_(body), prefix_(std::move(prefix)), suffix_(std::move(suffix)) {
  if (!body.is_object()) {
    error_ = domain::Error{ErrorCode::MalformedJson};
  } else if (auto known = domain::only_fields(body, fields, prefix_); !known) {
    error_ = known.error();
    error_->field += suffix_;
  }
}

const json* RequestReader::field(std::string_view name, bool required) {
  if (error_) return nullptr;
  const auto it = body_.find(name);
  if (it == body_.end() || it->is_null()) {
    if (required) refuse(ErrorCode::Required, name);
    return nullptr;
  }
  return &*it;
}

RequestReader& RequestReader::refuse(ErrorCode code, std::string_view name, json detail) {
  if (!error_) error_ = domain::Error{code, name_of(name), std::move(detail)};
  return *this;
}

RequestReader& RequestReader::version(long long& out) {
  if (error_) return *this;
  auto version = domain::read_version(body_);
  if (!version) {
    error_ = version.error();
    error_->field = name_of(error_->field);
  } else {
    out = *version;
  }
  return *this;
}

RequestReader& RequestReader::id(std::string_view name, long long& out) {
  const auto* value = field(name, true);
  if (!value) return *this;
  if (!value->is_number_integer()) return refuse(ErrorCode::WrongType, name);
  out = value->get<long long>();
  return *this;
}

RequestReader& RequestReader::ids(std::string_view name, std::vector<long long>& out, std::size_t max, bool required,
                                  Items items) {
  const auto* value = field(name, required);
  if (!value) return *this;
  if (!value->is_array()) return refuse(ErrorCode::WrongType, name);
  if (value->empty() && required) return refuse(ErrorCode::Required, name);
  if (value->size() > max) return refuse(ErrorCode::OutOfRange, name, {{"max", max}});
  for (std::size_t i = 0; i < value->size(); ++i) {
    if (!(*value)[i].is_number_integer())
      return refuse(ErrorCode::WrongType,
                    items == Items::Indexed ? std::string(name) + "[" + std::to_string(i) + "]" : std::string(name));
    out.push_back((*value)[i].get<long long>());
  }
  return *this;
}

RequestReader& RequestReader::text(std::string_view name, std::string& out, std::size_t max_length) {
  const auto* value = field(name, true);
  if (!value) return *this;
  if (!value->is_string()) return refuse(ErrorCode::WrongType, name);
  const auto& text = value->get_ref<const std::string&>();
  if (blank(text)) return refuse(ErrorCode::Required, name);
  if (domain::code_points(text) > max_length) return refuse(ErrorCode::TooLong, name, {{"max", max_length}});
  out = text;
  return *this;
}

RequestReader& RequestReader::text(std::string_view name, std::optional<std::string>& out, std::size_t max_length) {
  const auto* value = field(name, false);
  if (!value) return *this;
  if (!value->is_string()) return refuse(ErrorCode::WrongType, name);
  const auto& text = value->get_ref<const std::string&>();
  if (domain::code_points(text) > max_length) return refuse(ErrorCode::TooLong, name, {{"max", max_length}});
  out = text;
  return *this;
}

RequestReader& RequestReader::exact_text(std::string_view name, std::string& out, std::size_t max_bytes) {
  const auto* value = field(name, true);
  if (!value) return *this;
  if (!value->is_string()) return refuse(ErrorCode::WrongType, name);
  const auto& text = value->get_ref<const std::string&>();
  if (text.size() > max_bytes) return refuse(ErrorCode::TooLong, name, {{"max", max_bytes}});
  if (text.empty()) return refuse(ErrorCode::Required, name);
  out = text;
  return *this;
}

RequestReader& RequestReader::date(std::string_view name, std::string& out) {
  std::optional<std::string> text;
  if (field(name, true)) date(name, text);
  if (text) out = std::move(*text);
  return *this;
}

RequestReader& RequestReader::date(std::string_view name, std::optional<std::string>& out) {
  const auto* value = field(name, false);
  if (!value) return *this;
  if (!value->is_string() || !domain::parse_iso_date(value->get<std::string>()))
    return refuse(ErrorCode::InvalidDate, name);
  out = value->get<std::string>();
  return *this;
}

RequestReader& RequestReader::integer(std::string_view name, std::optional<int>& out, int min, int max) {
  const auto* value = field(name, false);
  if (!value) return *this;
  if (!value->is_number_integer()) return refuse(ErrorCode::WrongType, name);
  if (value->get<long long>() < min || value->get<long long>() > max)
    return refuse(ErrorCode::OutOfRange, name, {{"min", min}, {"max", max}});
  out = value->get<int>();
  return *this;
}

RequestReader& RequestReader::choice(std::string_view name, std::string& out,
                                     std::initializer_list<std::string_view> choices) {
  if (error_ || !body_.contains(name)) return *this;
  const auto& value = body_[std::string(name)];
  if (!value.is_string() || std::find(choices.begin(), choices.end(), value.get<std::string>()) == choices.end())
    return refuse(ErrorCode::InvalidValue, name, {{"choices", std::vector<std::string_view>(choices)}});
  out = value.get<std::string>();
  return *this;
}

RequestReader& RequestReader::object(std::string_view name, json& out) {
  const auto* value = field(name, true);
  if (!value) return *this;
  if (!value->is_object()) return refuse(ErrorCode::WrongType, name);
  out = *value;
  return *this;
}

RequestReader& RequestReader::texts(std::string_view name, std::map<std::string, std::string>& out,
                                    std::size_t max_length) {
  const auto* value = field(name, false);
  if (!value) return *this;
  if (!value->is_object()) return refuse(ErrorCode::WrongType, name);
  for (const auto& [key, text] : value->items()) {
    const auto at = std::string(name) + "." + key;
    if (!text.is_string()) return refuse(ErrorCode::WrongType, at);
    if (domain::code_points(text.get_ref<const std::string&>()) > max_length)
      return refuse(ErrorCode::TooLong, at, {{"max", max_length}});
    out[key] = text.get<std::string>();
  }
  return *this;
}

RequestReader& RequestReader::check(const std::function<std::optional<domain::Error>()>& rule) {
  if (error_) return *this;
  if (auto refused = rule()) error_ = std::move(*refused);
  return *this;
}

}  // namespace riaya::api
