#include "domain/sort_key.hpp"

#include <unicode/ucol.h>
#include <unicode/unistr.h>

#include <cstdint>
#include <stdexcept>

namespace riaya::domain {

namespace {

// ICU's Arabic collator, opened once per thread (a UCollator is not to be shared while used).
class ArabicCollator {
 public:
  ArabicCollator() {
    UErrorCode status = U_ZERO_ERROR;
    collator_ = ucol_open("ar", &status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU has no Arabic collation");
  }
  ~ArabicCollator() { ucol_close(collator_); }
  ArabicCollator(const ArabicCollator&) = delete;
  ArabicCollator& operator=(const ArabicCollator&) = delete;
  const UCollator* get() const { return collator_; }

 private:
  UCollator* collator_ = nullptr;
};

}  // namespace

std::string sort_key(std::string_view utf8) {
  thread_local const ArabicCollator arabic;
  const auto text = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  // ICU's key ends with a zero byte and has none before it: the key is the bytes before it.
  std::string bytes(64, '\0');
  for (;;) {
    const auto length = ucol_getSortKey(arabic.get(), text.getBuffer(), text.length(),
                                        reinterpret_cast<uint8_t*>(bytes.data()), static_cast<int32_t>(bytes.size()));
    if (length <= 0) throw std::runtime_error("ICU made no sort key");
    const auto size = static_cast<std::size_t>(length);
    if (size <= bytes.size()) {
      bytes.resize(size - 1);
      break;
    }
    bytes.assign(size, '\0');  // too small: ICU said how long the key is
  }
  constexpr std::string_view kDigits = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (const char byte : bytes) {
    const auto value = static_cast<unsigned char>(byte);
    hex.push_back(kDigits[value >> 4U]);
    hex.push_back(kDigits[value & 0x0FU]);
  }
  return hex;
}

}  // namespace riaya::domain
