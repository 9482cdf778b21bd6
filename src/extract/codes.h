#pragma once
/// Stock codes and name matching. Pure functions.
#include <optional>
#include <string>
#include <string_view>

namespace yanbao {

/// Exchange of a 6-digit A-share code: "SH", "SZ", "BJ", or empty when the prefix is unknown.
/// 92 is checked before 9; 60/68/689/90 → SH; 00/001/002/003/30/301/20 → SZ; 92/4/8 → BJ.
std::string exchange_for_code(std::string_view six_digits);

/// Canonical code ("300223.SZ", "00700.HK") from the forms reports and users write:
/// 300223.SZ, 300223, SZ300223, sz300223, 300223.sz, 0700.HK, 700.hk, HK0700, 920982.
/// Full-width digits and letters are accepted. Returns nullopt when it is not a code.
std::optional<std::string> normalize_code(std::string_view text);

/// Full-width ASCII (！-～, U+3000) → half-width; other text unchanged.
std::string to_halfwidth(std::string_view text);

/// The matching key of a security name: half-width, spaces dropped, prefixes ST, *ST, N, C,
/// XD, XR, DR stripped and suffixes -W, -U, -UW, -WD, -SW, -S, -B, -R stripped.
/// 经纬恒润-W → 经纬恒润; *ST 金科 → 金科; 小鹏汽车-W → 小鹏汽车.
std::string base_name(std::string_view name);

}  // namespace yanbao
