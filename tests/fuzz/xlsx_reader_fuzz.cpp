// libFuzzer target: io::read_xlsx, and io::read_import_file on a workbook, never crash, leak or
// read out of bounds, whatever the bytes (tests/fuzz/run.sh builds and runs it).
#include "io/row_source.hpp"
#include "io/xlsx_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (auto workbook = riaya::io::read_xlsx(bytes)) {
    for (const auto& sheet : workbook->sheets)
      for (const auto& row : sheet.rows)
        if (!row.empty() && row.back().empty()) __builtin_trap();  // rows end at their last value
  } else if (riaya::io::describe_refusal(workbook.error(), riaya::domain::Language::Arabic).empty()) {
    __builtin_trap();
  }
  (void)riaya::io::read_import_file(bytes, "fuzz.xlsx");
  return 0;
}
