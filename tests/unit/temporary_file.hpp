#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

namespace riaya::test_support {

// A new, empty file of its own in the system's temporary folder (mkstemp), removed when the
// object goes out of scope: where libxlsxwriter and libzip write the workbooks and archives
// the readers are tested on. Throws std::runtime_error when the file cannot be created or read.
class TemporaryFile {
 public:
  TemporaryFile() {
    auto pattern = (std::filesystem::temp_directory_path() / "riaya-test-XXXXXX").string();
    const int fd = mkstemp(pattern.data());
    if (fd < 0) throw std::runtime_error("cannot create a temporary file");
    close(fd);
    path_ = std::move(pattern);
  }
  ~TemporaryFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;

  const std::string& path() const { return path_; }
  // The file's bytes as they are now.
  std::string read() const {
    std::ifstream in(path_, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) throw std::runtime_error("cannot read " + path_);
    return bytes;
  }

 private:
  std::string path_;
};

}  // namespace riaya::test_support
