#pragma once
/// Minimal JSON text helpers: raw UTF-8 out, only what JSON requires is escaped.
#include <optional>
#include <string>
#include <string_view>

namespace yanbao::json {

/// Appends s as a JSON string literal (quotes included) to out.
void append_string(std::string& out, std::string_view s);

namespace detail {
std::optional<std::string_view> escape_special(char c);
}

/// How a JSON string literal writes the byte c: its escape (\" \\ \n \u0001 …) for a quote,
/// a backslash or a control character, else nullopt (c stands as it is).
inline std::optional<std::string_view> escape(char c) {
  if (static_cast<unsigned char>(c) >= 0x20 && c != '"' && c != '\\') return std::nullopt;
  return detail::escape_special(c);
}

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
