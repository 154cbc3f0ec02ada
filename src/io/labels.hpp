#pragma once

#include "domain/language.hpp"
#include "domain/schema.hpp"

#include <optional>
#include <string>
#include <string_view>

// The words the server writes in files (exports), taken from the web app's dictionaries
// (web/src/lib/locales/*.ts, compiled into the binary): one source for the labels a person
// reads on screen and in a spreadsheet.
namespace riaya::io {

// The dictionary entry `key` ("field.code", "enum.sex.female") in `language`, if it has one.
// Only single-line text entries are read; plural forms are not.
std::optional<std::string> dictionary_entry(std::string_view key, domain::Language language);

// The label of `field` of `spec`'s records: the web app's "field.<name>" entry, or that of its
// name without "_id" or "_centimes", or "field.<entity>_<name>"; domain::field_label otherwise.
std::string field_label(const domain::EntitySpec& spec, std::string_view field, domain::Language language);

// The label of choice `value` of `field`: the web app's "enum.<kind>.<value>" entry, the kind
// being "<entity>_<name>", "<name>", the name without "_code", or "<first or last word of the
// entity>_<name>" (tests/unit/labels_test.cpp checks that every choice of every resource has
// one); nothing when there is none.
std::optional<std::string> choice_label(const domain::EntitySpec& spec, std::string_view field, std::string_view value,
                                        domain::Language language);

// The title of the resource's list: the web app's "<resource>.title", or that of its name after
// the first "_" ("equipment_needs": "needs.title"); the resource's name otherwise.
std::string resource_label(std::string_view resource, domain::Language language);

}  // namespace riaya::io
