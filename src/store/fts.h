#pragma once
/// The CJK-aware FTS5 tokenizer ("yanbao_cjk") behind reports_fts.
struct sqlite3;

namespace yanbao {

/// Registers the "yanbao_cjk" FTS5 tokenizer on a connection. Must run on every connection
/// before it reads or writes reports_fts (open_archive_* do this).
void register_fts_tokenizer(sqlite3* db);

}  // namespace yanbao
