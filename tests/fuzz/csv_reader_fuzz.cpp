// libFuzzer target: io::read_csv, and io::read_import_file on text, never crash, leak or read
// out of bounds, whatever the bytes (tests/fuzz/run.sh builds and runs it).
#include "io/csv_reader.hpp"
#include "io/row_source.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (auto sheet = riaya::io::read_csv(bytes)) {
    // Every kept row is as long as its last non-empty field: a row holding nothing is empty.
    for (const auto& row : sheet->rows)
      if (!row.empty() && row.back().empty()) __builtin_trap();
  } else if (riaya::io::describe_file_refusal(sheet.error(), riaya::domain::Language::French).empty()) {
    __builtin_trap();
  }
  (void)riaya::io::read_import_file(bytes, "fuzz.csv");
  return 0;
}
