#pragma once

#include <string>
#include <string_view>

namespace riaya::domain {

// Returns true if `bytes` is well-formed UTF-8 in the strict sense of
// Unicode 15 / RFC 3629: no overlong forms, no surrogates (U+D800-U+DFFF),
// nothing above U+10FFFF, no truncated sequences. The empty string is valid.
// NUL bytes are valid UTF-8; refuse them separately where they matter.
bool is_valid_utf8(std::string_view bytes);

// `text` without the ASCII whitespace (space, tab, CR, LF, VT, FF) at either end.
std::string trim(std::string_view text);

// The normalised key under which names are stored and searched, so that
// spellings a person would consider the same give the same key. Applied in
// this order:
//   - ill-formed UTF-8 sequences and U+FFFD are dropped (never fails);
//   - NFC;
//   - Arabic: tashkeel U+064B-U+065F, superscript alef U+0670 and tatweel
//     U+0640 are dropped; آ أ إ ٱ -> ا, ى -> ي, ة -> ه, ؤ -> و, ئ -> ي;
//     the lone hamza ء is kept; digits ٠-٩ and ۰-۹ -> 0-9;
//   - full Unicode case folding; accents removed (NFD, then every nonspacing
//     mark dropped, then NFC);
//   - format characters (ZWNJ, ZWJ, direction marks, BOM) are dropped;
//   - every run of whitespace, punctuation and control characters becomes a
//     single ASCII space; leading and trailing ones are removed.
// Examples: "دار الطالبة أَمل" -> "دار الطالبه امل"; "Élodie Ça" -> "elodie ca".
// The result is valid UTF-8 in NFC; it is empty when the input has no
// letters, digits or symbols. search_key(search_key(x)) == search_key(x).
// Thread-safe.
std::string search_key(std::string_view utf8);

// A pattern for `column LIKE ? ESCAPE '\'` matching any value that contains
// `key`: "%" + key + "%", with every '%', '_' and '\' in key preceded by '\'.
// like_pattern("") is "%%", which matches everything.
std::string like_pattern(std::string_view key);

}  // namespace riaya::domain
