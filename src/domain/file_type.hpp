#pragma once

#include <optional>
#include <string_view>

namespace riaya::domain {

// The media type of an evidence file judged from its content, never from its name: JPEG,
// PNG, WebP or PDF; nullopt for anything else (SVG and HTML included: a browser would run
// their scripts).
std::optional<std::string_view> evidence_content_type(std::string_view bytes);

}  // namespace riaya::domain
