#include "domain/language.hpp"

#include <cstddef>

namespace riaya::domain {

namespace {

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// RFC 9110 qvalue: "0" ["." 0*3DIGIT] / "1" ["." 0*3("0")], as thousandths.
std::optional<int> parse_qvalue(std::string_view s) {
  if (s.empty() || (s[0] != '0' && s[0] != '1')) return std::nullopt;
  const int whole = s[0] - '0';
  if (s.size() == 1) return whole * 1000;
  if (s[1] != '.' || s.size() > 5) return std::nullopt;
  int thousandths = 0;
  int scale = 100;
  for (std::size_t i = 2; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    thousandths += (s[i] - '0') * scale;
    scale /= 10;
  }
  if (whole == 1 && thousandths != 0) return std::nullopt;
  return whole * 1000 + thousandths;
}

}  // namespace

std::optional<Language> parse_language(std::string_view tag) {
  const std::size_t end = tag.find_first_of("-_");
  const std::string_view primary = tag.substr(0, end);
  if (end != std::string_view::npos && end + 1 == tag.size()) return std::nullopt;
  if (primary.size() != 2) return std::nullopt;
  const char a = ascii_lower(primary[0]);
  const char b = ascii_lower(primary[1]);
  if (a == 'a' && b == 'r') return Language::Arabic;
  if (a == 'f' && b == 'r') return Language::French;
  if (a == 'e' && b == 'n') return Language::English;
  return std::nullopt;
}

Language language_from_accept(std::string_view header) {
  std::optional<Language> best;
  int best_q = 0;
  while (!header.empty()) {
    const std::size_t comma = header.find(',');
    std::string_view entry = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);

    const std::size_t semi = entry.find(';');
    const std::string_view tag = trim(entry.substr(0, semi));
    int q = 1000;
    if (semi != std::string_view::npos) {
      const std::string_view param = trim(entry.substr(semi + 1));
      if (param.size() < 2 || ascii_lower(param[0]) != 'q' || param[1] != '=') continue;
      const std::optional<int> parsed = parse_qvalue(trim(param.substr(2)));
      if (!parsed) continue;
      q = *parsed;
    }
    if (q == 0) continue;
    const std::optional<Language> language = parse_language(tag);
    if (language && q > best_q) {
      best = language;
      best_q = q;
    }
  }
  return best.value_or(Language::Arabic);
}

std::string quoted(Language language, std::string_view text) {
  switch (language) {
    case Language::French: return "« " + std::string(text) + " »";
    case Language::English: return "“" + std::string(text) + "”";
    case Language::Arabic: break;
  }
  return "«" + std::string(text) + "»";
}

}  // namespace riaya::domain
