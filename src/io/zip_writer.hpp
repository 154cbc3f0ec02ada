#pragma once

#include "io/byte_sink.hpp"

#include <zlib.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace riaya::io {

// A .zip archive written front to back into a sink, never held whole: each entry is deflated
// as its bytes come and followed by a data descriptor (its CRC and sizes), and the central
// directory comes last. Entries and the archive stay under 4 GiB (no Zip64): beyond that, and
// when zlib fails, it throws std::runtime_error. Not thread-safe.
class ZipWriter {
 public:
  explicit ZipWriter(ByteSink sink);
  ~ZipWriter();
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;

  // Ends the entry being written, if any, and starts the next one, named `name` (UTF-8).
  void begin(std::string_view name);
  void write(std::string_view bytes);
  // Ends the entry being written, if any, then writes the central directory. Call it once.
  void finish();

 private:
  struct Entry {
    std::string name;
    std::uint32_t crc = 0;
    std::uint64_t compressed = 0;
    std::uint64_t size = 0;
    std::uint64_t offset = 0;
  };

  void end_entry();
  void deflate_into_sink(int flush);
  void emit(std::string_view bytes);

  ByteSink sink_;
  z_stream stream_{};
  bool open_ = false;  // an entry is being written
  std::vector<Entry> entries_;
  std::uint64_t written_ = 0;  // bytes sent to the sink
  std::string output_;         // deflate's output buffer
};

}  // namespace riaya::io
