#pragma once
/// How yanbao segments text for full-text search, shared by the index (store/fts.cpp:
/// yanbao_segment()) and the search command (query text, snippet terms). See schema/search.md.
/// Since schema version 16 reports_fts stores the *segmented* text, the tokens below separated
/// by spaces, under FTS5's built-in `ascii` tokenizer, so any SQLite can read and MATCH it;
/// the FTS5 tokenizers built on these rules (yanbao_bigram, yanbao_cjk) remain only so
/// that older archives can be migrated.
///
///  * Han characters (and kana, hangul) form runs. In documents every position of a run
///    carries the bigram starting there; the run's last character carries only itself. So
///    "贵州茅台" is 贵州, 州茅, 茅台, 台 (`yanbao_bigram`, TokenRules::kBigrams).
///    The older `yanbao_cjk` tokenizer (kColocatedUnigrams, schema versions 2–3) also put
///    each character colocated at its bigram's position: 贵州|贵, 州茅|州, 茅台|茅, 台.
///  * In queries a run gives the same tokens as in a document, except that the query's
///    final run drops its last character when it has two or more (茅台 → 茅台; 贵州茅台 →
///    贵州 州茅 茅台; 华为P60 → 华为 为 p60, as in the document). A lone final character
///    stays a unigram, and quote_fts_query() makes it a prefix ("茅"*), which matches 茅
///    wherever it stands. (Colocated rules: a run of n >= 2 gives its n-1 bigrams.)
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

enum class TokenRules {
  kBigrams,           ///< yanbao_bigram (schema version 4 on)
  kColocatedUnigrams  ///< yanbao_cjk (versions 2-3), kept to read and migrate old archives
};

/// Tokenizes `text`; `query` selects the query-side rules. Offsets are byte offsets into
/// `text`; a bigram spans both characters. Returns the first non-zero sink result, else 0.
int cjk_tokenize(std::string_view text, bool query, void* ctx, TokenSink sink,
                 TokenRules rules = TokenRules::kBigrams);

/// Tokens of `text`, for tests and snippets.
std::vector<std::string> cjk_tokens(std::string_view text, bool query, TokenRules rules = TokenRules::kBigrams);

/// `text` as reports_fts indexes it: its document tokens joined by single spaces
/// ("贵州茅台发布P60" → "贵州 州茅 茅台 台 发布 布 p60"). Empty when it has no token.
std::string segment_text(std::string_view text);

/// One FTS5 phrase for `term`: its query tokens joined by spaces, double-quoted ("贵州茅台" →
/// "\"贵州 州茅 茅台\""). Empty when the term has no token.
std::string fts_phrase(std::string_view term);

/// The FTS5 query for user text: the fts_phrase() of each whitespace-separated term, joined
/// by spaces (AND); a term whose last token is a lone Han character gets a prefix star
/// ("a 股"*), see above. Returns "" when no term has a token.
std::string quote_fts_query(std::string_view text);

/// FTS5 query syntax as a user wrote it (search --raw), for the segmented index: every
/// bareword and "string" becomes its fts_phrase(); AND OR NOT, NEAR(… , N), parentheses,
/// column filters (title: or {title body}:), * ^ + pass through. Malformed text stays as
/// written, so FTS5 reports the syntax error.
std::string segment_fts_query(std::string_view raw);

/// Words to mark in snippets: the runs of Han characters and of letters/digits in `text`,
/// skipping FTS5 operators (AND OR NOT NEAR) and syntax characters.
std::vector<std::string> snippet_terms(std::string_view text);

/// A window of `text` around the first occurrence of any term (ASCII case-insensitive),
/// about `width` characters, each occurrence wrapped in >> <<, line breaks shown as spaces,
/// … where text was cut. When no term occurs, the start of the text.
std::string make_snippet(std::string_view text, const std::vector<std::string>& terms, int width);

}  // namespace yanbao
