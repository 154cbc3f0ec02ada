#include "http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace riaya::http {
namespace {

std::string content_type(const std::filesystem::path& file) {
  const auto ext = file.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".json") return "application/json";
  if (ext == ".webmanifest") return "application/manifest+json";
  if (ext == ".woff2") return "font/woff2";
  return "application/octet-stream";
}

std::optional<std::string> read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

std::optional<Response> serve_static(const std::string& web_root, const Request& request) {
  namespace fs = std::filesystem;
  if (web_root.empty()) return std::nullopt;
  std::error_code ec;
  const auto root = fs::weakly_canonical(web_root, ec);
  if (ec) return std::nullopt;
  fs::path relative = fs::path(request.path).relative_path();
  auto file = fs::weakly_canonical(root / relative, ec);
  const auto [root_end, file_it] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
  if (ec || root_end != root.end()) return std::nullopt;  // outside web_root
  if (!fs::is_regular_file(file, ec)) {
    if (relative.has_extension()) return std::nullopt;
    file = root / "index.html";
  }
  Response response;
  response.content_type = content_type(file);
  const bool gzip = request.header("accept-encoding").find("gzip") != std::string::npos;
  std::optional<std::string> body;
  if (gzip) {
    body = read_file(fs::path(file.string() + ".gz"));
    if (body) response.headers.emplace_back("Content-Encoding", "gzip");
  }
  if (!body) body = read_file(file);
  if (!body) return std::nullopt;
  response.body = std::move(*body);
  response.headers.emplace_back("Vary", "Accept-Encoding");
  if (request.path.starts_with("/assets/"))
    response.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
  else
    response.headers.emplace_back("Cache-Control", "no-cache");
  if (file.extension() == ".html")
    response.headers.emplace_back("Content-Security-Policy",
                                  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                                  "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'");
  return response;
}

}  // namespace riaya::http
