#pragma once

#include <string>
#include <string_view>

namespace riaya::domain {

// The key by which names are ordered: ICU's sort key of `utf8` under the "ar" collator (the
// order of COLLATE riaya_ar on SQLite and COLLATE "ar-x-icu" on PostgreSQL: أ إ آ ا together,
// French letters beside their accented forms), written as lower-case hex, so that comparing two
// keys byte by byte (SQLite's BINARY, PostgreSQL's COLLATE "C") gives the collator's order:
// sort_key(a) < sort_key(b) exactly when the collator puts a before b, and the keys are equal
// exactly when it finds a and b equal. Ill-formed UTF-8 is read as ICU reads it (U+FFFD).
// Thread-safe (a collator per thread).
std::string sort_key(std::string_view utf8);

}  // namespace riaya::domain
