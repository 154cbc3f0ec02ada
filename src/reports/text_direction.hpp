#pragma once

#include <string_view>

namespace riaya::reports {

enum class TextDirection { LeftToRight, RightToLeft, Neutral };

// The direction a paragraph of `text` (UTF-8) reads in, as a browser decides it for
// dir="auto": that of its first letter with a strong direction (Arabic: right to left;
// Latin: left to right), skipping digits, punctuation and spaces; Neutral when it has none
// (empty, only digits and signs). Invalid UTF-8 is read as replacement characters.
TextDirection text_direction(std::string_view text);

}  // namespace riaya::reports
