#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace riaya::app {

// A setting a configuration file may hold: its environment variable (RIAYA_…) and the check
// of its value, the same the command line applies to the option.
struct ConfigKey {
  std::string name;
  CLI::Validator check;
};

// Reads the configuration file `path`: lines KEY=value (spaces around either allowed, the value
// may be in double quotes), blank lines and lines starting with # skipped. Each setting becomes
// its environment variable unless the environment already has it, so a flag beats the
// environment, which beats the file. Throws std::runtime_error naming the file and the line
// ("riaya.conf:12: unknown setting RIAYA_WOKRERS") for a line that is not KEY=value, a key not
// in `keys`, a key given twice or a value its check refuses; sets nothing then.
void load_config(const std::string& path, const std::vector<ConfigKey>& keys);

// The configuration file named on the command line (--config FILE or --config=FILE, before or
// after the verb) or by RIAYA_CONFIG; "" when none.
std::string config_path(int argc, char** argv);

}  // namespace riaya::app
