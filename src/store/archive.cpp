#include "store/archive.h"

#include <sqlite3.h>

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <SQLiteCpp/Transaction.h>

#include "store/fts.h"
#include "store/search_index.h"
#include "util/embedded.h"
#include "util/error.h"

namespace yanbao {
namespace {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

/// migrations/NNNN_*.sql from the embedded files, in version order. The numbers must run
/// 1, 2, 3… without gaps; a gap is a build mistake caught by the tests.
const std::vector<Migration>& migrations() {
  static const std::vector<Migration> list = [] {
    std::vector<Migration> out;
    constexpr std::string_view kDir = "migrations/";
    for (const auto& f : embedded::all_files()) {
      if (f.name.substr(0, kDir.size()) != kDir || f.name.size() < kDir.size() + 5) continue;
      int v = std::stoi(std::string(f.name.substr(kDir.size(), 4)));
      out.push_back({v, f.name, f.data});
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
    return out;
  }();
  return list;
}

int user_version(SQLite::Database& db) { return db.execAndGet("PRAGMA user_version").getInt(); }

/// The version whose migration created yanbao_meta (0016).
constexpr int kFirstMetaVersion = 16;

/// What a database file holds, read before anything is written to it.
struct Identity {
  enum Kind {
    kEmpty,        ///< no tables: a new archive may be built in it
    kArchive,      ///< a yanbao archive of schema version `version`
    kRestored,     ///< yanbao_meta says `version`, PRAGMA user_version says 0: restored from .dump
    kOldRestored,  ///< yanbao's tables, no version anywhere: a .dump of an archive before 0016
    kForeign,      ///< somebody else's database
  } kind;
  int version = 0;
  std::string tables;  ///< kForeign: the first few of its tables, for the message
};

Identity identify(SQLite::Database& db) {
  const int uv = user_version(db);
  // (a version from a newer yanbao is its to judge: refuse_newer names both)
  if (uv > 0 && (db.tableExists("reports") || uv > latest_schema_version())) return {Identity::kArchive, uv, {}};
  if (uv == 0 && db.tableExists("yanbao_meta")) {
    SQLite::Statement st(db, "SELECT value FROM yanbao_meta WHERE key = 'schema_version'");
    int v = 0;
    if (st.executeStep()) v = std::atoi(st.getColumn(0).getText());
    if (v > 0) return {Identity::kRestored, v, {}};
  }
  if (uv == 0 && db.execAndGet("SELECT count(*) FROM sqlite_schema").getInt() == 0) return {Identity::kEmpty, 0, {}};
  if (uv == 0 && db.tableExists("reports") && db.tableExists("files")) return {Identity::kOldRestored, 0, {}};
  std::string names;
  SQLite::Statement st(db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name LIMIT 4");
  for (int i = 0; st.executeStep(); ++i) names += std::string(i ? ", " : "") + (i == 3 ? "…" : st.getColumn(0).getText());
  return {Identity::kForeign, uv, names};
}

[[noreturn]] void refuse_foreign(const Identity& id, const std::string& path) {
  if (id.kind == Identity::kOldRestored)
    throw FatalError(path + " holds yanbao's tables but no schema version (PRAGMA user_version is 0): a copy made with " +
                     "`sqlite3 .dump` of an archive older than schema version " + std::to_string(kFirstMetaVersion) +
                     ", which yanbao cannot place. Ingest the reports into a new archive, or, if you know the version N "
                     "it was dumped at, set it: sqlite3 " + path + " 'PRAGMA user_version = N'");
  throw FatalError(path + " is a SQLite database but not a yanbao archive (tables: " + id.tables +
                   "); yanbao leaves it unchanged. Give --db a new file or a yanbao archive.");
}

/// A folder given as the archive: the same message for every command.
void refuse_folder(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw FatalError("--db " + path + " is a folder; give the archive's file, e.g. --db " +
                     (std::filesystem::path(path) / "yanbao.db").string());
}

void refuse_newer(int found, const std::string& path) {
  if (found > latest_schema_version())
    throw FatalError("archive " + path + " has schema version " + std::to_string(found) +
                     ", written by a newer yanbao; this yanbao (" YANBAO_VERSION ") reads up to version " +
                     std::to_string(latest_schema_version()) + ". Upgrade yanbao to use it.");
}

/// How long a connection waits for another writer: $YANBAO_BUSY_TIMEOUT_MS, else 30 s.
int busy_timeout_ms() {
  if (const char* env = std::getenv("YANBAO_BUSY_TIMEOUT_MS"); env && *env) return std::atoi(env);
  return 30000;
}

/// yanbao_fts_batching() and yanbao_summaries_suspended(): triggers of archives before
/// versions 16 and 17 call them, and those triggers run while such an archive is migrated.
/// Nothing in today's schema does (a test checks it), so they answer "no" always.
void always_false_sql(sqlite3_context* ctx, int, sqlite3_value**) { sqlite3_result_int(ctx, 0); }

void configure(SQLite::Database& db) {
  sqlite3_create_function(db.getHandle(), "yanbao_fts_batching", 0, SQLITE_UTF8, nullptr, always_false_sql, nullptr,
                          nullptr);
  sqlite3_create_function(db.getHandle(), "yanbao_summaries_suspended", 0, SQLITE_UTF8, nullptr, always_false_sql,
                          nullptr, nullptr);
  db.setBusyTimeout(busy_timeout_ms());
  db.exec("PRAGMA foreign_keys = ON");
  register_fts_tokenizer(db.getHandle());
}

/// A file: URI that opens `path` read-only as immutable (no locks, no -shm): for an archive
/// nothing can write, on a read-only filesystem or a full disk. ? # % are escaped.
std::string immutable_uri(const std::string& path) {
  std::string uri = "file:";
  for (char c : std::filesystem::absolute(path).string()) {
    if (c == '?' || c == '#' || c == '%') {
      static constexpr char kHex[] = "0123456789ABCDEF";
      uri += '%';
      uri += kHex[static_cast<unsigned char>(c) >> 4];
      uri += kHex[static_cast<unsigned char>(c) & 15];
    } else {
      uri += c;
    }
  }
  return uri + "?immutable=1";
}

}  // namespace


int latest_schema_version() { return migrations().empty() ? 0 : migrations().back().version; }

namespace {

/// Applies every pending migration, each in its own IMMEDIATE transaction.
void migrate(SQLite::Database& db, const std::string& path) {
  int current = user_version(db);
  refuse_newer(current, path);
  for (const auto& m : migrations()) {
    if (m.version <= current) continue;
    // BEGIN IMMEDIATE: two processes opening an old archive at once must not both migrate it.
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    current = user_version(db);  // re-read under the write lock
    if (m.version <= current) continue;
    db.exec(std::string(m.sql));
    db.exec("PRAGMA user_version = " + std::to_string(m.version));
    if (m.version >= kFirstMetaVersion)  // a copy restored from .dump loses user_version, not this
      db.exec("UPDATE yanbao_meta SET value = '" + std::to_string(m.version) + "' WHERE key = 'schema_version'");
    tx.commit();
    current = m.version;
  }
}

/// Creates a new archive at `path` whole, or leaves an existing one alone. The schema is
/// built in a private file that is then linked into place, so no other process ever opens
/// a half-created archive: two ingests started at once on a new path used to race there,
/// one of them seeing an empty database after the other had switched it to WAL.
void create_archive_if_missing(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(path, ec)) return;
  const std::string tmp = path + ".creating-" + std::to_string(::getpid());
  fs::remove(tmp, ec);
  try {
    {
      SQLite::Database db(tmp, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      configure(db);
      // 16 KiB pages (fixed at creation): a 4 KiB report body fits in its row's page
      // instead of an overflow chain, and an ingest writes about a third less.
      db.exec("PRAGMA page_size = 16384");
      migrate(db, path);
    }  // closed: a rollback-journal database is complete in its one file
    if (::link(tmp.c_str(), path.c_str()) != 0 && errno != EEXIST)
      throw FatalError("cannot create archive " + path + ": " + std::strerror(errno));
    fs::remove(tmp, ec);
  } catch (...) {
    fs::remove(tmp, ec);
    fs::remove(tmp + "-journal", ec);
    throw;
  }
}

}  // namespace

std::unique_ptr<SQLite::Database> open_archive_for_write(const std::string& path) {
  refuse_folder(path);
  create_archive_if_missing(path);
  auto db = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE);
  configure(*db);
  // Nothing is written before this: another program's database stays byte for byte as it was.
  const Identity id = identify(*db);
  if (id.kind == Identity::kForeign || id.kind == Identity::kOldRestored) refuse_foreign(id, path);
  if (id.kind == Identity::kRestored) {
    refuse_newer(id.version, path);
    db->exec("PRAGMA user_version = " + std::to_string(id.version));  // what .dump does not carry
  }
  db->exec("PRAGMA journal_mode = WAL");
  db->exec("PRAGMA synchronous = NORMAL");
  migrate(*db, path);  // an archive from an older yanbao
  if (pending_search_updates(*db) > 0) {  // reports another tool changed, or a migration's rebuild
    SQLite::Transaction tx(*db, SQLite::TransactionBehavior::IMMEDIATE);
    SearchIndexUpdater(*db).run();
    tx.commit();
  }
  // The writer touches every index of every table in each batch: an 8 MiB page cache (the
  // default is 2 MiB) keeps their upper levels in memory. Not more: each page the cache
  // holds is fresh heap the first time, which costs more here than reading a page again
  // from the OS; 32 MiB made an ingest that learns a code (thousands of rows on pages of
  // their own) about 1.4x slower, and a first ingest no faster (BENCHMARKS.md, "Session 9").
  db->exec("PRAGMA cache_size = -8192");
  return db;
}

ScopedCacheSize::ScopedCacheSize(SQLite::Database& db, int kib) : db_(db), was_(db.execAndGet("PRAGMA cache_size").getInt()) {
  db_.exec("PRAGMA cache_size = -" + std::to_string(kib));
}

ScopedCacheSize::~ScopedCacheSize() {
  try {
    db_.exec("PRAGMA cache_size = " + std::to_string(was_));
  } catch (...) {  // a destructor must not throw; the connection is closing anyway then
  }
}

std::unique_ptr<SQLite::Database> open_archive_readonly(const std::string& path) {
  refuse_folder(path);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw FatalError("no archive at " + path + " (run yanbao ingest DIR first)");
  // Where the file and its folder are writable, the connection opens read-write with
  // query_only on: SQLite then removes the -wal and -shm files it made when it closes, as
  // a read-only connection cannot. (yanbao query still runs read-only statements only.)
  const auto folder = std::filesystem::absolute(path).parent_path();
  const bool writable = ::access(path.c_str(), W_OK) == 0 && ::access(folder.c_str(), W_OK) == 0;
  // NOMUTEX: a read-only connection is used by one thread; SQLite's per-call mutex was a
  // tenth of the time of a query printing many rows.
  std::unique_ptr<SQLite::Database> db;
  try {
    db = std::make_unique<SQLite::Database>(
        path, (writable ? SQLite::OPEN_READWRITE : SQLite::OPEN_READONLY) | SQLite::OPEN_NOMUTEX);
    configure(*db);
    if (writable) db->exec("PRAGMA query_only = 1");
    user_version(*db);  // the first read: where a WAL archive needs its -shm file
  } catch (const SQLite::Exception& e) {
    // Reading a WAL archive takes a shared-memory file (-shm) beside it, which a read-only
    // filesystem, a full disk or a folder without write permission does not allow. With no
    // write-ahead log left to read (the last writer checkpointed it away) the archive is
    // read whole from its main file instead, as SQLite's immutable mode does.
    const int code = e.getErrorCode() & 0xff;
    if (code != SQLITE_CANTOPEN && code != SQLITE_READONLY && code != SQLITE_IOERR && code != SQLITE_FULL &&
        code != SQLITE_PERM)
      throw;
    db.reset();
    std::error_code wal_ec;
    const auto wal_size = std::filesystem::file_size(path + "-wal", wal_ec);
    if (!wal_ec && wal_size > 0)
      throw FatalError("cannot read archive " + path + ": SQLite must create " + path + "-shm beside it (" +
                       e.what() + "), and " + path + "-wal holds writes that are not in the archive file yet, " +
                       "which a read without it would miss. Run any yanbao command once where the folder is " +
                       "writable (it folds the log in), or copy the archive with its -wal file to a writable folder.");
    db = std::make_unique<SQLite::Database>(immutable_uri(path),
                                            SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX | SQLite::OPEN_URI);
    configure(*db);
  }
  const Identity id = identify(*db);
  switch (id.kind) {
    case Identity::kArchive:
      refuse_newer(id.version, path);
      return db;
    case Identity::kRestored:
      refuse_newer(id.version, path);
      if (writable) {  // restored from .dump: put back the version it lost, then read
        db.reset();
        {
          SQLite::Database w(path, SQLite::OPEN_READWRITE);
          w.setBusyTimeout(busy_timeout_ms());
          w.exec("PRAGMA user_version = " + std::to_string(id.version));
        }
        return open_archive_readonly(path);
      }
      throw FatalError(path + " is a yanbao archive restored from a dump (schema version " + std::to_string(id.version) +
                       " in yanbao_meta, 0 in its header) in a folder yanbao cannot write. Set the version with: sqlite3 " +
                       path + " 'PRAGMA user_version = " + std::to_string(id.version) + "'");
    case Identity::kEmpty:
      throw FatalError(path + " is not a yanbao archive (an empty database; run yanbao ingest DIR --db " + path + ")");
    default:
      refuse_foreign(id, path);
  }
}

std::string catch_up_search_index(SQLite::Database& db) {
  const int64_t n = pending_search_updates(db);
  if (n == 0) return {};
  const std::string what = std::to_string(n) + " report" + (n == 1 ? " was" : "s were") +
                           " changed by another program since yanbao last indexed them";
  if (user_version(db) != latest_schema_version() || sqlite3_db_readonly(db.getHandle(), "main") == 1)
    return what + "; search may miss or misplace them until a yanbao command that writes (ingest) indexes them";
  try {
    db.exec("PRAGMA query_only = 0");
    {
      SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
      SearchIndexUpdater(db).run();
      tx.commit();
    }
    db.exec("PRAGMA query_only = 1");
    return {};
  } catch (const std::exception& e) {
    db.exec("PRAGMA query_only = 1");
    return what + ", and indexing them failed (" + e.what() + "); search may miss or misplace them";
  }
}

}  // namespace yanbao
