#pragma once

#include "domain/error.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace riaya::domain {

// The media type of an uploaded file judged from its content, never from its name: JPEG,
// PNG, WebP or PDF; nullopt for anything else (SVG and HTML included: a browser would run
// their scripts).
std::optional<std::string_view> evidence_content_type(std::string_view bytes);

// What an uploaded file (assessment evidence, an action's completion evidence, a meeting's
// attachment) may be: at most kMaxUploadBytes, of a type evidence_content_type accepts, with a
// name of 1–200 code points whose extension is that type's (.jpg or .jpeg, .png, .webp, .pdf,
// in any case): the content decides, and a name that says otherwise is refused rather than
// corrected, so that what is stored is what the person chose to send.
inline constexpr std::size_t kMaxUploadBytes = 5 << 20;

// Whether the name ends in an extension of that media type (any case).
bool extension_matches(std::string_view file_name, std::string_view content_type);

// The file's media type, or: FileTooLarge (with the limit) or UnsupportedFile on "file",
// Required, TooLong or FileNameMismatch (with the content_type found) on "file_name".
Result<std::string_view> check_upload(std::string_view file_name, std::string_view bytes);

// A file as stored: its name, media type and bytes.
struct StoredFile {
  std::string file_name, content_type, bytes;
};

}  // namespace riaya::domain
