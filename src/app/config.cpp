#include "app/config.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <stdexcept>

namespace riaya::app {
namespace {

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

}  // namespace

void load_config(const std::string& path, const std::vector<ConfigKey>& keys) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot read the configuration file");
  std::map<std::string, std::string> values;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    const auto where = path + ":" + std::to_string(number) + ": ";
    const auto text = trimmed(line);
    if (text.empty() || text.starts_with('#')) continue;
    const auto equals = text.find('=');
    if (equals == std::string::npos) throw std::runtime_error(where + "expected KEY=value, got: " + text);
    const auto key = trimmed(text.substr(0, equals));
    auto value = trimmed(text.substr(equals + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    const auto known = std::find_if(keys.begin(), keys.end(), [&](const ConfigKey& k) { return k.name == key; });
    if (known == keys.end()) throw std::runtime_error(where + "unknown setting " + key);
    if (values.contains(key)) throw std::runtime_error(where + key + " is set twice");
    auto checked = value;
    if (value.empty()) throw std::runtime_error(where + key + " has no value (comment the line out instead)");
    if (const auto problem = known->check(checked); !problem.empty())
      throw std::runtime_error(where + "bad value for " + key + ": " + problem);
    values[key] = value;
  }
  for (const auto& [key, value] : values) ::setenv(key.c_str(), value.c_str(), 0);
}

std::string config_path(int argc, char** argv) {
  std::string path;
  if (const char* env = std::getenv("RIAYA_CONFIG")) path = env;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg(argv[i]);
    if (arg == "--config" && i + 1 < argc) path = argv[i + 1];
    if (arg.starts_with("--config=")) path = std::string(arg.substr(9));
  }
  return path;
}

}  // namespace riaya::app
