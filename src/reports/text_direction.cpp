#include "reports/text_direction.hpp"

#include <unicode/ubidi.h>
#include <unicode/unistr.h>

namespace riaya::reports {

TextDirection text_direction(std::string_view text) {
  const auto utf16 = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  switch (ubidi_getBaseDirection(utf16.getBuffer(), utf16.length())) {
    case UBIDI_LTR: return TextDirection::LeftToRight;
    case UBIDI_RTL: return TextDirection::RightToLeft;
    default: return TextDirection::Neutral;
  }
}

namespace {

bool digit_at(std::string_view text, std::size_t at) { return at < text.size() && text[at] >= '0' && text[at] <= '9'; }

bool starts_at(std::string_view text, std::size_t at, std::string_view what) {
  return text.substr(at, what.size()) == what;
}

// The end of the number starting at `at`: digits, and digits after . , / or :.
std::size_t number_end(std::string_view text, std::size_t at) {
  while (digit_at(text, at)) ++at;
  while (at + 1 < text.size() && std::string_view(".,/:").find(text[at]) != std::string_view::npos &&
         digit_at(text, at + 1)) {
    ++at;
    while (digit_at(text, at)) ++at;
  }
  return at;
}

// The length of the space (ASCII, no-break or narrow no-break) or dash at `at`, 0 for none.
std::size_t space_at(std::string_view text, std::size_t at) {
  if (starts_at(text, at, " ")) return 1;
  if (starts_at(text, at, "\u00a0")) return 2;
  return starts_at(text, at, "\u202f") ? 3 : 0;
}
std::size_t dash_at(std::string_view text, std::size_t at) {
  if (starts_at(text, at, "-")) return 1;
  for (std::string_view dash : {"\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212"})
    if (starts_at(text, at, dash)) return dash.size();
  return 0;
}

}  // namespace

std::string isolate_number_ranges(std::string_view text) {
  std::string out;
  std::size_t at = 0;
  while (at < text.size()) {
    if (!digit_at(text, at)) {
      out += text[at++];
      continue;
    }
    std::size_t end = number_end(text, at), last = end;
    for (;;) {
      std::size_t next = last;
      while (const auto n = space_at(text, next)) next += n;
      const auto dash = dash_at(text, next);
      if (!dash) break;
      next += dash;
      while (const auto n = space_at(text, next)) next += n;
      if (!digit_at(text, next)) break;
      last = number_end(text, next);
    }
    if (last > end)
      out.append("\u2066").append(text.substr(at, last - at)).append("\u2069");
    else
      out.append(text.substr(at, end - at));
    at = last;
  }
  return out;
}

std::string isolated(std::string_view text) { return "\u2066" + std::string(text) + "\u2069"; }

}  // namespace riaya::reports
