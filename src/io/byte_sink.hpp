#pragma once

#include <functional>
#include <string_view>

namespace riaya::io {

// Where a file being written goes, piece by piece: a string, a file on disk, or the body of an
// HTTP answer sent as it is written. It may throw to stop the writer (e.g. the client left).
using ByteSink = std::function<void(std::string_view)>;

}  // namespace riaya::io
