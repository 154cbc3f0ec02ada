#include "domain/search_key.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>

namespace riaya::domain {

namespace {

struct Decoded {
  std::optional<char32_t> code_point;  // std::nullopt: ill-formed
  std::size_t length;                  // bytes consumed, at least 1
};

bool is_continuation(unsigned char byte) { return (byte & 0xC0U) == 0x80U; }

// Decodes the sequence starting at bytes[pos] (pos < bytes.size()). On an
// ill-formed sequence consumes one byte, so the caller resynchronises on the
// next lead byte.
Decoded decode_at(std::string_view bytes, std::size_t pos) {
  const auto byte_at = [&](std::size_t i) { return static_cast<unsigned char>(bytes[pos + i]); };
  const unsigned char lead = byte_at(0);
  if (lead < 0x80U) return {lead, 1};

  std::size_t length = 0;
  char32_t cp = 0;
  unsigned char min_second = 0x80U;
  unsigned char max_second = 0xBFU;
  if (lead >= 0xC2U && lead <= 0xDFU) {
    length = 2;
    cp = lead & 0x1FU;
  } else if (lead >= 0xE0U && lead <= 0xEFU) {
    length = 3;
    cp = lead & 0x0FU;
    if (lead == 0xE0U) min_second = 0xA0U;  // overlong
    if (lead == 0xEDU) max_second = 0x9FU;  // surrogates
  } else if (lead >= 0xF0U && lead <= 0xF4U) {
    length = 4;
    cp = lead & 0x07U;
    if (lead == 0xF0U) min_second = 0x90U;  // overlong
    if (lead == 0xF4U) max_second = 0x8FU;  // above U+10FFFF
  } else {
    return {std::nullopt, 1};
  }
  if (bytes.size() - pos < length) return {std::nullopt, 1};
  const unsigned char second = byte_at(1);
  if (second < min_second || second > max_second) return {std::nullopt, 1};
  for (std::size_t i = 1; i < length; ++i) {
    const unsigned char next = byte_at(i);
    if (!is_continuation(next)) return {std::nullopt, 1};
    cp = (cp << 6U) | (next & 0x3FU);
  }
  return {cp, length};
}

const icu::Normalizer2& normalizer(bool compose) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n =
      compose ? icu::Normalizer2::getNFCInstance(status) : icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status) || n == nullptr) {
    throw std::runtime_error(std::string("ICU normalizer unavailable: ") + u_errorName(status));
  }
  return *n;
}

icu::UnicodeString normalize(const icu::UnicodeString& text, bool compose) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString out = normalizer(compose).normalize(text, status);
  if (U_FAILURE(status)) {
    throw std::runtime_error(std::string("ICU normalization failed: ") + u_errorName(status));
  }
  return out;
}

// The Arabic rules; returns std::nullopt for a character to drop.
std::optional<UChar32> map_arabic(UChar32 c) {
  if ((c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640) return std::nullopt;
  switch (c) {
    case 0x0622:      // آ
    case 0x0623:      // أ
    case 0x0625:      // إ
    case 0x0671:      // ٱ
      return 0x0627;  // ا
    case 0x0649:      // ى
    case 0x0626:      // ئ
      return 0x064A;  // ي
    case 0x0629:      // ة
      return 0x0647;  // ه
    case 0x0624:      // ؤ
      return 0x0648;  // و
    default: break;
  }
  if (c >= 0x0660 && c <= 0x0669) return c - 0x0660 + '0';
  if (c >= 0x06F0 && c <= 0x06F9) return c - 0x06F0 + '0';
  return c;
}

bool is_separator(UChar32 c) {
  if (u_isUWhiteSpace(c)) return true;
  switch (u_charType(c)) {
    case U_CONNECTOR_PUNCTUATION:
    case U_DASH_PUNCTUATION:
    case U_START_PUNCTUATION:
    case U_END_PUNCTUATION:
    case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION:
    case U_OTHER_PUNCTUATION:
    case U_CONTROL_CHAR:
    case U_LINE_SEPARATOR:
    case U_PARAGRAPH_SEPARATOR:
    case U_SPACE_SEPARATOR: return true;
    default: return false;
  }
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
  for (std::size_t pos = 0; pos < bytes.size();) {
    const Decoded d = decode_at(bytes, pos);
    if (!d.code_point) return false;
    pos += d.length;
  }
  return true;
}

namespace {

std::string fold(std::string_view utf8) {
  icu::UnicodeString decoded;
  for (std::size_t pos = 0; pos < utf8.size();) {
    const Decoded d = decode_at(utf8, pos);
    pos += d.length;
    if (d.code_point && *d.code_point != 0xFFFD) {
      decoded.append(static_cast<UChar32>(*d.code_point));
    }
  }

  const icu::UnicodeString composed = normalize(decoded, true);
  icu::UnicodeString arabic;
  for (int32_t i = 0; i < composed.length(); i = composed.moveIndex32(i, 1)) {
    if (const std::optional<UChar32> c = map_arabic(composed.char32At(i))) arabic.append(*c);
  }

  arabic.foldCase(U_FOLD_CASE_DEFAULT);
  const icu::UnicodeString decomposed = normalize(arabic, false);
  icu::UnicodeString unmarked;
  for (int32_t i = 0; i < decomposed.length(); i = decomposed.moveIndex32(i, 1)) {
    const UChar32 c = decomposed.char32At(i);
    const auto type = u_charType(c);
    if (type != U_NON_SPACING_MARK && type != U_FORMAT_CHAR) unmarked.append(c);
  }
  const icu::UnicodeString recomposed = normalize(unmarked, true);

  icu::UnicodeString key;
  bool pending_space = false;
  for (int32_t i = 0; i < recomposed.length(); i = recomposed.moveIndex32(i, 1)) {
    const UChar32 c = recomposed.char32At(i);
    if (is_separator(c)) {
      pending_space = !key.isEmpty();
      continue;
    }
    if (pending_space) key.append(static_cast<UChar>(u' '));
    pending_space = false;
    key.append(c);
  }

  std::string out;
  key.toUTF8String(out);
  return out;
}

// The last texts folded on this thread and their keys: a record's write folds one name for
// several keys (a file's duplicates, the register's namesakes, name_key, search_key), and an
// import cell's choice is compared with the same few labels row after row.
struct Folded {
  std::string text, key;
};
constexpr std::size_t kRemembered = 8;
thread_local std::array<Folded, kRemembered> remembered;
thread_local std::size_t next_remembered = 0;

}  // namespace

std::string search_key(std::string_view utf8) {
  for (const auto& folded : remembered)
    if (folded.text == utf8) return folded.key;
  auto key = fold(utf8);
  auto& slot = remembered[next_remembered];
  next_remembered = (next_remembered + 1) % kRemembered;
  slot.text.assign(utf8);
  slot.key = key;
  return key;
}

std::string like_pattern(std::string_view key) {
  std::string out;
  out.reserve(key.size() + 2);
  out.push_back('%');
  for (const char c : key) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('%');
  return out;
}

std::string trim(std::string_view text) {
  const auto* spaces = " \t\r\n\v\f";
  const auto first = text.find_first_not_of(spaces);
  if (first == std::string_view::npos) return {};
  return std::string(text.substr(first, text.find_last_not_of(spaces) - first + 1));
}

}  // namespace riaya::domain
