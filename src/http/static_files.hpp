#pragma once

#include "http/message.hpp"

#include <optional>
#include <string>

namespace riaya::http {

// The file of `web_root` the GET request names, or index.html for paths without a file
// extension (routes of the web app); std::nullopt when nothing fits or web_root is empty.
// Never leaves web_root. Serves FILE.gz to clients that accept gzip when it exists.
// Hashed assets (/assets/…) are cached for a year; index.html is revalidated.
std::optional<Response> serve_static(const std::string& web_root, const Request& request);

}  // namespace riaya::http
