#pragma once
/// Opening an archive: creating it, migrating it, refusing ones from a newer yanbao.
#include <memory>
#include <string>

#include <SQLiteCpp/Database.h>

namespace yanbao {

/// The schema version this build writes (the number of the last migrations/NNNN_*.sql).
int latest_schema_version();

/// Opens (creating when absent) an archive for writing, applies pending migrations, each in
/// its own transaction, sets WAL mode, foreign keys and a busy timeout, and indexes the
/// reports other programs changed (store/search_index.h).
/// Throws FatalError for an archive written by a newer yanbao, naming both versions, for a
/// folder, and for a database that is not a yanbao archive (which it leaves byte for byte
/// as it was). An archive restored from `sqlite3 .dump` (user_version 0, yanbao_meta
/// present) gets its version back.
std::unique_ptr<SQLite::Database> open_archive_for_write(const std::string& path);

/// Opens an existing archive for reading (read-write with query_only where the folder is
/// writable, so no -wal/-shm file stays behind; else read-only). Never creates the archive.
/// Throws FatalError "no archive at PATH (run yanbao ingest DIR first)" when it is missing,
/// for a folder, for a database that is not a yanbao archive and for one from a newer
/// yanbao. An older archive is readable if its version is at least 1; queries that need
/// newer tables say so. A restored dump gets its version back (or the command that does).
std::unique_ptr<SQLite::Database> open_archive_readonly(const std::string& path);

/// Sets a connection's page cache to `kib` KiB while it lives, then back to what it was.
class ScopedCacheSize {
 public:
  ScopedCacheSize(SQLite::Database& db, int kib);
  ~ScopedCacheSize();
  ScopedCacheSize(const ScopedCacheSize&) = delete;
  ScopedCacheSize& operator=(const ScopedCacheSize&) = delete;

 private:
  SQLite::Database& db_;
  int was_;
};

/// For a command about to search: indexes the reports other programs changed since yanbao
/// last indexed them (reports_fts_pending), on this connection from open_archive_readonly.
/// Returns "" when the index is up to date, else a warning for stderr saying why it could
/// not be (a read-only archive, an older schema).
std::string catch_up_search_index(SQLite::Database& db);

}  // namespace yanbao
