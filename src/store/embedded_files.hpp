#pragma once

#include <string_view>
#include <vector>

namespace riaya::store {

// A file of migrations/, data/ or web/src/lib/locales/ compiled into the binary (cmake/embed.cmake).
struct EmbeddedFile {
  std::string_view path;  // relative to the source tree, e.g. "migrations/sqlite/0001_registry.sql"
  std::string_view content;
};

const std::vector<EmbeddedFile>& embedded_files();

// The content of the embedded file at `path`; throws std::out_of_range when there is none.
std::string_view embedded_file(std::string_view path);

}  // namespace riaya::store
