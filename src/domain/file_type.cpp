#include "domain/file_type.hpp"

#include "domain/schema.hpp"

namespace riaya::domain {

std::optional<std::string_view> evidence_content_type(std::string_view bytes) {
  using namespace std::string_view_literals;
  // JPEG: start-of-image marker followed by another marker.
  if (bytes.size() >= 4 && bytes.starts_with("\xFF\xD8\xFF"sv)) return "image/jpeg";
  // PNG: the signature, then the IHDR chunk that must come first.
  if (bytes.size() >= 16 && bytes.starts_with("\x89PNG\r\n\x1A\n"sv) && bytes.substr(12, 4) == "IHDR")
    return "image/png";
  // WebP: a RIFF container of form type WEBP.
  if (bytes.size() >= 16 && bytes.starts_with("RIFF") && bytes.substr(8, 4) == "WEBP" &&
      (bytes.substr(12, 4) == "VP8 " || bytes.substr(12, 4) == "VP8L" || bytes.substr(12, 4) == "VP8X"))
    return "image/webp";
  // PDF: the header, and the end-of-file marker within the last kilobyte (as readers require).
  if (bytes.size() >= 16 && (bytes.starts_with("%PDF-1.") || bytes.starts_with("%PDF-2.")) &&
      bytes.substr(bytes.size() > 1024 ? bytes.size() - 1024 : 0).find("%%EOF") != std::string_view::npos)
    return "application/pdf";
  return std::nullopt;
}

bool extension_matches(std::string_view file_name, std::string_view content_type) {
  const auto dot = file_name.rfind('.');
  if (dot == std::string_view::npos) return false;
  std::string extension(file_name.substr(dot + 1));
  for (auto& c : extension) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (content_type == "image/jpeg") return extension == "jpg" || extension == "jpeg";
  if (content_type == "image/png") return extension == "png";
  if (content_type == "image/webp") return extension == "webp";
  if (content_type == "application/pdf") return extension == "pdf";
  return false;
}

Result<std::string_view> check_upload(std::string_view file_name, std::string_view bytes) {
  if (bytes.size() > kMaxUploadBytes) return fail(ErrorCode::FileTooLarge, "file", {{"limit", kMaxUploadBytes}});
  const auto content_type = evidence_content_type(bytes);
  if (!content_type) return fail(ErrorCode::UnsupportedFile, "file");
  if (file_name.empty()) return fail(ErrorCode::Required, "file_name");
  if (code_points(file_name) > 200) return fail(ErrorCode::TooLong, "file_name", {{"max", 200}});
  if (!extension_matches(file_name, *content_type))
    return fail(ErrorCode::FileNameMismatch, "file_name", {{"content_type", *content_type}});
  return *content_type;
}

}  // namespace riaya::domain
