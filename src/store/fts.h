#pragma once
/// yanbao's search functions on a connection: yanbao_segment() (the text reports_fts indexes)
/// and yanbao_snippet() (search's snippets), and the old FTS5 tokenizers ("yanbao_bigram",
/// "yanbao_cjk") that only migrations of archives before version 16 need. Nothing in the
/// schema (views, triggers, tables) uses any of them: see schema/search.md.
struct sqlite3;

namespace yanbao {

/// Registers yanbao_segment(text), yanbao_snippet(text, terms, width) and the old tokenizers
/// on a connection (open_archive_* do this).
void register_fts_tokenizer(sqlite3* db);

}  // namespace yanbao
