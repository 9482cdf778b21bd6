#include "util/tokenize.h"

#include <sqlite3.h>
#include <utf8proc.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "util/utf8.h"

namespace yanbao {
namespace {

constexpr int kColocated = 0x0001;  // FTS5_TOKEN_COLOCATED
constexpr size_t kMaxWordBytes = 64;  // longer words are indexed (and searched) by their first 64 bytes

bool is_han(utf8proc_int32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x3134F) || (c >= 0x3041 && c <= 0x30FA) || (c >= 0x30FC && c <= 0x30FF) ||
         (c >= 0xAC00 && c <= 0xD7AF) || c == 0x3007;
}

/// The lowercased ASCII/Unicode form of a word character, or -1 when `c` is not one.
utf8proc_int32_t word_char(utf8proc_int32_t c) {
  if (c < 0x80) {
    if (c >= 'A' && c <= 'Z') return c + 32;
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return c;
    return -1;
  }
  if (c >= 0xFF10 && c <= 0xFF19) return c - 0xFF10 + '0';
  if (c >= 0xFF21 && c <= 0xFF3A) return c - 0xFF21 + 'a';
  if (c >= 0xFF41 && c <= 0xFF5A) return c - 0xFF41 + 'a';
  switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_MN:  // combining marks stay inside their word
      return utf8proc_tolower(c);
    default:
      return -1;
  }
}

void append_utf8(std::string& out, utf8proc_int32_t c) {
  utf8proc_uint8_t buf[4];
  auto n = utf8proc_encode_char(c, buf);
  out.append(reinterpret_cast<const char*>(buf), static_cast<size_t>(n));
}

bool is_space_at(std::string_view s, size_t i, size_t* len) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
    *len = 1;
    return true;
  }
  if (s.substr(i, 3) == "\xE3\x80\x80") {  // U+3000
    *len = 3;
    return true;
  }
  return false;
}

std::vector<std::string> split_terms(std::string_view text) {
  std::vector<std::string> terms;
  std::string cur;
  for (size_t i = 0; i < text.size();) {
    size_t len;
    if (is_space_at(text, i, &len)) {
      if (!cur.empty()) terms.push_back(std::move(cur));
      cur.clear();
      i += len;
    } else {
      cur += text[i++];
    }
  }
  if (!cur.empty()) terms.push_back(std::move(cur));
  return terms;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

}  // namespace

int cjk_tokenize(std::string_view text, bool query, void* ctx, TokenSink sink, TokenRules rules) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  const int n = static_cast<int>(text.size());
  const bool colocated = rules == TokenRules::kColocatedUnigrams;
  int i = 0;

  std::string word;
  int word_start = -1, word_end = -1;
  int prev_start = -1, prev_end = -1;  // previous Han character of the current run
  int run_len = 0;
  // Bigram rules, query side: the last character of a run is held back until another token
  // follows, because a query's final run must not demand that its word ends a run.
  int held_start = -1, held_end = -1, held_run = 0;
  int rc = 0;

  auto emit_held = [&]() -> int {
    if (held_start < 0) return 0;
    int r = sink(ctx, 0, text.data() + held_start, held_end - held_start, held_start, held_end);
    held_start = held_end = -1;
    return r;
  };
  auto flush_word = [&]() -> int {
    if (word_start < 0) return 0;
    if (int r = emit_held()) return r;
    if (word.size() > kMaxWordBytes) {  // base64 blobs and the like: keep a prefix
      size_t cut = kMaxWordBytes;
      while (cut > 0 && (static_cast<unsigned char>(word[cut]) & 0xC0) == 0x80) --cut;
      word.resize(cut);
    }
    int r = sink(ctx, 0, word.data(), static_cast<int>(word.size()), word_start, word_end);
    word.clear();
    word_start = word_end = -1;
    return r;
  };
  auto end_run = [&]() -> int {
    int r = 0;
    if (prev_start >= 0) {
      if (colocated) {
        if (!query || run_len == 1)
          r = sink(ctx, 0, text.data() + prev_start, prev_end - prev_start, prev_start, prev_end);
      } else if (query) {
        held_start = prev_start;
        held_end = prev_end;
        held_run = run_len;
      } else {
        r = sink(ctx, 0, text.data() + prev_start, prev_end - prev_start, prev_start, prev_end);
      }
    }
    prev_start = prev_end = -1;
    run_len = 0;
    return r;
  };

  while (i < n) {
    std::int32_t c;
    const std::ptrdiff_t len = utf8::decode_char(p + i, n - i, c);
    if (len == 0) {  // invalid byte: a separator
      if ((rc = flush_word()) || (rc = end_run())) return rc;
      ++i;
      continue;
    }
    const int s = i, e = i + static_cast<int>(len);
    if (is_han(c)) {
      if ((rc = flush_word())) return rc;
      if (prev_start < 0 && (rc = emit_held())) return rc;  // a new run follows the held one
      if (prev_start >= 0) {
        // bigram prev+c at prev's position (spanning both), then (v1 documents) prev colocated
        rc = sink(ctx, 0, text.data() + prev_start, e - prev_start, prev_start, e);
        if (!rc && colocated && !query)
          rc = sink(ctx, kColocated, text.data() + prev_start, prev_end - prev_start, prev_start, prev_end);
        if (rc) return rc;
      }
      prev_start = s;
      prev_end = e;
      ++run_len;
    } else if (utf8proc_int32_t w = word_char(c); w >= 0) {
      if ((rc = end_run())) return rc;
      if (word_start < 0) word_start = s;
      word_end = e;
      append_utf8(word, w);
    } else {
      if ((rc = flush_word()) || (rc = end_run())) return rc;
    }
    i = e;
  }
  if ((rc = flush_word()) || (rc = end_run())) return rc;
  // The query's final run: a lone character stays (the caller makes it a prefix); after a
  // longer run its bigrams already say everything.
  if (held_start >= 0 && held_run == 1) return emit_held();
  return 0;
}

std::vector<std::string> cjk_tokens(std::string_view text, bool query, TokenRules rules) {
  std::vector<std::string> out;
  cjk_tokenize(
      text, query, &out,
      [](void* ctx, int, const char* t, int n, int, int) {
        static_cast<std::vector<std::string>*>(ctx)->emplace_back(t, static_cast<size_t>(n));
        return 0;
      },
      rules);
  return out;
}

/// True when the last token of `term` (query rules) is a lone Han character: it stands for
/// every bigram it starts, so the FTS5 phrase gets a prefix star.
static bool ends_with_lone_han(std::string_view term) {
  auto toks = cjk_tokens(term, true);
  if (toks.empty()) return false;
  const std::string& last = toks.back();
  utf8proc_int32_t c;
  auto len = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(last.data()),
                              static_cast<utf8proc_ssize_t>(last.size()), &c);
  return len > 0 && static_cast<size_t>(len) == last.size() && is_han(c);
}

std::string segment_text(std::string_view text) {
  std::string out;
  out.reserve(text.size() * 2);
  cjk_tokenize(text, false, &out, [](void* ctx, int, const char* t, int n, int, int) {
    auto& s = *static_cast<std::string*>(ctx);
    if (!s.empty()) s += ' ';
    s.append(t, static_cast<size_t>(n));
    return 0;
  });
  return out;
}

std::string fts_phrase(std::string_view term) {
  std::string out;
  for (const auto& t : cjk_tokens(term, true)) {
    out += out.empty() ? '"' : ' ';
    out += t;  // tokens are letters, digits and Han characters: never a quote
  }
  if (!out.empty()) out += '"';
  return out;
}

std::string quote_fts_query(std::string_view text) {
  std::string out;
  for (const auto& term : split_terms(text)) {
    std::string phrase = fts_phrase(term);
    if (phrase.empty()) continue;
    if (!out.empty()) out += ' ';
    out += phrase;
    if (ends_with_lone_han(term)) out += '*';  // 茅 must also match inside 茅台
  }
  return out;
}

namespace {

/// FTS5's bareword characters: ASCII letters, digits, '_', 0x1A and every non-ASCII byte.
bool fts5_bareword_byte(unsigned char c) {
  return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         c == 0x1A;
}

}  // namespace

std::string segment_fts_query(std::string_view raw) {
  std::string out;
  const size_t n = raw.size();
  int braces = 0;           // inside {col1 col2}: barewords are column names
  int near_depth = -1;      // paren depth of the innermost NEAR( group, -1 outside
  int depth = 0;
  bool after_comma = false;  // NEAR(a b, N): the bareword after the comma is N
  auto next_non_space = [&](size_t i) {
    while (i < n && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\n' || raw[i] == '\r')) ++i;
    return i < n ? raw[i] : '\0';
  };
  // A phrase, or the text as written when it has no token (FTS5 then matches nothing or
  // reports it).
  auto phrase_or = [&](std::string_view inner, std::string_view written) {
    std::string p = fts_phrase(inner);
    out += p.empty() ? std::string(written) : p;
  };
  for (size_t i = 0; i < n;) {
    const char c = raw[i];
    if (c == '"') {
      std::string inner;
      size_t j = i + 1;
      bool closed = false;
      while (j < n) {
        if (raw[j] == '"') {
          if (j + 1 < n && raw[j + 1] == '"') {
            inner += '"';
            j += 2;
            continue;
          }
          closed = true;
          ++j;
          break;
        }
        inner += raw[j++];
      }
      if (!closed) {  // FTS5 reports the unterminated string
        out.append(raw.substr(i));
        break;
      }
      phrase_or(inner, raw.substr(i, j - i));
      after_comma = false;
      i = j;
    } else if (fts5_bareword_byte(static_cast<unsigned char>(c))) {
      size_t j = i;
      while (j < n && fts5_bareword_byte(static_cast<unsigned char>(raw[j]))) ++j;
      std::string_view word = raw.substr(i, j - i);
      const char next = next_non_space(j);
      const bool keyword = word == "AND" || word == "OR" || word == "NOT" || (word == "NEAR" && next == '(');
      if (keyword || braces > 0 || next == ':' || (after_comma && near_depth >= 0)) {
        out.append(word);
        if (word == "NEAR" && next == '(') near_depth = depth;
      } else {
        phrase_or(word, word);
      }
      after_comma = false;
      i = j;
    } else {
      if (c == '{') ++braces;
      if (c == '}' && braces > 0) --braces;
      if (c == '(') ++depth;
      if (c == ')') {
        --depth;
        if (depth <= near_depth) near_depth = -1;
      }
      if (c == ',') after_comma = true;
      else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') after_comma = false;
      out += c;
      ++i;
    }
  }
  return out;
}

std::vector<std::string> snippet_terms(std::string_view text) {
  std::vector<std::string> terms;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  const int n = static_cast<int>(text.size());
  int i = 0, start = -1, kind = 0;  // kind 1 = Han run, 2 = word
  auto flush = [&](int end) {
    if (start < 0) return;
    std::string t(text.substr(static_cast<size_t>(start), static_cast<size_t>(end - start)));
    start = -1;
    if (t == "AND" || t == "OR" || t == "NOT" || t == "NEAR") return;
    if (std::find(terms.begin(), terms.end(), t) == terms.end()) terms.push_back(std::move(t));
  };
  while (i < n) {
    utf8proc_int32_t c;
    utf8proc_ssize_t len = utf8proc_iterate(p + i, n - i, &c);
    if (len <= 0) {
      flush(i);
      ++i;
      continue;
    }
    int k = is_han(c) ? 1 : (word_char(c) >= 0 ? 2 : 0);
    if (k != kind || k == 0) flush(i);
    if (k != 0 && start < 0) start = i;
    kind = k;
    i += static_cast<int>(len);
  }
  flush(n);
  return terms;
}

std::string make_snippet(std::string_view text, const std::vector<std::string>& terms, int width) {
  const std::string low = ascii_lower(text);
  std::vector<std::string> needles;
  for (const auto& t : terms)
    if (!t.empty()) needles.push_back(ascii_lower(t));
  std::sort(needles.begin(), needles.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });

  size_t hit = std::string::npos;
  for (const auto& nd : needles) hit = std::min(hit, low.find(nd));
  size_t begin = 0;
  if (hit != std::string::npos) {
    // back up about a quarter of the window, on a character boundary
    begin = hit;
    for (int k = 0; k < width / 4 && begin > 0; ++k) {
      --begin;
      while (begin > 0 && (static_cast<unsigned char>(text[begin]) & 0xC0) == 0x80) --begin;
    }
  }
  std::string out;
  if (begin > 0) out += "\xE2\x80\xA6";
  size_t i = begin;
  int chars = 0;
  bool last_space = false;
  while (i < text.size() && chars < width) {
    size_t matched = 0;
    for (const auto& nd : needles)
      if (low.compare(i, nd.size(), nd) == 0) {
        matched = nd.size();
        break;
      }
    if (matched) {
      out += ">>";
      out.append(text.substr(i, matched));
      out += "<<";
      // count characters of the match
      for (size_t k = i; k < i + matched; ++k)
        if ((static_cast<unsigned char>(text[k]) & 0xC0) != 0x80) ++chars;
      i += matched;
      last_space = false;
      continue;
    }
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      if (!last_space && !out.empty()) {
        out += ' ';
        ++chars;
      }
      last_space = true;
      ++i;
      continue;
    }
    last_space = false;
    size_t len = 1;
    if (c >= 0xF0)
      len = 4;
    else if (c >= 0xE0)
      len = 3;
    else if (c >= 0xC0)
      len = 2;
    out.append(text.substr(i, len));
    i += len;
    ++chars;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (i < text.size()) out += "\xE2\x80\xA6";
  return out;
}

}  // namespace yanbao
