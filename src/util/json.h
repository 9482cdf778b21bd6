#pragma once
/// Minimal JSON text helpers: raw UTF-8 out, only what JSON requires is escaped.
#include <optional>
#include <string>
#include <string_view>

namespace yanbao::json {

/// Appends s as a JSON string literal (quotes included) to out.
void append_string(std::string& out, std::string_view s);

inline std::string quote(std::string_view s) {
  std::string out;
  append_string(out, s);
  return out;
}

/// A JSON string literal, or null.
inline std::string quote_or_null(const std::optional<std::string>& s) { return s ? quote(*s) : "null"; }

/// A number with up to 6 significant decimals and no trailing zeros, or null.
std::string number_or_null(const std::optional<double>& v);

}  // namespace yanbao::json
