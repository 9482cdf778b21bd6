#pragma once
// Whether reports_fts holds exactly what yanbao's segmentation of reports gives (FTS5's own
// 'integrity-check' with rank 1 compares the index with unsegmented text, so cannot tell).
#include <sqlite3.h>

#include <initializer_list>
#include <string>

#include <SQLiteCpp/Database.h>

namespace yanbao::test {

/// True when every (term, report, column, offset) of reports_fts is that of a fresh index
/// of the segmented title and body of every report, and the reverse. Needs yanbao's
/// functions on the connection (open_archive_*).
inline bool index_matches_content(SQLite::Database& db) {
  db.exec("INSERT INTO reports_fts (reports_fts) VALUES ('integrity-check')");  // the structure
  db.exec("DROP TABLE IF EXISTS temp.fts_ref; DROP TABLE IF EXISTS temp.fts_ref_i; DROP TABLE IF EXISTS temp.fts_i;"
          "CREATE VIRTUAL TABLE temp.fts_ref USING fts5(title, body, content='', tokenize='ascii');"
          "INSERT INTO temp.fts_ref (rowid, title, body) SELECT id, yanbao_segment(title), yanbao_segment(body) FROM reports;"
          "CREATE VIRTUAL TABLE temp.fts_ref_i USING fts5vocab(temp, fts_ref, instance);"
          "CREATE VIRTUAL TABLE temp.fts_i USING fts5vocab(main, reports_fts, instance);");
  const int differ = db.execAndGet("SELECT (SELECT count(*) FROM (SELECT * FROM temp.fts_i EXCEPT SELECT * FROM temp.fts_ref_i))"
                                   " + (SELECT count(*) FROM (SELECT * FROM temp.fts_ref_i EXCEPT SELECT * FROM temp.fts_i))")
                         .getInt();
  const int docs = db.execAndGet("SELECT count(*) FROM reports_fts_docsize").getInt();
  const int reports = db.execAndGet("SELECT count(*) FROM reports").getInt();
  db.exec("DROP TABLE temp.fts_i; DROP TABLE temp.fts_ref_i; DROP TABLE temp.fts_ref;");
  return differ == 0 && docs == reports;
}

/// Runs `statements` on a connection with no yanbao code, as the sqlite3 shell would.
inline void edit_as_another_tool(const std::string& db_path, std::initializer_list<const char*> statements) {
  SQLite::Database plain(db_path, SQLite::OPEN_READWRITE);
  for (const char* sql : statements) plain.exec(sql);
}

}  // namespace yanbao::test
