#pragma once
/// SHA-256 (FIPS 180-4), for reports.sha256 and duplicate detection.
#include <string>
#include <string_view>

namespace yanbao {

/// Lower-case hex digest of data.
std::string sha256_hex(std::string_view data);

}  // namespace yanbao
