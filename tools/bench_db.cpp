// bench_db: archive-side helpers for tools/bench, linked against yanbao_core.
//
//   bench_db floor SRC.db DST.db [--batch N]
//   bench_db forget-codes DB CODE...
//
// floor: the floor of a cold ingest (issue 16): the rows and the full-text text of a
// finished archive SRC, written into a new archive DST by the simplest loop, so that
// tools/bench can say how far yanbao's ingest is from what SQLite needs to store the same
// data. Prints one line: total_s rows_s fulltext_s indexes_s reports
//
// What the floor includes, per batch of N reports (default 4096, the ingest's rows per
// commit) in one transaction:
//   - every table with a report_id column (reports first, by id), copied by one prepared
//     `INSERT INTO main.T (cols) SELECT cols FROM src.T WHERE report_id BETWEEN ? AND ?`
//     per table: files, report_tags, indices, picks, … whatever the schema has today;
//   - the full-text index, filled by the ingest writer's own statements (statements.sql
//     "pend_new_reports", then store/search_index.h), on a connection opened by yanbao
//     (its SQL functions), so it follows the archive's full-text design;
// and once: securities and security_aliases. As the ingest's bulk load does, the query-only
// indexes are dropped first and built after the last batch (timed apart).
// What it leaves out: reading, hashing and parsing the files, the summaries, learning codes,
// and every trigger (the connection has triggers off, like the ingest writer's).
// DST is created by yanbao's migrations (open_archive_for_write): the same schema.
//
// forget-codes: makes DB an archive that knows these stocks by name only, as if its reports
// had printed them without a code (for the slow path of learning codes, issue 16): their
// picks, movers and events lose the code, and their security_aliases and securities rows go.
// With the archive's triggers on (they mark the keys that move), then a refresh of the query
// summaries, so the archive is settled as after an ingest. Prints, per code, the picks it
// left without a code.
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "store/archive.h"
#include "store/bulk.h"
#include "store/search_index.h"
#include "store/statements.h"
#include "store/summaries.h"

using namespace yanbao;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

/// Tables derived from others, or a run's bookkeeping: never part of the floor.
bool derived(const std::string& name) {
  for (const char* prefix : {"top_pick", "index_day", "query_summary", "reports_fts", "sqlite_"})
    if (name.rfind(prefix, 0) == 0) return true;
  return name == "deferred_indexes" || name == "ingest_runs" || name == "ingest_errors";
}

std::vector<std::string> columns(SQLite::Database& db, const std::string& schema, const std::string& table) {
  std::vector<std::string> out;
  SQLite::Statement st(db, "SELECT name FROM pragma_table_info(?1, ?2)");
  st.bind(1, table);
  st.bind(2, schema);
  while (st.executeStep()) out.push_back(st.getColumn(0).getString());
  return out;
}

std::string joined(const std::vector<std::string>& cols) {
  std::string s;
  for (const auto& c : cols) s += (s.empty() ? "\"" : ", \"") + c + "\"";
  return s;
}

int usage() {
  std::fprintf(stderr, "usage: bench_db floor SRC.db DST.db [--batch N]\n       bench_db forget-codes DB CODE...\n");
  return 2;
}

int forget_codes(const std::string& path, const std::vector<std::string>& codes) {
  auto db = open_archive_for_write(path);
  std::vector<int64_t> left;
  {
    SQLite::Transaction tx(*db, SQLite::TransactionBehavior::IMMEDIATE);
    for (const auto& code : codes) {
      int64_t n = 0;
      for (const char* sql : {"UPDATE picks SET code = NULL, code_source = NULL WHERE code = ?1",
                              "UPDATE movers SET code = NULL WHERE code = ?1", "UPDATE events SET code = NULL WHERE code = ?1",
                              "DELETE FROM security_aliases WHERE code = ?1", "DELETE FROM securities WHERE code = ?1"}) {
        SQLite::Statement st(*db, sql);
        st.bind(1, code);
        const int changed = st.exec();
        if (n == 0) n = changed;  // the picks
      }
      left.push_back(n);
    }
    tx.commit();
  }
  refresh_query_summaries(*db);
  for (size_t i = 0; i < codes.size(); ++i) std::printf("%s\t%lld\n", codes[i].c_str(), static_cast<long long>(left[i]));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  const std::string cmd = argv[1];
  std::vector<std::string> pos;
  long batch = 4096;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (cmd == "floor" && a == "--batch" && i + 1 < argc) batch = std::strtol(argv[++i], nullptr, 10);
    else pos.push_back(a);
  }
  if (cmd == "forget-codes") {
    if (pos.size() < 2) return usage();
    try {
      return forget_codes(pos[0], std::vector<std::string>(pos.begin() + 1, pos.end()));
    } catch (const std::exception& e) {
      std::fprintf(stderr, "bench_db: %s\n", e.what());
      return 1;
    }
  }
  if (cmd != "floor" || pos.size() != 2 || batch <= 0) return usage();
  const std::string src = pos[0], dst = pos[1];
  if (!std::filesystem::exists(src)) {
    std::fprintf(stderr, "bench_db: no archive at %s\n", src.c_str());
    return 2;
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(dst + suffix);
  try {
    auto db = open_archive_for_write(dst);  // yanbao's migrations, tokenizers, WAL, foreign keys
    sqlite3_db_config(db->getHandle(), SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, nullptr);
    {
      SQLite::Statement attach(*db, "ATTACH DATABASE ?1 AS src");
      attach.bind(1, src);
      attach.exec();
    }
    const auto t0 = std::chrono::steady_clock::now();
    {
      SQLite::Transaction tx(*db, SQLite::TransactionBehavior::IMMEDIATE);
      defer_query_indexes(*db);
      tx.commit();
    }

    // Tables with a report_id column, in the order the schema created them (parents first).
    std::vector<std::string> tables = {"reports"};
    {
      SQLite::Statement st(*db, "SELECT t.name FROM src.sqlite_schema t WHERE t.type = 'table' AND t.name <> 'reports' "
                                "AND EXISTS (SELECT 1 FROM pragma_table_info(t.name, 'src') WHERE name = 'report_id') "
                                "ORDER BY t.rowid");
      while (st.executeStep())
        if (!derived(st.getColumn(0).getString())) tables.push_back(st.getColumn(0).getString());
    }
    std::vector<SQLite::Statement> copies;
    for (const auto& t : tables) {
      const std::string cols = joined(columns(*db, "main", t));
      const char* by = t == "reports" ? "id" : "report_id";
      copies.emplace_back(*db, "INSERT INTO main.\"" + t + "\" (" + cols + ") SELECT " + cols + " FROM src.\"" + t +
                                   "\" WHERE " + by + " BETWEEN ?1 AND ?2");
    }
    // The writer's way (ReportWriter::index_new_reports): list the batch's reports as
    // pending, then index the pending ones in a few statements.
    SQLite::Statement pend(*db, std::string(sql_statement("pend_new_reports")));
    SearchIndexUpdater fts(*db);

    std::vector<int64_t> ids;
    {
      SQLite::Statement st(*db, "SELECT id FROM src.reports ORDER BY id");
      while (st.executeStep()) ids.push_back(st.getColumn(0).getInt64());
    }
    double fts_s = 0;
    for (size_t begin = 0; begin < ids.size(); begin += static_cast<size_t>(batch)) {
      const size_t end = std::min(ids.size(), begin + static_cast<size_t>(batch));
      SQLite::Transaction tx(*db, SQLite::TransactionBehavior::IMMEDIATE);
      if (begin == 0) {
        for (const char* t : {"securities", "security_aliases"}) {
          const std::string cols = joined(columns(*db, "main", t));
          db->exec(std::string("INSERT INTO main.") + t + " (" + cols + ") SELECT " + cols + " FROM src." + t);
        }
      }
      for (auto& st : copies) {
        st.bind(1, ids[begin]);
        st.bind(2, ids[end - 1]);
        st.exec();
        st.reset();
      }
      const auto f0 = std::chrono::steady_clock::now();
      pend.bind(":first_id", ids[begin]);
      pend.exec();
      pend.reset();
      fts.run();
      fts_s += seconds_since(f0);
      tx.commit();
    }
    // Files without a report (rejected): the ingest writes them too.
    {
      SQLite::Transaction tx(*db, SQLite::TransactionBehavior::IMMEDIATE);
      const std::string cols = joined(columns(*db, "main", "files"));
      db->exec("INSERT INTO main.files (" + cols + ") SELECT " + cols + " FROM src.files WHERE report_id IS NULL");
      tx.commit();
    }
    const double rows_s = seconds_since(t0) - fts_s;
    const auto i0 = std::chrono::steady_clock::now();
    build_deferred_indexes(*db);
    const double index_s = seconds_since(i0);
    std::printf("%.3f %.3f %.3f %.3f %zu\n", seconds_since(t0), rows_s, fts_s, index_s, ids.size());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_db: %s\n", e.what());
    return 1;
  }
  return 0;
}
