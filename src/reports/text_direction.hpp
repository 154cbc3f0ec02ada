#pragma once

#include <string>
#include <string_view>

namespace riaya::reports {

enum class TextDirection { LeftToRight, RightToLeft, Neutral };

// The direction a paragraph of `text` (UTF-8) reads in, as a browser decides it for
// dir="auto": that of its first letter with a strong direction (Arabic: right to left;
// Latin: left to right), skipping digits, punctuation and spaces; Neutral when it has none
// (empty, only digits and signs). Invalid UTF-8 is read as replacement characters.
TextDirection text_direction(std::string_view text);

// `text` (UTF-8) with each range of numbers joined by a dash ("2019–2020", "2019 - 2020", with any
// of - ‐ ‑ ‒ – — ― −) between LEFT-TO-RIGHT ISOLATE and POP DIRECTIONAL ISOLATE, so that it reads
// left to right in an Arabic line whichever dash was typed (else "2020–2019"): the convention the
// web app follows with <bdi dir="ltr"> (web/src/lib/format.ts, numberRuns). Nothing else changes.
std::string isolate_number_ranges(std::string_view text);

// `text` between LEFT-TO-RIGHT ISOLATE and POP DIRECTIONAL ISOLATE: a figure that must read
// left to right in an Arabic line ("-12", "+5 %", "12 345,00"), else its sign or its parts
// move to the other side.
std::string isolated(std::string_view text);

}  // namespace riaya::reports
