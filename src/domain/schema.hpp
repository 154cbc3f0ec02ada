#pragma once

#include "domain/error.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string_view>
#include <vector>

namespace riaya::domain {

enum class FieldType {
  Text,      // one line, trimmed; empty means absent
  LongText,  // several lines
  Email,
  Integer,
  Decimal,
  Date,           // YYYY-MM-DD
  Choice,         // one of FieldSpec::choices
  Reference,      // id of a record of FieldSpec::references
  CodeReference,  // code of a record of FieldSpec::references (categories)
};

// One writable field of a record, as the API accepts it.
struct FieldSpec {
  std::string_view name;
  FieldType type;
  bool required = false;
  std::size_t max_length = 200;                // Text, LongText, Email: in code points
  std::vector<std::string_view> choices = {};  // Choice
  std::string_view references = {};            // Reference, CodeReference: a resource name
  std::string_view reference_level = {};       // Reference to territories: the level it must have
  double min = 0, max = 0;                     // Integer, Decimal: bounds when min < max
  bool above_min = false;                      // Integer, Decimal: `min` itself is refused (hours > 0)
  bool personal = false;                       // a person's data: never shown to a `viewer`
  bool searchable = false;                     // folded into the record's search key
  bool unique = false;                         // no two live records share it
  bool sealed = false;  // stored encrypted with the server's key (store/field_cipher.hpp), never in clear
};

// Two date fields where the second may not come before the first.
struct DateOrder {
  std::string_view start, end;
};

// Two integer fields whose product may not exceed `max` (a quantity times a unit cost):
// beyond it, OutOfRange names the second field.
struct ProductLimit {
  std::string_view first, second;
  long long max;
};

// What a read-only field holds, as the API's schema (GET /api/openapi.json) describes it.
enum class ReadOnlyType {
  Integer,  // a count, an id, an amount in centimes
  Boolean,
  Text,      // a name or a code joined from another record
  DateTime,  // ISO 8601
};

// A field that reads return and writes ignore: computed by the server (a total, a count, a
// status) or joined from another record (its title, its code).
struct ReadOnlyField {
  std::string_view name;
  ReadOnlyType type;
  bool nullable = false;  // null when there is nothing to compute or to join
};

// A resource of the registry: its writable fields and rules, independent of storage.
struct EntitySpec {
  std::string_view resource;  // URL segment and table name, e.g. "institutions"
  std::string_view entity;    // singular, as written in the audit log, e.g. "institution"
  std::vector<FieldSpec> fields;
  std::vector<DateOrder> date_orders = {};
  std::vector<ProductLimit> product_limits = {};
  std::vector<std::string_view> exactly_one_of = {};  // fields of which exactly one must be set
  std::vector<ReadOnlyField> read_only = {};          // fields reads return that writes ignore
  std::vector<std::string_view> filters = {};         // query parameters a list accepts, beyond q/page/sort
  std::vector<std::string_view> sortable = {};
  std::string_view default_sort = "id";
  // Its records name a person (the individual register, law 09-08): every read of one, every
  // list page and every export writes an audit entry ("read", "export") with the ids shown.
  bool named = false;

  const FieldSpec* field(std::string_view name) const;
  bool is_read_only(std::string_view name) const;
};

enum class WriteMode { Create, Replace };

// Checks a request body against `spec` and returns the record's field values: an object
// with every field of the spec, null where absent. Text is trimmed (empty → null).
// System fields (id, version, created_at, updated_at, archived_at, editable), the spec's read-only
// fields and names ending in a display suffix (_name_ar, _name_fr, _name_en) are tolerated
// and ignored; any other
// unknown key is an UnknownField error. The first error found is returned, naming its
// field. References are checked for shape only; the store checks that they exist.
Result<nlohmann::json> validate_input(const EntitySpec& spec, const nlohmann::json& body);

// UnknownField naming the first key of `body` that is not in `allowed` (`prefix` + key, for
// objects nested in a body, e.g. "answers[3].").
Result<void> only_fields(const nlohmann::json& body, std::initializer_list<std::string_view> allowed,
                         std::string_view prefix = {});

// The number of code points of UTF-8 text: what length limits count.
std::size_t code_points(std::string_view utf8);

// Whether UTF-8 text holds a bidirectional embedding, override or isolate control
// (U+202A–U+202E, U+2066–U+2069): characters that make text display in another order than it
// is stored ("rapport\u202Efdp.exe" shows as "rapportexe.pdf"). The marks U+200E, U+200F and
// U+061C, which reorder nothing beyond themselves, are not among them.
bool has_bidi_control(std::string_view utf8);

// The first string of a request body (a key or a value, at any depth) holding a bidi control,
// as InvalidValue naming its field ("name_ar", "answers[3].comment"); nothing when there is
// none. Every JSON body the API accepts goes through it.
Result<void> refuse_bidi_controls(const nlohmann::json& body, std::string_view prefix = {});

// Reads the mandatory `version` of an update or archive body.
Result<long long> read_version(const nlohmann::json& body);

// The registry's resources, in the order the API lists them.
const std::vector<EntitySpec>& registry_specs();
const EntitySpec* find_spec(std::string_view resource);

// The writable fields of a user account (its password is set apart, never through this).
const EntitySpec& user_spec();

}  // namespace riaya::domain
