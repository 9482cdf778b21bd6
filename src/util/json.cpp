#include "util/json.h"

#include <cmath>
#include <cstdio>

namespace yanbao::json {

namespace {

/// "\u0000" … "\u001f", the escapes of the control characters that have no short one.
struct ControlEscapes {
  char text[0x20][7];
};

constexpr ControlEscapes make_control_escapes() {
  ControlEscapes e{};
  constexpr char kHex[] = "0123456789abcdef";
  for (int c = 0; c < 0x20; ++c) {
    char* t = e.text[c];
    t[0] = '\\', t[1] = 'u', t[2] = '0', t[3] = '0', t[4] = kHex[c >> 4], t[5] = kHex[c & 15], t[6] = '\0';
  }
  return e;
}

constexpr ControlEscapes kControlEscapes = make_control_escapes();

}  // namespace

std::optional<std::string_view> detail::escape_special(char c) {
  switch (c) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    case '\b': return "\\b";
    case '\f': return "\\f";
    default:
      if (const auto b = static_cast<unsigned char>(c); b < 0x20) return std::string_view(kControlEscapes.text[b], 6);
      return std::nullopt;
  }
}

void append_string(std::string& out, std::string_view s) {
  out += '"';
  size_t copied = 0;  // s[copied, i) needs no escape and is not yet appended
  for (size_t i = 0; i < s.size(); ++i) {
    if (const auto e = escape(s[i])) {
      out.append(s, copied, i - copied);
      out += *e;
      copied = i + 1;
    }
  }
  out.append(s, copied);
  out += '"';
}

std::string number_or_null(const std::optional<double>& v) {
  if (!v || !std::isfinite(*v)) return "null";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", *v);
  return buf;
}

}  // namespace yanbao::json
