#include "ingest/decode.h"

#include <iconv.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <cerrno>

namespace yanbao {
namespace {

int line_of(std::string_view bytes, size_t offset) {
  return 1 + static_cast<int>(std::count(bytes.begin(), bytes.begin() + std::min(offset, bytes.size()), '\n'));
}

/// GB18030 → UTF-8 through glibc's iconv. Returns npos on success, else the offset of the
/// first byte iconv could not convert.
size_t gb18030_to_utf8(std::string_view in, std::string& out) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) return 0;
  out.resize(in.size() * 2 + 16);
  char* src = const_cast<char*>(in.data());
  size_t src_left = in.size();
  char* dst = out.data();
  size_t dst_left = out.size();
  size_t bad = std::string_view::npos;
  while (src_left > 0) {
    if (iconv(cd, &src, &src_left, &dst, &dst_left) == static_cast<size_t>(-1)) {
      if (errno == E2BIG) {  // grow and continue
        size_t used = out.size() - dst_left;
        out.resize(out.size() * 2);
        dst = out.data() + used;
        dst_left = out.size() - used;
        continue;
      }
      bad = static_cast<size_t>(src - in.data());
      break;
    }
  }
  out.resize(out.size() - dst_left);
  iconv_close(cd);
  return bad;
}

/// Control bytes other than tab, LF, CR, FF and ESC mark binary content.
bool is_binary_control(unsigned char c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b) || c == 0x7f;
}

/// GBK text almost never forms valid multi-byte UTF-8 sequences, so several of them before
/// the first bad byte mean a damaged UTF-8 file, not a GBK one.
bool looks_like_utf8(std::string_view valid_prefix) {
  size_t multibyte = 0;
  for (unsigned char c : valid_prefix) multibyte += (c & 0xC0) == 0xC0;
  return multibyte >= 8;
}

/// CRLF and lone CR → LF. Most files have no CR at all: then the text is copied whole.
std::string fold_newlines(std::string_view s) {
  size_t cr = s.find('\r');
  if (cr == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size());
  out.append(s.substr(0, cr));
  for (size_t i = cr; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out += '\n';
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

size_t first_invalid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size(), i = 0;
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) {
      // Runs of ASCII (markup, digits, blank lines) are skipped eight bytes at a time.
      ++i;
      while (i + 8 <= n) {
        uint64_t w;
        std::memcpy(&w, p + i, 8);
        if (w & 0x8080808080808080ull) break;
        i += 8;
      }
      continue;
    }
    // The common case in Chinese text, a valid 3-byte sequence (no overlong E0 form, no
    // surrogate from ED), is accepted here; anything else takes the general path below,
    // which reports it.
    if ((c & 0xF0) == 0xE0 && i + 2 < n) {
      unsigned char c1 = p[i + 1], c2 = p[i + 2];
      if ((c1 & 0xC0) == 0x80 && (c2 & 0xC0) == 0x80 && (c != 0xE0 || c1 >= 0xA0) && (c != 0xED || c1 < 0xA0)) {
        i += 3;
        continue;
      }
    }
    size_t len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return i;
    if (i + len > n) return i;
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
      return i;
    i += len;
  }
  return std::string_view::npos;
}

bool decode_text(std::string_view bytes, Decoded& out, FileProblem& problem) {
  if (bytes.empty()) {
    problem = {"empty file", 0};
    return false;
  }
  if (auto nul = bytes.find('\0'); nul != std::string_view::npos) {
    problem = {"binary file (NUL byte at offset " + std::to_string(nul) + ")", 0};
    return false;
  }
  size_t controls = 0;
  static const auto kControl = [] {  // is_binary_control as a table: one load per byte
    std::array<unsigned char, 256> t{};
    for (int c = 0; c < 256; ++c) t[c] = is_binary_control(static_cast<unsigned char>(c));
    return t;
  }();
  for (unsigned char c : bytes) controls += kControl[c];
  if (controls > 0 && controls * 200 >= bytes.size()) {
    problem = {"binary file (" + std::to_string(controls) + " control bytes)", 0};
    return false;
  }
  std::string_view body = bytes;
  out.encoding = "utf-8";
  if (body.substr(0, 3) == "\xEF\xBB\xBF") {
    body.remove_prefix(3);
    out.encoding = "utf-8-bom";
  }
  size_t bad = first_invalid_utf8(body);
  if (bad == std::string_view::npos) {
    out.text = fold_newlines(body);
  } else if (out.encoding == "utf-8-bom" || looks_like_utf8(body.substr(0, bad))) {
    size_t at = bad + (bytes.size() - body.size());
    problem = {"undecodable text: invalid UTF-8 at byte " + std::to_string(at), line_of(bytes, at)};
    return false;
  } else {
    std::string converted;
    size_t gb_bad = gb18030_to_utf8(body, converted);
    if (gb_bad != std::string_view::npos) {
      // Report the UTF-8 position: most broken files are UTF-8 with a few bad bytes.
      problem = {"undecodable text: invalid UTF-8 at byte " + std::to_string(bad) + " and not GB18030 either",
                 line_of(bytes, bad)};
      return false;
    }
    out.text = fold_newlines(converted);
    out.encoding = "gb18030";
  }
  if (out.text.find_first_not_of(" \t\n\f") == std::string::npos) {
    problem = {"empty file (only white space)", 0};
    return false;
  }
  return true;
}

}  // namespace yanbao
