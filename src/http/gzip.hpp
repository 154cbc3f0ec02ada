#pragma once

#include <string>
#include <string_view>

namespace riaya::http {

// `data` compressed in the gzip format (RFC 1952). Throws std::runtime_error only when zlib
// runs out of memory.
std::string gzip(std::string_view data);

}  // namespace riaya::http
