#include "io/zip_writer.hpp"

#include <limits>
#include <stdexcept>

namespace riaya::io {
namespace {

constexpr std::uint16_t kVersion = 20;                    // 2.0: deflate
constexpr std::uint16_t kFlags = (1u << 3) | (1u << 11);  // sizes in a data descriptor; UTF-8 names
constexpr std::uint16_t kDeflated = 8;
constexpr std::uint16_t kDosTime = 0;               // 00:00:00
constexpr std::uint16_t kDosDate = (1u << 5) | 1u;  // 1980-01-01: entries carry no real date
constexpr std::size_t kChunk = 64 * 1024;

void put16(std::string& out, std::uint64_t value) {
  out += static_cast<char>(value & 0xFF);
  out += static_cast<char>((value >> 8) & 0xFF);
}

void put32(std::string& out, std::uint64_t value) {
  if (value > std::numeric_limits<std::uint32_t>::max()) throw std::runtime_error("zip: over 4 GiB");
  put16(out, value & 0xFFFF);
  put16(out, value >> 16);
}

}  // namespace

ZipWriter::ZipWriter(ByteSink sink) : sink_(std::move(sink)) {
  // Raw deflate (negative window bits): the zip format carries its own headers. Fastest level:
  // a 1,000,000-row sheet is about 600 MB of XML, which level 6 deflated in about 3.5 s of CPU
  // and level 1 in about a third of that, for an archive about a quarter larger
  // (docs/PERFORMANCE.md, "XLSX: deflate").
  if (deflateInit2(&stream_, Z_BEST_SPEED, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("zip: cannot start deflate");
  output_.resize(kChunk);
}

ZipWriter::~ZipWriter() { deflateEnd(&stream_); }

void ZipWriter::emit(std::string_view bytes) {
  sink_(bytes);
  written_ += bytes.size();
}

void ZipWriter::begin(std::string_view name) {
  end_entry();
  entries_.push_back({.name = std::string(name), .offset = written_});
  std::string header;
  put32(header, 0x04034b50);
  put16(header, kVersion);
  put16(header, kFlags);
  put16(header, kDeflated);
  put16(header, kDosTime);
  put16(header, kDosDate);
  put32(header, 0);  // CRC and sizes: in the data descriptor
  put32(header, 0);
  put32(header, 0);
  put16(header, name.size());
  put16(header, 0);  // no extra field
  header += name;
  emit(header);
  if (deflateReset(&stream_) != Z_OK) throw std::runtime_error("zip: cannot reset deflate");
  open_ = true;
}

void ZipWriter::write(std::string_view bytes) {
  if (!open_) throw std::logic_error("zip: write() before begin()");
  auto& entry = entries_.back();
  entry.crc = static_cast<std::uint32_t>(
      crc32_z(entry.crc, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<z_size_t>(bytes.size())));
  entry.size += bytes.size();
  stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream_.avail_in = static_cast<uInt>(bytes.size());
  deflate_into_sink(Z_NO_FLUSH);
}

void ZipWriter::deflate_into_sink(int flush) {
  auto& entry = entries_.back();
  while (true) {
    stream_.next_out = reinterpret_cast<Bytef*>(output_.data());
    stream_.avail_out = static_cast<uInt>(output_.size());
    const int status = deflate(&stream_, flush);
    if (status == Z_STREAM_ERROR) throw std::runtime_error("zip: deflate failed");
    const auto produced = output_.size() - stream_.avail_out;
    if (produced > 0) {
      emit(std::string_view(output_.data(), produced));
      entry.compressed += produced;
    }
    // Done when deflate has taken all input and, when finishing, has ended the stream.
    if (flush == Z_FINISH ? status == Z_STREAM_END : stream_.avail_in == 0 && stream_.avail_out != 0) break;
  }
}

void ZipWriter::end_entry() {
  if (!open_) return;
  open_ = false;
  stream_.next_in = nullptr;
  stream_.avail_in = 0;
  deflate_into_sink(Z_FINISH);
  const auto& entry = entries_.back();
  std::string descriptor;
  put32(descriptor, 0x08074b50);
  put32(descriptor, entry.crc);
  put32(descriptor, entry.compressed);
  put32(descriptor, entry.size);
  emit(descriptor);
}

void ZipWriter::finish() {
  end_entry();
  const auto start = written_;
  std::string directory;
  for (const auto& entry : entries_) {
    put32(directory, 0x02014b50);
    put16(directory, kVersion);  // made by
    put16(directory, kVersion);  // needed
    put16(directory, kFlags);
    put16(directory, kDeflated);
    put16(directory, kDosTime);
    put16(directory, kDosDate);
    put32(directory, entry.crc);
    put32(directory, entry.compressed);
    put32(directory, entry.size);
    put16(directory, entry.name.size());
    put16(directory, 0);  // extra field
    put16(directory, 0);  // comment
    put16(directory, 0);  // disk
    put16(directory, 0);  // internal attributes
    put32(directory, 0);  // external attributes
    put32(directory, entry.offset);
    directory += entry.name;
  }
  const auto records = directory.size();
  put32(directory, 0x06054b50);
  put16(directory, 0);  // this disk
  put16(directory, 0);  // the directory's disk
  put16(directory, entries_.size());
  put16(directory, entries_.size());
  put32(directory, records);
  put32(directory, start);
  put16(directory, 0);  // comment
  emit(directory);
}

}  // namespace riaya::io
