#pragma once
/// Text helpers the printers share: a value's text, UTF-8 repair with per-format escapes,
/// and the buffer rows are gathered in.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "query/output.h"
#include "util/utf8.h"

namespace yanbao::output_text {

/// A missing cell (a row shorter than the header) reads as NULL.
inline const Value kNull;

inline bool is_number(const Value& v) {
  return std::holds_alternative<std::int64_t>(v) || std::holds_alternative<double>(v);
}

inline const Value& cell(const std::vector<Value>& row, size_t c) { return c < row.size() ? row[c] : kNull; }

/// Appends value_text(v).
void append_value_text(std::string& out, const Value& v);

/// A value's text (as value_text()) without copying a string value: `buf` holds the text
/// of a number.
std::string_view value_view(const Value& v, std::string& buf);

/// Appends `raw` as valid UTF-8, invalid bytes as U+FFFD so every printer emits well-formed
/// output, with ASCII bytes escaped as a format needs: `escape(raw, i)` gives the text for
/// the ASCII byte raw[i] ("" drops it), or nullopt to keep it. Escaping touches only ASCII
/// and the repair only the rest, so one pass does both, copying the text between them in
/// whole spans.
template <typename Escape>
void append_escaped(std::string& out, std::string_view raw, Escape escape) {
  const auto* p = reinterpret_cast<const unsigned char*>(raw.data());
  const std::ptrdiff_t n = std::ssize(raw);
  std::ptrdiff_t copied = 0;  // raw[copied, i) stands as it is, not yet appended
  auto replace = [&](std::ptrdiff_t i, std::string_view with) {
    out.append(raw.data() + copied, static_cast<size_t>(i - copied));
    out += with;
    copied = i + 1;
  };
  for (std::ptrdiff_t i = 0; i < n;) {
    if (p[i] < 0x80) {
      if (const std::optional<std::string_view> e = escape(raw, static_cast<size_t>(i))) replace(i, *e);
      ++i;
    } else if (std::int32_t cp; const std::ptrdiff_t len = utf8::decode_char(p + i, n - i, cp)) {
      i += len;
    } else {
      replace(i, utf8::kReplacement);
      ++i;
    }
  }
  out.append(raw.data() + copied, static_cast<size_t>(n - copied));
}

/// Rows are gathered in a buffer and written in large pieces: one ostream call per field
/// made printing tens of thousands of rows cost more than the query.
class OutBuffer {
 public:
  explicit OutBuffer(std::ostream& out) : out_(out) { text.reserve(kFlushAt + 4096); }
  /// Writes the buffer out once it holds enough, and empties it.
  void maybe_flush() {
    if (text.size() >= kFlushAt) flush();
  }
  void flush() {
    out_.write(text.data(), static_cast<std::streamsize>(text.size()));
    text.clear();
  }
  std::string text;

 private:
  static constexpr size_t kFlushAt = 1 << 16;
  std::ostream& out_;
};

}  // namespace yanbao::output_text
