#include "extract/codes.h"

#include <array>
#include <cctype>

namespace yanbao {
namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::string upper_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

}  // namespace

std::string exchange_for_code(std::string_view c) {
  if (c.size() != 6 || !all_digits(c)) return {};
  if (starts_with(c, "92")) return "BJ";
  if (starts_with(c, "60") || starts_with(c, "68") || starts_with(c, "90")) return "SH";
  if (starts_with(c, "00") || starts_with(c, "30") || starts_with(c, "20")) return "SZ";
  if (starts_with(c, "4") || starts_with(c, "8")) return "BJ";
  return {};
}

std::string to_halfwidth(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    auto b0 = static_cast<unsigned char>(text[i]);
    if (b0 == 0xE3 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
        static_cast<unsigned char>(text[i + 2]) == 0x80) {  // U+3000 ideographic space
      out += ' ';
      i += 3;
      continue;
    }
    if (b0 == 0xEF && i + 2 < text.size()) {  // U+FF01..U+FF5E
      unsigned cp = ((b0 & 0x0Fu) << 12) | ((static_cast<unsigned char>(text[i + 1]) & 0x3Fu) << 6) |
                    (static_cast<unsigned char>(text[i + 2]) & 0x3Fu);
      if (cp >= 0xFF01 && cp <= 0xFF5E) {
        out += static_cast<char>(cp - 0xFF01 + 0x21);
        i += 3;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

std::optional<std::string> normalize_code(std::string_view text) {
  // A code needs a digit, ASCII or full-width (U+FF10.., led by 0xEF): most candidates
  // are names and prose, rejected here without building any string.
  bool digit_or_wide = false;
  for (char c : text)
    if ((c >= '0' && c <= '9') || static_cast<unsigned char>(c) == 0xEF) {
      digit_or_wide = true;
      break;
    }
  if (!digit_or_wide) return std::nullopt;
  std::string s;
  for (char c : to_halfwidth(text))
    if (c != ' ' && c != '\t') s += c;
  s = upper_ascii(s);
  // Strip wrappers such as (300223.SZ) or （300223）.
  while (!s.empty() && (s.front() == '(' || s.front() == '[')) s.erase(0, 1);
  while (!s.empty() && (s.back() == ')' || s.back() == ']')) s.pop_back();
  if (s.empty()) return std::nullopt;

  std::string digits, market;
  if (auto dot = s.find('.'); dot != std::string::npos) {
    digits = s.substr(0, dot);
    market = s.substr(dot + 1);
  } else if (s.size() > 2 && std::isalpha(static_cast<unsigned char>(s[0])) &&
             std::isalpha(static_cast<unsigned char>(s[1]))) {
    market = s.substr(0, 2);
    digits = s.substr(2);
  } else {
    digits = s;
  }
  if (!all_digits(digits)) return std::nullopt;
  if (market == "HK") {
    if (digits.size() > 5) return std::nullopt;
    return std::string(5 - digits.size(), '0') + digits + ".HK";
  }
  if (digits.size() != 6) return std::nullopt;
  std::string derived = exchange_for_code(digits);
  if (market.empty()) {
    if (derived.empty()) return std::nullopt;
    return digits + "." + derived;
  }
  if (market == "SS") market = "SH";  // Yahoo-style suffix
  if (market != "SH" && market != "SZ" && market != "BJ") return std::nullopt;
  return digits + "." + market;
}

std::string base_name(std::string_view name) {
  std::string s;
  for (char c : to_halfwidth(name))
    if (c != ' ' && c != '\t') s += c;
  static constexpr std::array<std::string_view, 7> kPrefixes = {"*ST", "ST", "XD", "XR", "DR", "N", "C"};
  static constexpr std::array<std::string_view, 8> kSuffixes = {"-UW", "-WD", "-SW", "-W", "-U", "-S", "-B", "-R"};
  for (auto p : kPrefixes) {
    // Only strip when something non-ASCII follows: "CATL" or "NIO" are names, not prefixes.
    if (starts_with(s, p) && s.size() > p.size() && static_cast<unsigned char>(s[p.size()]) >= 0x80) {
      s.erase(0, p.size());
      break;
    }
  }
  std::string up = upper_ascii(s);
  for (auto suf : kSuffixes) {
    if (up.size() > suf.size() && up.compare(up.size() - suf.size(), suf.size(), suf) == 0) {
      s.erase(s.size() - suf.size());
      break;
    }
  }
  return s;
}

}  // namespace yanbao
