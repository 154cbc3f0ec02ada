#include "http/gzip.hpp"

#include <zlib.h>

#include <stdexcept>

namespace riaya::http {

std::string gzip(std::string_view data) {
  z_stream stream{};
  constexpr int kGzipWindow = 15 + 16;  // 15-bit window, gzip header and trailer
  if (deflateInit2(&stream, 5, Z_DEFLATED, kGzipWindow, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("zlib cannot start");
  std::string out(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int status = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (status != Z_STREAM_END) throw std::runtime_error("zlib could not compress");
  return out;
}

}  // namespace riaya::http
