#include "http/message.hpp"

#include "http/gzip.hpp"

#include <cctype>

namespace riaya::http {

std::string Request::header(const std::string& name) const {
  const auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

std::string Request::cookie(std::string_view name) const {
  const std::string all = header("cookie");
  std::size_t at = 0;
  while (at < all.size()) {
    auto end = all.find(';', at);
    if (end == std::string::npos) end = all.size();
    auto pair = std::string_view(all).substr(at, end - at);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (const auto eq = pair.find('='); eq != std::string_view::npos && pair.substr(0, eq) == name)
      return std::string(pair.substr(eq + 1));
    at = end + 1;
  }
  return {};
}

bool worth_gzipping(std::size_t size, std::string_view content_type) {
  constexpr std::size_t kCompressAbove = 1024;  // bytes under which gzip is not worth its time
  return size > kCompressAbove &&
         (content_type.starts_with("text/") || content_type.starts_with("application/json") ||
          content_type.starts_with("application/javascript") || content_type.starts_with("image/svg+xml"));
}

std::shared_ptr<const SharedBody> share_body(std::string bytes, std::string_view content_type, std::string file_name) {
  auto body = std::make_shared<SharedBody>();
  if (worth_gzipping(bytes.size(), content_type)) body->gzipped = gzip(bytes);
  body->bytes = std::move(bytes);
  body->file_name = std::move(file_name);
  return body;
}

std::string percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace riaya::http
