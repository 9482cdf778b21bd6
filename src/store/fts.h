#pragma once
/// The CJK-aware FTS5 tokenizers behind reports_fts ("yanbao_bigram"; "yanbao_cjk" for old archives).
struct sqlite3;

namespace yanbao {

/// Registers the "yanbao_bigram" and "yanbao_cjk" FTS5 tokenizers on a connection. Must run on every connection
/// before it reads or writes reports_fts (open_archive_* do this).
void register_fts_tokenizer(sqlite3* db);

}  // namespace yanbao
