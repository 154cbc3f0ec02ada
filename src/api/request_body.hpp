#pragma once

#include "domain/error.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace riaya::api {

// A text without a length limit of its own (one the store checks, as a grid's code).
inline constexpr std::size_t kAnyLength = static_cast<std::size_t>(-1);

// The one way a bespoke endpoint reads its JSON body into its typed request (a struct of
// src/store/ that the store function takes): the endpoint declares the fields the body may
// hold, then reads each into a member, in the order they are checked. The first error is kept
// and every later read is skipped, so a declaration reads as a list:
//
//   store::FollowupEntry entry;
//   return RequestReader(body, {"version", "entry_date", "note", "progress"})
//       .version(entry.version)
//       .date("entry_date", entry.entry_date)
//       .text("note", entry.note, 4000)
//       .integer("progress", entry.progress, 0, 100)
//       .finish(entry);
//
// A member's type says whether its field is required: a plain value is (a missing or null
// field is Required), a std::optional is not (left empty when missing or null). Every error
// names its field, after the reader's prefix for the items of a list ("answers[3].score"):
//   a key that was not declared        UnknownField (checked first)
//   a value of another JSON type       WrongType (a date: InvalidDate)
//   text blank (required) or too long  Required; TooLong {"max"}: lengths count code points
//   a number beyond its bounds         OutOfRange {"min", "max"}
//   a value not among the choices      InvalidValue {"choices"}
// Text is kept as sent (not trimmed); the API has already refused bidi controls in any string.
class RequestReader {
 public:
  RequestReader(const nlohmann::json& body, std::initializer_list<std::string_view> fields, std::string prefix = {},
                std::string suffix = {});

  // The version the client read, as domain::read_version checks it (Required, WrongType below 1).
  RequestReader& version(long long& out);
  // An id (an integer; the store says whether it exists in the caller's scope).
  RequestReader& id(std::string_view name, long long& out);
  // A list of ids, at most `max` of them; `required`: not missing, null or empty. An item that
  // is not an integer is WrongType on "name[i]", or on "name" with `Items::Unnamed`.
  enum class Items { Indexed, Unnamed };
  RequestReader& ids(std::string_view name, std::vector<long long>& out, std::size_t max, bool required,
                     Items items = Items::Indexed);
  // Text of at most `max_length` code points; a required text may not be blank.
  RequestReader& text(std::string_view name, std::string& out, std::size_t max_length);
  RequestReader& text(std::string_view name, std::optional<std::string>& out, std::size_t max_length);
  // A required text taken byte for byte, as credentials are: not empty (Required), at most
  // `max_bytes` bytes (TooLong {"max"}); spaces are characters like any other, never blank.
  RequestReader& exact_text(std::string_view name, std::string& out, std::size_t max_bytes);
  // A date YYYY-MM-DD (anything else is InvalidDate), as text.
  RequestReader& date(std::string_view name, std::string& out);
  RequestReader& date(std::string_view name, std::optional<std::string>& out);
  // An integer from `min` to `max`.
  RequestReader& integer(std::string_view name, std::optional<int>& out, int min, int max);
  // One of `choices`; `out` keeps its value (the default) when the field is absent.
  RequestReader& choice(std::string_view name, std::string& out, std::initializer_list<std::string_view> choices);
  // A JSON object, checked by the store (a grid's content).
  RequestReader& object(std::string_view name, nlohmann::json& out);
  // An object of texts by key, each of at most `max_length` code points; empty when absent.
  RequestReader& texts(std::string_view name, std::map<std::string, std::string>& out, std::size_t max_length);
  // A list of at most `max` objects (empty when absent; WrongType beyond `max`), each read by
  // `read(item, prefix)` with a RequestReader of its own, prefixed "name[i].".
  template <class Item>
  RequestReader& list(std::string_view name, std::vector<Item>& out, std::size_t max,
                      const std::function<domain::Result<Item>(const nlohmann::json&, std::string)>& read);
  // The same, each item read by `read(item, suffix)` with a RequestReader suffixed "[i]": its
  // fields named by their rank in the list ("org_unit[3]", as the DHIS2 mapping names them).
  template <class Item>
  RequestReader& ranked_list(std::string_view name, std::vector<Item>& out, std::size_t max,
                             const std::function<domain::Result<Item>(const nlohmann::json&, std::string)>& read);
  // A rule beyond the shape of each field: `rule` answers the error, if any.
  RequestReader& check(const std::function<std::optional<domain::Error>()>& rule);

  // Whether the body holds `name`, null or not (an answer sent without "comment").
  bool has(std::string_view name) const { return body_.contains(name); }

  // `request`, moved from, when every read succeeded, else the first error. Taken by reference,
  // as the reads above were, and moved once here: a std::move at the call would read, to a
  // reader and to clang-tidy, as a use after the move.
  template <class Request>
  domain::Result<Request> finish(Request& request) {
    if (error_) return std::unexpected(std::move(*error_));
    return std::move(request);
  }
  // A value made for the answer alone (finish(true): a body that is only checked).
  template <class Request>
  requires(!std::is_lvalue_reference_v<Request>) domain::Result<Request> finish(Request&& request) {
    if (error_) return std::unexpected(std::move(*error_));
    return std::forward<Request>(request);
  }

 private:
  // The value of field `name`: nullptr when an error is already kept, or the field is missing
  // or null (then Required is kept when `required`).
  const nlohmann::json* field(std::string_view name, bool required);
  RequestReader& refuse(domain::ErrorCode code, std::string_view name,
                        nlohmann::json detail = nlohmann::json::object());
  std::string name_of(std::string_view name) const { return prefix_ + std::string(name) + suffix_; }
  // The items of list `name`, item i read by `read(item, naming(i))`.
  template <class Item>
  RequestReader& items(std::string_view name, std::vector<Item>& out, std::size_t max,
                       const std::function<domain::Result<Item>(const nlohmann::json&, std::string)>& read,
                       const std::function<std::string(const std::string& at)>& naming);

  const nlohmann::json& body_;
  std::string prefix_;
  std::string suffix_;
  std::optional<domain::Error> error_;
};

template <class Item>
RequestReader& RequestReader::list(
    std::string_view name, std::vector<Item>& out, std::size_t max,
    const std::function<domain::Result<Item>(const nlohmann::json&, std::string)>& read) {
  return items(name, out, max, read, [&](const std::string& at) { return name_of(at) + "."; });
}

template <class Item>
RequestReader& RequestReader::ranked_list(
    std::string_view name, std::vector<Item>& out, std::size_t max,
    const std::function<domain::Result<Item>(const nlohmann::json&, std::string)>& read) {
  return items(name, out, max, read, [&](const std::string& at) { return at.substr(name.size()); });
}

template <class Item>
RequestReader& RequestReader::items(std::string_view name, std::vector<Item>& out, std::size_t max,
                                    const std::function<domain::Result<Item>(const nlohmann::json&, std::string)>& read,
                                    const std::function<std::string(const std::string& at)>& naming) {
  const auto* value = field(name, false);
  if (!value) return *this;
  if (!value->is_array() || value->size() > max) return refuse(domain::ErrorCode::WrongType, name);
  for (std::size_t i = 0; i < value->size(); ++i) {
    const auto at = std::string(name) + "[" + std::to_string(i) + "]";
    if (!(*value)[i].is_object()) return refuse(domain::ErrorCode::WrongType, at);
    auto item = read((*value)[i], naming(at));
    if (!item) {
      error_ = std::move(item.error());
      return *this;
    }
    out.push_back(std::move(*item));
  }
  return *this;
}

}  // namespace riaya::api
