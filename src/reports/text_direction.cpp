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

}  // namespace riaya::reports
