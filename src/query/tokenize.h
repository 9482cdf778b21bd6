#pragma once
/// The tokenizers' rules, shared by FTS5 (store/fts.cpp) and the search command (query
/// text, snippet terms). See schema/search.md.
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

/// The FTS5 query for user text: each whitespace-separated term double-quoted (" doubled),
/// joined by spaces (AND); a term whose last token is a lone Han character gets a prefix
/// star ("A股"*), see above. Returns "" when no term has a token.
std::string quote_fts_query(std::string_view text);

/// Words to mark in snippets: the runs of Han characters and of letters/digits in `text`,
/// skipping FTS5 operators (AND OR NOT NEAR) and syntax characters.
std::vector<std::string> snippet_terms(std::string_view text);

/// A window of `text` around the first occurrence of any term (ASCII case-insensitive),
/// about `width` characters, each occurrence wrapped in >> <<, line breaks shown as spaces,
/// … where text was cut. When no term occurs, the start of the text.
std::string make_snippet(std::string_view text, const std::vector<std::string>& terms, int width);

}  // namespace yanbao
