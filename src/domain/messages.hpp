#pragma once

#include "domain/error.hpp"
#include "domain/language.hpp"

#include <string>

namespace riaya::domain {

// The message a person reads for `error`, in `language`, naming the field by its label
// in that language when the error has one ("The field «Arabic name» is required.").
std::string error_message(const Error& error, Language language);

// The label of a field in `language`; the field's own name when it has no label.
std::string field_label(std::string_view field, Language language);

}  // namespace riaya::domain
