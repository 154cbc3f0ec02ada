#pragma once

#include <string>

namespace riaya::io {

// A new, empty file of its own in the system's temporary folder (mkstemp), removed when the
// object goes out of scope. Throws std::runtime_error when the file cannot be created.
class TemporaryFile {
 public:
  TemporaryFile();
  ~TemporaryFile();
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;

  const std::string& path() const { return path_; }
  // The file's bytes as they are now; throws std::runtime_error when it cannot be read.
  std::string read() const;

 private:
  std::string path_;
};

}  // namespace riaya::io
