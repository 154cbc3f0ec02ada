#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace riaya::domain {

// The languages Riaya shows its interface, dates and error messages in.
enum class Language { Arabic, French, English };

// Parses a language tag whose primary subtag is "ar", "fr" or "en", compared
// case-insensitively, optionally followed by a region or script after '-' or
// '_' ("fr-FR", "ar_MA"). Returns std::nullopt for anything else, including
// the empty string, surrounding whitespace and unsupported languages.
std::optional<Language> parse_language(std::string_view tag);

// Picks the supported language the client prefers from an HTTP
// Accept-Language header ("fr-FR,fr;q=0.9,en;q=0.8"): the entry with the
// highest q-value wins, the earlier entry on a tie; entries with q=0, a
// malformed q, "*" or an unsupported language are skipped. Returns
// Language::Arabic when the header is empty, malformed or names no
// supported language. Never fails.
Language language_from_accept(std::string_view header);

// `text` between the language's quotation marks: «text», « text », “text”.
std::string quoted(Language language, std::string_view text);

}  // namespace riaya::domain
