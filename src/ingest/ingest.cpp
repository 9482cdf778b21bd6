#include "ingest/ingest.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <unordered_map>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include "extract/extract.h"
#include "ingest/report.h"
#include "ingest/walk.h"
#include "store/archive.h"
#include "store/bulk.h"
#include "store/securities.h"
#include "store/statements.h"
#include "store/summaries.h"
#include "store/writer.h"
#include "util/error.h"
#include "util/json.h"
#include "util/sha256.h"

namespace yanbao {
namespace {

std::atomic<int> g_signal{0};

extern "C" void on_stop_signal(int sig) { g_signal.store(sig); }

/// Installs SIGINT/SIGTERM handlers for the run and restores the previous ones after.
class StopSignals {
 public:
  StopSignals() {
    g_signal.store(0);
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int_);
    sigaction(SIGTERM, &sa, &old_term_);
  }
  ~StopSignals() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
  }

 private:
  struct sigaction old_int_ {}, old_term_ {};
};

std::string now_utc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

/// What the archive holds for a file, from the row of `files` at the merge cursor.
struct KnownFile {
  int64_t size = 0, mtime_ns = 0;
  std::string_view status;
  bool has_report = false;
  int parser_version = 0;
  std::string_view sha256;
};

/// A file the walk found that has to be read this run.
struct Job {
  const FoundFile* file;
  /// The digest stored for the file when its stored rows are current (a report made by
  /// this parser, or a duplicate of a stored report): equal bytes need no parsing then.
  /// Empty otherwise.
  std::string current_sha256;
};

/// What a worker produces for one file.
struct Parsed {
  std::string sha256;
  bool same_bytes = false;  ///< equal to Job::current_sha256: only the stat changed (touch)
  ParseOutcome outcome;
};

Parsed read_and_parse(const std::string& root, const Job& job, int64_t max_size) {
  const FoundFile& f = *job.file;
  Parsed p;
  if (f.size > max_size) {
    p.outcome.problem = {"file is larger than --max-size (" + std::to_string(f.size) + " > " +
                             std::to_string(max_size) + " bytes)", 0};
    return p;
  }
  // O_NONBLOCK: a FIFO put in the file's place since the walk must not block the run; it
  // is no regular file, so it is rejected right after.
  const int fd = ::open(abs_path(root, f).c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    p.outcome.problem = {std::string("cannot read file: ") + std::strerror(errno), 0};
    return p;
  }
  struct FdCloser {
    int fd;
    ~FdCloser() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    p.outcome.problem = {"not a regular file any more, skipped", 0};
    return p;
  }
  if (st.st_size > max_size) {
    p.outcome.problem = {"file is larger than --max-size (" + std::to_string(st.st_size) + " > " +
                             std::to_string(max_size) + " bytes)", 0};
    return p;
  }
  std::string bytes;
  bytes.resize(static_cast<size_t>(st.st_size));
  size_t got = 0;
  while (got < bytes.size()) {
    const ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      p.outcome.problem = {std::string("cannot read file: ") + std::strerror(errno), 0};
      return p;
    }
    if (n == 0) break;  // shorter than its size said: being written; what is there is parsed
    got += static_cast<size_t>(n);
  }
  bytes.resize(got);
  p.sha256 = sha256_hex(bytes);
  if (!job.current_sha256.empty() && job.current_sha256 == p.sha256) {
    p.same_bytes = true;
    return p;
  }
  try {
    p.outcome = parse_report(bytes, f.rel_path);
  } catch (const std::exception& e) {  // a parser bug must not stop the ingest
    p.outcome = ParseOutcome{};
    p.outcome.problem = {std::string("internal error while parsing: ") + e.what(), 0};
  }
  return p;
}

/// Parses jobs[begin, end) on `threads` workers; each result lands in its own slot, so the
/// writer sees them in walk order whatever the scheduling.
void parse_chunk(const std::string& root, const std::vector<Job>& jobs, size_t begin, size_t end, int threads,
                 int64_t max_size, std::vector<Parsed>& out) {
  out.assign(end - begin, Parsed{});
  std::atomic<size_t> next{begin};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < end;) {
      if (g_signal.load()) return;
      out[i - begin] = read_and_parse(root, jobs[i], max_size);
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
}

/// A thread that is joined when it goes out of scope, so an exception while the main thread
/// writes cannot leave a running parser behind (std::thread would terminate the process).
class JoiningThread {
 public:
  template <class F>
  void start(F&& f) { thread_ = std::thread(std::forward<F>(f)); }
  /// Waits for the thread; false when none was started.
  bool join() {
    if (!thread_.joinable()) return false;
    thread_.join();
    return true;
  }
  ~JoiningThread() { join(); }

 private:
  std::thread thread_;
};

class Progress {
 public:
  Progress(bool enabled, size_t total) : enabled_(enabled && total > 0), total_(total) {}
  void update(size_t done) {
    if (!enabled_) return;
    constexpr int kWidth = 30;
    int filled = static_cast<int>(kWidth * done / total_);
    std::fprintf(stderr, "\r[%.*s%*s] %zu/%zu files", filled, "##############################", kWidth - filled, "",
                 done, total_);
    std::fflush(stderr);
  }
  void finish() {
    if (enabled_) std::fprintf(stderr, "\r\033[K");
  }
  /// A line for the steps after the files (a first ingest spends long enough in them to need one).
  void stage(const std::string& what) {
    if (!enabled_) return;
    std::fprintf(stderr, "\r\033[K%s", what.c_str());
    std::fflush(stderr);
  }

 private:
  bool enabled_;
  size_t total_;
};

/// "path[:line]" for a message line, the path escaped so that it stays one line.
std::string location(const std::string& shown_path, int line) {
  std::string p = printable_path(shown_path);
  return line > 0 ? p + ":" + std::to_string(line) : p;
}

/// True when nothing is at `path` any more (so --prune may forget it). A path that exists
/// but the walk could not take (an unreadable folder, a FIFO, a too-long path) is not gone.
bool gone_from_disk(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0) return false;
  return errno == ENOENT || errno == ENOTDIR;
}

}  // namespace

std::string format_summary(const IngestSummary& s) {
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.2f", s.seconds);
  std::ostringstream os;
  os << s.added << " added, " << s.changed << " changed, " << s.removed << " removed, " << s.unchanged
     << " unchanged, " << s.duplicates << (s.duplicates == 1 ? " duplicate, " : " duplicates, ") << s.rejected
     << " rejected in " << secs << " s";
  return os.str();
}

namespace {

/// run_ingest, counting into `sum` what each commit made permanent.
void ingest_into(const std::string& db_path, const IngestOptions& opt, std::ostream& err, IngestSummary& sum) {
  const auto t0 = std::chrono::steady_clock::now();
  IngestRoots plan = plan_ingest_roots(opt.dirs);
  if (!plan.error.empty()) throw UsageError("cannot ingest " + plan.error);
  std::vector<std::string> roots;
  for (const auto& r : plan.roots) roots.push_back(r.root);

  // The stop handlers go in first: a Ctrl-C while the archive opens (or is created) must
  // still end in a summary, not kill the process mid-step.
  StopSignals signals;
  auto db = open_archive_for_write(db_path);
  ReportWriter writer(*db);
  const int threads = opt.jobs > 0 ? opt.jobs : std::max(1u, std::thread::hardware_concurrency());
  const std::string started = now_utc();

  int64_t run_id = 0;
  {
    std::string roots_json = "[";
    for (size_t i = 0; i < roots.size(); ++i) roots_json += (i ? "," : "") + json::quote(roots[i]);
    roots_json += "]";
    SQLite::Statement st(*db, std::string(sql_statement("start_run")));
    st.bind(":started_at", started);
    st.bind(":roots", roots_json);
    st.exec();
    run_id = db->getLastInsertRowid();
  }

  size_t stored_reports = static_cast<size_t>(
      db->execAndGet(std::string(sql_statement("report_count"))).getInt64());
  bool indexes_deferred = false;

  for (size_t r = 0; r < roots.size() && !g_signal.load(); ++r) {
    const std::string& root = roots[r];
    const std::string& shown_root = plan.roots[r].shown;
    // Files named directly: only they are read, and nothing else of their folder counts
    // as gone.
    const std::vector<std::string>& only = plan.roots[r].only;
    auto named = [&](const std::string& rel) { return std::binary_search(only.begin(), only.end(), rel); };
    auto shown = [&](const std::string& rel) {
      std::string base = shown_root;
      if (!base.empty() && base.back() != '/') base += '/';
      return base + rel;
    };
    WalkResult walk = only.empty() ? walk_reports(root, opt.globs, WalkOptions{opt.follow}) : walk_named_files(root, only);
    for (const auto& w : walk.warnings) err << w << "\n";
    // What the walk could not take is a rejected file (one line, a row in ingest_errors,
    // exit 3). Rows that each run finds again are dropped first: a path that is fine now
    // loses its row, one still bad gets it back, from the walk now or from its read below.
    {
      const std::string now = now_utc();
      SQLite::Transaction tx(*db, SQLite::TransactionBehavior::IMMEDIATE);
      std::set<std::string> skipped;
      for (const auto& sk : walk.skipped) {
        writer.record_skipped(root, sk.rel_path, sk.reason, now);
        err << location(shown(sk.rel_path), 0) << ": " << sk.reason << "\n";
        skipped.insert(sk.rel_path);
        ++sum.rejected;
      }
      for (const auto& path : writer.errors_without_file(root))
        if (!skipped.count(path) && (only.empty() || named(path))) writer.forget_error(root, path);
      tx.commit();
    }

    // What the archive holds for this root, read in path order alongside the walk (sorted
    // the same way, bytewise): a merge, with nothing held per file but the walk itself.
    // Reports an older parser extracted are few: found through an index.
    std::unordered_map<std::string, int> older_parser;
    {
      SQLite::Statement old(*db, std::string(sql_statement("reports_from_older_parsers")));
      old.bind(":root", root);
      old.bind(":parser_version", kParserVersion);
      while (old.executeStep()) older_parser.emplace(old.getColumn(0).getString(), old.getColumn(1).getInt());
    }
    std::vector<Job> jobs;
    size_t new_files = 0;  // jobs for paths the archive has never stored
    std::vector<bool> counted_duplicate(walk.files.size());  // counted as an unchanged duplicate
    std::vector<std::string> vanished;  // stored, but not found by the walk
    {
      SQLite::Statement stored(*db, std::string(sql_statement("files_for_root")));
      stored.bind(":root", root);
      bool have_stored = stored.executeStep();
      for (size_t i = 0; i < walk.files.size(); ++i) {
        const FoundFile& f = walk.files[i];
        while (have_stored && column_text(stored.getColumn(0)) < f.rel_path) {
          if (only.empty()) vanished.emplace_back(column_text(stored.getColumn(0)));
          have_stored = stored.executeStep();
        }
        std::optional<KnownFile> known;
        if (have_stored && column_text(stored.getColumn(0)) == f.rel_path) {
          KnownFile k;
          k.size = stored.getColumn(1).getInt64();
          k.mtime_ns = stored.getColumn(2).getInt64();
          k.status = column_text(stored.getColumn(3));
          k.has_report = !stored.getColumn(4).isNull();
          auto old = older_parser.find(f.rel_path);
          k.parser_version = old == older_parser.end() ? kParserVersion : old->second;
          k.sha256 = column_text(stored.getColumn(5));
          known = k;
        }
        bool unchanged = !opt.force && known && known->size == f.size && known->mtime_ns == f.mtime_ns;
        if (unchanged && known->status == "report" && known->parser_version < kParserVersion)
          unchanged = false;  // stored by an older parser: re-extract
        if (unchanged && known->status == "duplicate" && !known->has_report)
          unchanged = false;  // the report it duplicated is gone or was replaced
        if (!unchanged) {
          Job job{&f, {}};
          if (!opt.force && known && !known->sha256.empty() && known->has_report &&
              ((known->status == "report" && known->parser_version >= kParserVersion) ||
               known->status == "duplicate"))
            job.current_sha256 = known->sha256;
          jobs.push_back(std::move(job));
          if (!known) ++new_files;
        } else if (known->status == "error") {
          ++sum.rejected;
          if (auto e = writer.stored_error(root, f.rel_path))
            err << location(shown(f.rel_path), e->second) << ": " << e->first << " (unchanged)\n";
        } else if (known->status == "duplicate") {
          ++sum.duplicates;
          counted_duplicate[i] = true;
        } else {
          ++sum.unchanged;
        }
        if (known) have_stored = stored.executeStep();
      }
      for (; have_stored && only.empty(); have_stored = stored.executeStep())
        vanished.emplace_back(column_text(stored.getColumn(0)));
    }

    // Only new files make a bulk load: a --force re-read of a full archive, or a new parser
    // version re-extracting it, replaces reports one for one and keeps every query fast.
    if (!indexes_deferred && worth_deferring_indexes(new_files, stored_reports)) {
      // A bulk load: the query-only indexes and the query summaries step aside together, in
      // one transaction, and come back whole at the end (or at the next ingest after a kill).
      SQLite::Transaction tx(*db, SQLite::TransactionBehavior::IMMEDIATE);
      defer_query_indexes(*db);
      suspend_query_summaries(*db);
      tx.commit();
      indexes_deferred = true;
      sum.bulk_load = true;
    }
    stored_reports += new_files;
    if (opt.before_write_lock) opt.before_write_lock();

    Progress progress(opt.progress, jobs.size());
    const size_t chunk = static_cast<size_t>(threads) * 64;
    // One transaction holds several batches: FTS5 writes an index segment per transaction
    // (see index_new_reports), and fewer, larger segments need far less merging later. A
    // kill loses at most the uncommitted files, which the next run reads again.
    constexpr size_t kFilesPerCommit = 4096;
    std::optional<SQLite::Transaction> tx;
    IngestSummary pending;  // counts of the uncommitted files
    size_t pending_files = 0;
    auto commit = [&] {
      if (!tx) return;
      writer.index_new_reports();
      tx->commit();
      tx.reset();
      sum.added += pending.added;
      sum.changed += pending.changed;
      sum.duplicates += pending.duplicates;
      sum.rejected += pending.rejected;
      sum.unchanged += pending.unchanged;
      pending = IngestSummary{};
      pending_files = 0;
    };
    // Writes parsed[0, end - begin) for jobs[begin, end).
    auto write_batch = [&](const std::vector<Job>& jobs, size_t begin, size_t end, std::vector<Parsed>& parsed) {
      const std::string now = now_utc();
      if (!tx) tx.emplace(*db, SQLite::TransactionBehavior::IMMEDIATE);
      for (size_t i = begin; i < end; ++i) {
        const FoundFile& f = *jobs[i].file;
        Parsed& p = parsed[i - begin];
        if (p.sha256.empty() && p.outcome.problem.message.empty()) break;  // interrupted before this file
        FileIdentity id{root, f.rel_path, f.size, f.mtime_ns, p.sha256};
        ++pending_files;
        if (p.same_bytes) {
          writer.update_stat(id);
          ++pending.unchanged;
        } else if (!p.outcome.ok) {
          // A torn or failed read never costs the report of the last good one.
          const bool kept = writer.record_error(id, p.outcome.problem.message, p.outcome.problem.line, now);
          err << location(shown(f.rel_path), p.outcome.problem.line) << ": " << p.outcome.problem.message
              << (kept ? " (the archive keeps its last good version)" : "") << "\n";
          ++pending.rejected;
        } else if (auto original = writer.find_duplicate(id)) {
          writer.mark_duplicate(id, *original);
          ++pending.duplicates;
        } else {
          ++(writer.write_report(id, p.outcome.report, now).replaced ? pending.changed : pending.added);
        }
      }
      if (pending_files >= kFilesPerCommit) commit();
      progress.update(end);
    };
    // Batches of `chunk` files: while one is written (one thread: SQLite has one writer),
    // the next is parsed on the worker threads. Two batches in memory at most.
    // The jobs another ingest has not done meanwhile. Called holding the write lock: what
    // is committed now is what this run's writes would replace. A file whose committed row
    // has its size and mtime and is current (a report of this parser, a duplicate of a
    // stored report, or a rejection) was done by the other ingest: counted, not redone.
    SQLite::Statement committed(*db, std::string(sql_statement("committed_file_state")));
    auto still_to_do = [&](const std::vector<Job>& all) {
      std::vector<Job> out;
      out.reserve(all.size());
      for (const Job& job : all) {
        const FoundFile& f = *job.file;
        committed.bind(":root", root);
        committed.bind(":path", f.rel_path);
        std::string status;
        bool done = false;
        if (committed.executeStep() && committed.getColumn(0).getInt64() == f.size &&
            committed.getColumn(1).getInt64() == f.mtime_ns) {
          status = committed.getColumn(2).getString();
          const bool has_report = !committed.getColumn(3).isNull();
          done = (status == "report" && has_report && committed.getColumn(4).getInt() >= kParserVersion) ||
                 (status == "duplicate" && has_report) || status == "error";
        }
        committed.reset();
        if (!done) {
          out.push_back(job);
        } else if (status == "error") {
          ++pending.rejected;
          if (auto e = writer.stored_error(root, f.rel_path))
            err << location(shown(f.rel_path), e->second) << ": " << e->first << " (unchanged)\n";
        } else {
          ++(status == "duplicate" ? pending.duplicates : pending.unchanged);
        }
      }
      return out;
    };
    auto process = [&](const std::vector<Job>& all) {
      if (all.empty()) return;
      if (!tx) tx.emplace(*db, SQLite::TransactionBehavior::IMMEDIATE);
      const std::vector<Job> jobs = opt.force ? all : still_to_do(all);
      if (jobs.empty()) {
        commit();
        return;
      }
      std::vector<Parsed> current, next;
      size_t begin = 0, end = std::min(jobs.size(), chunk);
      parse_chunk(root, jobs, begin, end, threads, opt.max_size, current);
      for (;;) {
        const size_t next_end = std::min(jobs.size(), end + chunk);
        JoiningThread prefetch;
        if (end < jobs.size() && !g_signal.load())
          prefetch.start([&, end, next_end] { parse_chunk(root, jobs, end, next_end, threads, opt.max_size, next); });
        write_batch(jobs, begin, end, current);
        if (!prefetch.join() || g_signal.load()) break;
        std::swap(current, next);
        begin = end;
        end = next_end;
      }
      commit();  // also after a signal: what was written stays
    };
    process(jobs);
    progress.finish();

    // A duplicate whose original was replaced or removed in this run stands on its own now.
    if (!g_signal.load()) {
      std::set<std::string> orphans;
      SQLite::Statement st(*db, std::string(sql_statement("orphaned_duplicates")));
      st.bind(":root", root);
      while (st.executeStep()) orphans.insert(st.getColumn(0).getString());
      std::vector<Job> again;
      for (size_t i = 0; i < walk.files.size(); ++i) {
        if (!orphans.count(walk.files[i].rel_path)) continue;
        again.push_back({&walk.files[i], {}});
        // It was counted as an unchanged duplicate above; it is counted again when written.
        if (counted_duplicate[i]) --sum.duplicates;
      }
      process(again);
    }

    // Files that vanished from disk: removed with --prune, otherwise only counted.
    if (!g_signal.load()) {
      SQLite::Transaction tx(*db, SQLite::TransactionBehavior::IMMEDIATE);
      for (const auto& path : vanished) {  // in path order
        if (!gone_from_disk(root + "/" + path)) continue;  // there, but not taken: see walk.skipped
        if (opt.prune) {
          writer.forget_file(root, path);
          ++sum.removed;
        } else {
          ++sum.gone;
        }
      }
      tx.commit();
    }
  }

  // Codes learned in this run fill rows printed without one. Before the deferred indexes
  // are built: rows updated now are sorted into them once, not moved within them.
  Progress after_files(opt.progress, 1);  // only its stage lines: there is no count here
  if (!g_signal.load()) {
    after_files.stage("filling learned stock codes…");
    SQLite::Transaction tx(*db, SQLite::TransactionBehavior::IMMEDIATE);
    fill_learned_codes(*db);
    tx.commit();
  }
  // Query indexes a bulk load dropped (now, or in an earlier run that was killed) are built
  // once all rows are in. An interrupted run leaves them to the next ingest.
  // Then the query summaries (schema.md), which read picks and indices by report.
  if (!g_signal.load()) {
    build_deferred_indexes(*db, [&](int done, int total) {
      after_files.stage("building query indexes " + std::to_string(done + 1) + "/" + std::to_string(total) + "…");
    });
    after_files.stage("updating query summaries…");
    refresh_query_summaries(*db);
    after_files.finish();
  } else if (indexes_deferred) {
    err << "interrupted during a bulk load: queries answer, but slower until the next `yanbao ingest` "
           "builds the query indexes again\n";
  }
  sum.signal = g_signal.load();
  sum.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  {
    SQLite::Statement st(*db, std::string(sql_statement("finish_run")));
    st.bind(":finished_at", now_utc());
    st.bind(":added", sum.added);
    st.bind(":changed", sum.changed);
    st.bind(":removed", sum.removed);
    st.bind(":unchanged", sum.unchanged);
    st.bind(":duplicates", sum.duplicates);
    st.bind(":rejected", sum.rejected);
    st.bind(":seconds", sum.seconds);
    st.bind(":id", run_id);
    st.exec();
  }
}

}  // namespace

IngestSummary run_ingest(const std::string& db_path, const IngestOptions& opt, std::ostream& err) {
  IngestSummary sum;
  try {
    ingest_into(db_path, opt, err, sum);
  } catch (const SQLite::Exception& e) {
    // SQLITE_FULL: a write ran out of space. SQLITE_IOERR_WRITE: a write was refused, which
    // is a quota or a file-size limit (EDQUOT, EFBIG) far more often than a failing disk;
    // SQLite keeps no errno to tell them apart once the batch is rolled back.
    const bool no_space = (e.getErrorCode() & 0xff) == SQLITE_FULL || e.getExtendedErrorCode() == SQLITE_IOERR_WRITE;
    if (!no_space) throw;
    // What a user needs: which archive, that what was committed stays, and what to do.
    const int committed = sum.added + sum.changed + sum.removed + sum.unchanged + sum.duplicates + sum.rejected;
    throw FatalError("cannot write the archive " + printable_path(db_path) +
                     ": the disk is full (or a quota or file-size limit was reached). " +
                     std::to_string(committed) +
                     (committed == 1 ? " file of this run was" : " files of this run were") + " committed and stay (" + std::to_string(sum.added) + " added, " +
                     std::to_string(sum.changed) + " changed); the batch in progress was rolled back. "
                     "Free space and rerun to finish.");
  }
  return sum;
}

}  // namespace yanbao
