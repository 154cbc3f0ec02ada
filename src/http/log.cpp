#include "http/log.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/spdlog.h>

#include <cctype>
#include <ctime>
#include <random>

namespace riaya::http {
namespace {

thread_local std::string_view t_request_id;
thread_local const AccessEntry* t_access = nullptr;

std::string_view level_name(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::trace: return "trace";
    case spdlog::level::debug: return "debug";
    case spdlog::level::info: return "info";
    case spdlog::level::warn: return "warn";
    case spdlog::level::err: return "error";
    case spdlog::level::critical: return "critical";
    default: return "off";
  }
}

// The length of the valid UTF-8 sequence starting at text[at], or 0.
std::size_t utf8_length(std::string_view text, std::size_t at) {
  const auto lead = static_cast<unsigned char>(text[at]);
  std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 6 ? 2 : (lead >> 4) == 14 ? 3 : (lead >> 3) == 30 ? 4 : 0;
  if (length == 0 || at + length > text.size() || (length == 2 && lead < 0xC2) || (length == 4 && lead > 0xF4))
    return 0;
  for (std::size_t i = 1; i < length; ++i)
    if ((static_cast<unsigned char>(text[at + i]) >> 6) != 2) return 0;
  return length;
}

// `text` as a JSON string: quoted, escaped, and a byte that is not valid UTF-8 as \u00XX.
void append_json_string(spdlog::memory_buf_t& out, std::string_view text) {
  constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (std::size_t at = 0; at < text.size();) {
    const auto ch = static_cast<unsigned char>(text[at]);
    if (ch == '"' || ch == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(ch));
      ++at;
      continue;
    }
    const auto length = ch < 0x20 || ch == 0x7f ? 0 : utf8_length(text, at);
    if (length == 0) {
      const char escaped[] = {'\\', 'u', '0', '0', kHex[ch >> 4], kHex[ch & 15]};
      out.append(escaped, escaped + sizeof escaped);
      ++at;
      continue;
    }
    out.append(text.data() + at, text.data() + at + length);
    at += length;
  }
  out.push_back('"');
}

// `text` with control characters as "?" (a decoded %0A in a path must not start a forged line).
void append_printable(spdlog::memory_buf_t& out, std::string_view text) {
  for (const char ch : text) out.push_back(static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f ? '?' : ch);
}

class Formatter final : public spdlog::formatter {
 public:
  explicit Formatter(LogFormat format) : format_(format) {}

  void format(const spdlog::details::log_msg& message, spdlog::memory_buf_t& out) override {
    const std::string_view text(message.payload.data(), message.payload.size());
    if (format_ == LogFormat::Json) {
      out.append(std::string_view(R"({"time":")"));
      append_time(message.time, out);
      out.append(std::string_view(R"(","level":")"));
      out.append(level_name(message.level));
      out.append(std::string_view(R"(","msg":)"));
      append_json_string(out, text);
      if (!t_request_id.empty()) {
        out.append(std::string_view(R"(,"request_id":")"));
        out.append(t_request_id);  // a plain token (request_id_of)
        out.push_back('"');
      }
      if (t_access) {
        const auto& entry = *t_access;
        out.append(std::string_view(R"(,"method":)"));
        append_json_string(out, entry.method);
        out.append(std::string_view(R"(,"route":)"));
        append_json_string(out, entry.route);
        fmt::format_to(std::back_inserter(out), R"(,"status":{},"duration_ms":{:.3f},"user":)", entry.status,
                       entry.seconds * 1000);
        if (entry.user.empty())
          out.append(std::string_view("null"));
        else
          append_json_string(out, entry.user);
      }
      out.append(std::string_view("}\n"));
      return;
    }
    append_time(message.time, out);
    out.push_back(' ');
    out.append(level_name(message.level));
    out.push_back(' ');
    if (t_access) {
      const auto& entry = *t_access;
      out.append(std::string_view("access "));
      append_printable(out, entry.method);
      out.push_back(' ');
      append_printable(out, entry.route);
      fmt::format_to(std::back_inserter(out), " {} {:.1f}ms user={}", entry.status, entry.seconds * 1000,
                     entry.user.empty() ? std::string_view("-") : entry.user);
    } else {
      out.append(text);
    }
    if (!t_request_id.empty()) {
      out.append(std::string_view(" request="));
      out.append(t_request_id);
    }
    out.push_back('\n');
  }

  std::unique_ptr<spdlog::formatter> clone() const override { return std::make_unique<Formatter>(format_); }

 private:
  // "2026-12-06T06:30:00.123Z" (JSON) or "2026-12-06T06:30:00Z" (text); the seconds part is
  // formatted once a second.
  void append_time(spdlog::log_clock::time_point time, spdlog::memory_buf_t& out) {
    const auto since = time.time_since_epoch();
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(since);
    if (seconds.count() != cached_second_) {
      cached_second_ = seconds.count();
      const std::time_t now = cached_second_;
      std::tm parts{};
      gmtime_r(&now, &parts);
      cached_length_ = std::strftime(cached_, sizeof cached_, "%Y-%m-%dT%H:%M:%S", &parts);
    }
    out.append(cached_, cached_ + cached_length_);
    if (format_ == LogFormat::Json)
      fmt::format_to(std::back_inserter(out), ".{:03}",
                     std::chrono::duration_cast<std::chrono::milliseconds>(since - seconds).count());
    out.push_back('Z');
  }

  LogFormat format_;
  long long cached_second_ = -1;
  char cached_[32] = {};
  std::size_t cached_length_ = 0;
};

}  // namespace

void use_log_format(LogFormat format) { spdlog::set_formatter(std::make_unique<Formatter>(format)); }

std::string request_id_of(std::string_view client_id) {
  bool plain = !client_id.empty() && client_id.size() <= 64;
  for (const unsigned char ch : client_id)
    if (!std::isalnum(ch) && ch != '-' && ch != '_' && ch != '.') plain = false;
  if (plain) return std::string(client_id);
  thread_local std::mt19937_64 random(std::random_device{}());
  return fmt::format("{:016x}", random());
}

RequestScope::RequestScope(std::string_view request_id) : previous_(std::exchange(t_request_id, request_id)) {}

RequestScope::~RequestScope() { t_request_id = previous_; }

void log_access(const AccessEntry& entry) {
  if (!spdlog::should_log(spdlog::level::info)) return;
  t_access = &entry;
  spdlog::info("access");
  t_access = nullptr;
}

}  // namespace riaya::http
