#pragma once

#include "domain/error.hpp"
#include "domain/language.hpp"

#include <string>
#include <string_view>

namespace riaya::domain {

// The message a person reads for `error`, in `language`, naming the field by its label
// in that language when the error has one ("The field «Arabic name» is required.").
std::string error_message(const Error& error, Language language);

// The same, naming the field by `label` (a label the caller words, e.g. an import column's).
std::string error_message(const Error& error, Language language, std::string_view label);

// The label of a field in `language`; the field's own name when it has no label.
std::string field_label(std::string_view field, Language language);

// The label of value `value` of choice field `field` in `language`, for what the server
// writes itself (exports): so far the equipment catalogue's "category" and "unit". The value
// itself when it has none.
std::string choice_label(std::string_view field, std::string_view value, Language language);

// The message of an answer synced from offline that was not saved (store::sync_answers), by
// its outcome's code: "conflict" (another user changed the criterion), "status_changed" (the
// assessment was submitted, returned or validated meanwhile), "assessment_unavailable"
// (deleted, or no longer the caller's). Empty for any other code.
std::string sync_message(std::string_view code, Language language);

// The message of a problem an import finds in a row beyond a field's own error, by its code:
// "unknown_pupil" (no pupil of the institution has the row's identity number, or its name and
// birth date), "ambiguous_pupil" (several have its name and birth date). Empty for any other code.
std::string import_message(std::string_view code, Language language);

}  // namespace riaya::domain
