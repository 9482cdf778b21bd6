#pragma once
/// The "yanbao_cjk" tokenizer's rules, shared by the FTS5 tokenizer (store/fts.cpp) and the
/// search command (snippet terms). See schema/search.md.
///
///  * Han characters (and kana, hangul) form runs. In documents every position of a run
///    carries the bigram starting there, with the single character colocated at the same
///    position (FTS5_TOKEN_COLOCATED); the run's last character carries only itself. So
///    "贵州茅台" is 贵州|贵, 州茅|州, 茅台|茅, 台.
///  * In queries a run of n >= 2 characters becomes its n-1 overlapping bigrams (a phrase:
///    consecutive positions), a single character stays a unigram. 茅台 → 茅台; 贵州茅台 →
///    贵州 州茅 茅台; 茅 → 茅.
///  * Letters and digits (ASCII, full-width folded to ASCII, other scripts) form words,
///    lowercased: DeepSeek → deepseek, 688326.SH → 688326 sh. Words longer than 64 bytes
///    keep their first 64 (on a character boundary), in documents and queries alike.
///  * Everything else separates tokens.
#include <string>
#include <string_view>
#include <vector>

namespace yanbao {

/// Same shape as FTS5's xToken: (ctx, tflags, token, nToken, iStart, iEnd); non-zero stops.
using TokenSink = int (*)(void* ctx, int tflags, const char* token, int n, int start, int end);

/// Tokenizes `text`; `query` selects the query-side rules. Offsets are byte offsets into
/// `text`; a bigram spans both characters. Returns the first non-zero sink result, else 0.
int cjk_tokenize(std::string_view text, bool query, void* ctx, TokenSink sink);

/// Tokens of `text` (query rules), for tests and snippets.
std::vector<std::string> cjk_tokens(std::string_view text, bool query);

/// The FTS5 query for user text: each whitespace-separated term double-quoted (" doubled),
/// joined by spaces (AND). Returns "" when no term has a token.
std::string quote_fts_query(std::string_view text);

/// Words to mark in snippets: the runs of Han characters and of letters/digits in `text`,
/// skipping FTS5 operators (AND OR NOT NEAR) and syntax characters.
std::vector<std::string> snippet_terms(std::string_view text);

/// A window of `text` around the first occurrence of any term (ASCII case-insensitive),
/// about `width` characters, each occurrence wrapped in >> <<, line breaks shown as spaces,
/// … where text was cut. When no term occurs, the start of the text.
std::string make_snippet(std::string_view text, const std::vector<std::string>& terms, int width);

}  // namespace yanbao
