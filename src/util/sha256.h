#pragma once
/// SHA-256 (FIPS 180-4), for reports.sha256 and duplicate detection.
#include <string>
#include <string_view>

namespace yanbao {

/// Lower-case hex digest of data. Uses the CPU's SHA extensions when it has them.
std::string sha256_hex(std::string_view data);

namespace sha256_detail {
/// For tests: whether the CPU has SHA extensions, and the digest by either path.
bool hardware_available();
std::string hex(std::string_view data, bool hardware);
}  // namespace sha256_detail

}  // namespace yanbao
