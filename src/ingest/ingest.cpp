#include "ingest/ingest.h"

#include <algorithm>
#include <chrono>
#include <future>
#include <memory>
#include <cstdio>
#include <optional>
#include <ostream>
#include <set>
#include <sstream>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include "extract/extract.h"
#include "ingest/ingest_parts.h"
#include "ingest/report.h"
#include "ingest/walk.h"
#include "store/archive.h"
#include "store/bulk.h"
#include "store/ingest_state.h"
#include "store/securities.h"
#include "store/statements.h"
#include "store/summaries.h"
#include "store/writer.h"
#include "util/error.h"

namespace yanbao {

using namespace ingest_parts;

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

/// One run of `yanbao ingest`, in named steps: run() opens the archive and logs the run,
/// ingests each root (walk, compare with the archive, read and write what changed, settle
/// orphaned duplicates and vanished files), then finishes the archive (codes learned,
/// deferred indexes, query summaries) and the log. Counts go into `sum` as each commit
/// makes them permanent, so a failure reports what stays.
class IngestRun {
 public:
  IngestRun(const std::string& db_path, const IngestOptions& opt, std::ostream& err, IngestSummary& sum)
      : db_path_(db_path), opt_(opt), err_(err), sum_(sum) {}
  IngestRun(const IngestRun&) = delete;
  IngestRun& operator=(const IngestRun&) = delete;

  void run() {
    const auto t0 = std::chrono::steady_clock::now();
    IngestRoots plan = plan_ingest_roots(opt_.dirs);
    if (!plan.error.empty()) throw UsageError("cannot ingest " + plan.error);
    std::vector<std::string> roots;
    for (const auto& r : plan.roots) roots.push_back(r.root);

    db_ = open_archive_for_write(db_path_);
    writer_.emplace(*db_);
    threads_ = opt_.jobs > 0 ? opt_.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    const int64_t run_id = start_ingest_run(*db_, now_utc(), roots);
    stored_reports_ = static_cast<size_t>(db_->execAndGet(std::string(sql_statement("report_count"))).getInt64());

    for (size_t r = 0; r < plan.roots.size() && !stop_signal(); ++r) ingest_root(plan.roots[r]);
    finish_archive();

    sum_.signal = stop_signal();
    sum_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    finish_ingest_run(*db_, run_id, now_utc(),
                      RunCounts{sum_.added, sum_.changed, sum_.removed, sum_.unchanged, sum_.duplicates,
                                sum_.rejected, sum_.seconds});
  }

 private:
  /// What comparing a root's walk with the archive decided. Lists, not vectors: any of
  /// them may hold every file of a large folder.
  struct RootPlan {
    FileList jobs;                ///< files to read, each with Job::current_sha256 as its extra
    size_t new_files = 0;         ///< of them, paths the archive has never stored
    FileList counted_duplicates;  ///< walked files counted as unchanged duplicates
    FileList vanished;            ///< stored, but not found by the walk (only rel_path set)
  };

  /// The root being ingested: where it is, how it is shown, which files were named.
  struct Root {
    const IngestRoot* plan = nullptr;
    const std::string& path() const { return plan->root; }
    /// Files named directly: only they are read, and nothing else of their folder counts as gone.
    bool named_only() const { return !plan->only.empty(); }
    bool named(const std::string& rel) const { return std::binary_search(plan->only.begin(), plan->only.end(), rel); }
    std::string shown(const std::string& rel) const {
      std::string base = plan->shown;
      if (!base.empty() && base.back() != '/') base += '/';
      return base + rel;
    }
  };

  void ingest_root(const IngestRoot& r) {
    Root root{&r};
    WalkResult walk = root.named_only() ? walk_named_files(root.path(), r.only)
                                        : walk_reports(root.path(), opt_.globs, WalkOptions{opt_.follow});
    for (const auto& w : walk.warnings) err_ << w << "\n";
    record_walk_rejections(root, walk);
    RootPlan plan = compare_with_archive(root, walk);
    maybe_start_bulk_load(plan.new_files);
    stored_reports_ += plan.new_files;
    if (opt_.before_write_lock) opt_.before_write_lock();

    Progress progress(opt_.progress, plan.jobs.size());
    write_jobs(root, plan.jobs, &progress);
    progress.finish();
    if (!stop_signal()) rewrite_orphaned_duplicates(root, walk.files, plan.counted_duplicates);
    if (!stop_signal()) settle_vanished(root, plan.vanished);
  }

  /// What the walk could not take is a rejected file (one line, a row in ingest_errors,
  /// exit 3). Rows that each run finds again are dropped first: a path that is fine now
  /// loses its row, one still bad gets it back, from the walk now or from its read later.
  void record_walk_rejections(const Root& root, const WalkResult& walk) {
    const std::string now = now_utc();
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    std::set<std::string> skipped;
    for (const auto& sk : walk.skipped) {
      writer_->record_skipped(root.path(), sk.rel_path, sk.reason, now);
      err_ << location(root.shown(sk.rel_path), 0) << ": " << sk.reason << "\n";
      skipped.insert(sk.rel_path);
      ++sum_.rejected;
    }
    for (const auto& path : writer_->errors_without_file(root.path()))
      if (!skipped.count(path) && (!root.named_only() || root.named(path))) writer_->forget_error(root.path(), path);
    tx.commit();
  }

  /// What the archive holds for this root, read in path order alongside the walk (sorted
  /// the same way, bytewise): a merge, with nothing held per file. Unchanged files are
  /// counted here; the rest become jobs.
  RootPlan compare_with_archive(const Root& root, WalkResult& walk) {
    RootPlan plan;
    // Reports an older parser extracted: few, found through an index, but every one after
    // a new parser version: merged in path order too.
    OlderParserReports older_parser(*db_, root.path(), kParserVersion);
    StoredFiles stored(*db_, root.path());
    FileList::Reader walked = walk.files.reader();
    for (FoundFile f; walked.next(f);) {
      while (stored.current() && stored.current()->path < f.rel_path) {
        if (!root.named_only()) plan.vanished.push_back({stored.current()->path});
        stored.advance();
      }
      const StoredFile* known = stored.current() && stored.current()->path == f.rel_path ? stored.current() : nullptr;
      int parser_version = kParserVersion;
      if (known)
        if (auto old = older_parser.version_of(f.rel_path)) parser_version = *old;
      bool unchanged = !opt_.force && known && known->size == f.size && known->mtime_ns == f.mtime_ns;
      if (unchanged && known->status == "report" && parser_version < kParserVersion)
        unchanged = false;  // stored by an older parser: re-extract
      if (unchanged && known->status == "duplicate" && !known->has_report)
        unchanged = false;  // the report it duplicated is gone or was replaced
      if (!unchanged) {
        const bool current = !opt_.force && known && !known->sha256.empty() && known->has_report &&
                             ((known->status == "report" && parser_version >= kParserVersion) ||
                              known->status == "duplicate");
        plan.jobs.push_back(f, current ? std::string_view(known->sha256) : std::string_view());
        if (!known) ++plan.new_files;
      } else if (known->status == "error") {
        ++sum_.rejected;
        if (auto e = writer_->stored_error(root.path(), f.rel_path))
          err_ << location(root.shown(f.rel_path), e->second) << ": " << e->first << " (unchanged)\n";
      } else if (known->status == "duplicate") {
        ++sum_.duplicates;
        plan.counted_duplicates.push_back(f);
      } else {
        ++sum_.unchanged;
      }
      if (known) stored.advance();
    }
    for (; stored.current() && !root.named_only(); stored.advance()) plan.vanished.push_back({stored.current()->path});
    return plan;
  }

  /// Only new files make a bulk load: a --force re-read of a full archive, or a new parser
  /// version re-extracting it, replaces reports one for one and keeps every query fast.
  void maybe_start_bulk_load(size_t new_files) {
    if (indexes_deferred_ || !worth_deferring_indexes(new_files, stored_reports_)) return;
    // The query-only indexes and the query summaries step aside together, in one
    // transaction, and come back whole at the end (or at the next ingest after a kill).
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    defer_query_indexes(*db_);
    suspend_query_summaries(*db_);
    tx.commit();
    indexes_deferred_ = true;
    sum_.bulk_load = true;
  }

  /// The files of the batch being committed: their transaction and their counts.
  struct Batch {
    std::optional<SQLite::Transaction> tx;
    IngestSummary pending;  // counts of the uncommitted files
    size_t files = 0;
  };

  /// One transaction holds several chunks: FTS5 writes an index segment per transaction
  /// (see index_new_reports), and fewer, larger segments need far less merging later. A
  /// kill loses at most the uncommitted files, which the next run reads again.
  static constexpr size_t kFilesPerCommit = 4096;
  /// Files parsed ahead of the chunk being written: enough to keep the workers busy through
  /// most of a commit, few enough to bound memory (BENCHMARKS.md, "Session 8: the parse
  /// pipeline"). In chunks, at least one.
  static constexpr size_t kFilesAhead = 2048;

  void begin(Batch& b) {
    if (!b.tx) b.tx.emplace(*db_, SQLite::TransactionBehavior::IMMEDIATE);
  }

  void commit(Batch& b) {
    if (!b.tx) return;
    writer_->index_new_reports();
    b.tx->commit();
    b.tx.reset();
    sum_.added += b.pending.added;
    sum_.changed += b.pending.changed;
    sum_.duplicates += b.pending.duplicates;
    sum_.rejected += b.pending.rejected;
    sum_.unchanged += b.pending.unchanged;
    b.pending = IngestSummary{};
    b.files = 0;
  }

  /// Reads and writes the jobs: chunks of files parsed on the worker threads (a
  /// ChunkPipeline) ahead of the chunk being written (one thread: SQLite has one writer),
  /// up to kFilesAhead files, read from the list as they are needed. Called holding the
  /// write lock from the first chunk on.
  void write_jobs(const Root& root, FileList& all, Progress* progress) {
    if (all.empty()) return;
    Batch b;
    begin(b);
    FileList not_done;
    FileList& jobs = opt_.force ? all : (not_done = still_to_do(root, all, b));
    if (jobs.empty()) {
      commit(b);
      return;
    }
    const size_t chunk = static_cast<size_t>(threads_) * 64;
    FileList::Reader reader = jobs.reader();  // read on the pipeline's thread only
    ChunkPipeline pipeline(
        [&](std::vector<Job>& out) {
          out.clear();
          for (Job job; out.size() < chunk && reader.next(job.file, &job.current_sha256);) out.push_back(std::move(job));
        },
        [&](const std::vector<Job>& js, std::vector<Parsed>& parsed) {
          parse_chunk(root.path(), js, 0, js.size(), threads_, opt_.max_size, parsed);
        },
        std::max<size_t>(1, kFilesAhead / chunk));
    size_t done = 0;
    for (ChunkPipeline::Chunk c; pipeline.pop(c);) {
      write_chunk(root, c.jobs, c.parsed, b);
      done += c.jobs.size();
      if (progress) progress->update(done);
      if (stop_signal()) break;
    }
    commit(b);  // also after a signal: what was written stays
  }

  /// The jobs another ingest has not done meanwhile. Called holding the write lock: what
  /// is committed now is what this run's writes would replace. A file whose committed row
  /// has its size and mtime and is current (a report of this parser, a duplicate of a
  /// stored report, or a rejection) was done by the other ingest: counted, not redone.
  FileList still_to_do(const Root& root, FileList& all, Batch& b) {
    CommittedFiles committed(*db_);
    FileList out;
    FileList::Reader reader = all.reader();
    FoundFile f;
    std::string current_sha256;
    while (reader.next(f, &current_sha256)) {
      const auto c = committed.get(root.path(), f.rel_path);
      const bool done = c && c->size == f.size && c->mtime_ns == f.mtime_ns &&
                        ((c->status == "report" && c->has_report && c->parser_version >= kParserVersion) ||
                         (c->status == "duplicate" && c->has_report) || c->status == "error");
      if (!done) {
        out.push_back(f, current_sha256);
      } else if (c->status == "error") {
        ++b.pending.rejected;
        if (auto e = writer_->stored_error(root.path(), f.rel_path))
          err_ << location(root.shown(f.rel_path), e->second) << ": " << e->first << " (unchanged)\n";
      } else {
        ++(c->status == "duplicate" ? b.pending.duplicates : b.pending.unchanged);
      }
    }
    return out;
  }

  /// Writes parsed[i] for jobs[i], committing every kFilesPerCommit.
  void write_chunk(const Root& root, const std::vector<Job>& jobs, std::vector<Parsed>& parsed, Batch& b) {
    const std::string now = now_utc();
    begin(b);
    for (size_t i = 0; i < jobs.size(); ++i) {
      const FoundFile& f = jobs[i].file;
      Parsed& p = parsed[i];
      if (p.sha256.empty() && p.outcome.problem.message.empty()) break;  // interrupted before this file
      FileIdentity id{root.path(), f.rel_path, f.size, f.mtime_ns, p.sha256};
      ++b.files;
      if (p.same_bytes) {
        writer_->update_stat(id);
        ++b.pending.unchanged;
      } else if (!p.outcome.ok) {
        // A torn or failed read never costs the report of the last good one.
        const bool kept = writer_->record_error(id, p.outcome.problem.message, p.outcome.problem.line, now);
        err_ << location(root.shown(f.rel_path), p.outcome.problem.line) << ": " << p.outcome.problem.message
             << (kept ? " (the archive keeps its last good version)" : "") << "\n";
        ++b.pending.rejected;
      } else if (auto original = writer_->find_duplicate(id)) {
        writer_->mark_duplicate(id, *original);
        ++b.pending.duplicates;
      } else {
        ++(writer_->write_report(id, p.outcome.report, now).replaced ? b.pending.changed : b.pending.added);
      }
    }
    if (b.files >= kFilesPerCommit) commit(b);
  }

  /// A duplicate whose original was replaced or removed in this run stands on its own now.
  void rewrite_orphaned_duplicates(const Root& root, FileList& walked, FileList& counted_duplicates) {
    const auto orphans = orphaned_duplicates(*db_, root.path());
    if (orphans.empty()) return;
    FileList again;
    FileList::Reader reader = walked.reader();
    for (FoundFile f; reader.next(f);)
      if (orphans.count(f.rel_path)) again.push_back(f);
    // Those counted as unchanged duplicates above are counted again when written.
    reader = counted_duplicates.reader();
    for (FoundFile f; reader.next(f);)
      if (orphans.count(f.rel_path)) --sum_.duplicates;
    write_jobs(root, again, nullptr);
  }

  /// Files that vanished from disk: removed with --prune, otherwise only counted.
  void settle_vanished(const Root& root, FileList& vanished) {
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    FileList::Reader reader = vanished.reader();
    for (FoundFile f; reader.next(f);) {  // in path order
      const std::string& path = f.rel_path;
      if (!gone_from_disk(root.path() + "/" + path)) continue;  // there, but not taken: see walk.skipped
      if (opt_.prune) {
        writer_->forget_file(root.path(), path);
        ++sum_.removed;
      } else {
        ++sum_.gone;
      }
    }
    tx.commit();
  }

  /// After the files: codes learned in this run fill rows printed without one (only the rows
  /// that can change are read: store/securities.h, LearnedScope; before the
  /// deferred indexes are built: rows updated now are sorted into them once, not moved
  /// within them); query indexes a bulk load dropped (now, or in an earlier run that was
  /// killed) are built once all rows are in; then the query summaries (schema.md). An
  /// interrupted run leaves them to the next ingest.
  void finish_archive() {
    Progress after_files(opt_.progress, 1);  // only its stage lines: there is no count here
    if (!stop_signal()) {
      after_files.stage("filling learned stock codes…");
      SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
      fill_learned_codes(*db_, LearnedScope{writer_->learned_names(), writer_->first_written_id()});
      tx.commit();
    }
    if (!stop_signal()) {
      // A bulk load rebuilds the summaries from scratch: their rows are computed on a second
      // connection while this one builds the query indexes (both only read the reports and
      // their rows, which are final now), and written after. Any failure there leaves the
      // computation to the refresh, as without a bulk load.
      std::future<std::shared_ptr<SummaryRows>> summary_rows;
      int64_t version = 0;
      if (indexes_deferred_) {
        version = summary_data_version(*db_);
        summary_rows = std::async(std::launch::async, [this]() -> std::shared_ptr<SummaryRows> {
          try {
            auto reader = open_archive_readonly(db_path_);
            return compute_summary_rows(*reader, [] { return stop_signal() != 0; });
          } catch (const std::exception&) {
            return nullptr;
          }
        });
      }
      build_deferred_indexes(*db_, [&](int done, int total) {
        after_files.stage("building query indexes " + std::to_string(done + 1) + "/" + std::to_string(total) + "…");
      });
      after_files.stage("updating query summaries…");
      std::shared_ptr<SummaryRows> rows = summary_rows.valid() ? summary_rows.get() : nullptr;
      if (!stop_signal()) refresh_query_summaries(*db_, SummaryRefresh::kAuto, rows.get(), version);
      after_files.finish();
    } else if (indexes_deferred_) {
      err_ << "interrupted during a bulk load: queries answer, but slower until the next `yanbao ingest` "
              "builds the query indexes again\n";
    }
  }

  // The stop handlers go in first (and out last): a Ctrl-C while the archive opens (or is
  // created) must still end in a summary, not kill the process mid-step.
  StopSignals signals_;
  const std::string& db_path_;
  const IngestOptions& opt_;
  std::ostream& err_;
  IngestSummary& sum_;
  std::unique_ptr<SQLite::Database> db_;
  std::optional<ReportWriter> writer_;  // after db_: destroyed before it
  int threads_ = 1;
  size_t stored_reports_ = 0;
  bool indexes_deferred_ = false;
};

}  // namespace

IngestSummary run_ingest(const std::string& db_path, const IngestOptions& opt, std::ostream& err) {
  IngestSummary sum;
  try {
    IngestRun(db_path, opt, err, sum).run();
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
