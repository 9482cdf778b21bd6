// `yanbao ingest PATH... [--glob P] [--prune] [--force] [--max-size N] [--jobs N]`
#include <unistd.h>

#include <csignal>

#include <iostream>

#include "cli/command.h"
#include "ingest/ingest.h"
#include "util/error.h"

namespace yanbao {
namespace {

struct IngestCliOptions {
  IngestOptions ingest;
  std::vector<std::string> globs;
  bool quiet = false;
};

int run_ingest_command(const IngestCliOptions& o, const GlobalOptions& g) {
  IngestOptions opt = o.ingest;
  if (!o.globs.empty()) opt.globs = o.globs;
  opt.progress = !o.quiet && isatty(STDERR_FILENO);
  IngestSummary s = run_ingest(g.db, opt, std::cerr);
  std::cout << format_summary(s) << "\n";
  if (s.gone > 0)
    std::cerr << s.gone << (s.gone == 1 ? " file is" : " files are")
              << " gone from disk but kept in the archive; run with --prune to remove "
              << (s.gone == 1 ? "its report" : "their reports") << "\n";
  if (s.signal == SIGINT) return kExitSigint;
  if (s.signal) return kExitSigterm;
  return s.rejected > 0 ? kExitPartial : kExitOk;
}

}  // namespace

void setup_ingest(CLI::App& app, CommandContext& ctx) {
  auto o = std::make_shared<IngestCliOptions>();
  auto* sub = app.add_subcommand("ingest", "Ingest folders or files of reports into the archive (incremental)");
  sub->add_option("paths", o->ingest.dirs, "Folders to walk recursively, or report files")
      ->required()
      ->check(CLI::ExistingPath);
  sub->add_option("--glob", o->globs,
                  "File-name patterns a folder's files must match, in any case (repeatable; default *.md "
                  "*.markdown *.txt); files named directly are always read");
  sub->add_flag("--prune", o->ingest.prune, "Remove reports whose files are gone");
  sub->add_flag("--force", o->ingest.force, "Re-read every file, even unchanged ones");
  sub->add_flag("--follow,-L", o->ingest.follow,
                "Follow symlinks that lead outside the folder (those inside it are always followed)");
  sub->add_option("--max-size", o->ingest.max_size, "Reject files larger than this many bytes")
      ->capture_default_str();
  sub->add_option("--jobs,-j", o->ingest.jobs, "Worker threads (default: one per core)");
  sub->add_flag("--quiet,-q", o->quiet, "No progress bar");
  sub->footer(
      "Exit codes: 0 all files ingested; 3 finished but some files were rejected (listed on stderr and "
      "in the ingest_errors table); 2 usage error; 1 fatal error; 130/143 interrupted.\n\n"
      "Examples:\n"
      "  yanbao ingest ~/reports                  every .md/.markdown/.txt under the folder (any case)\n"
      "  yanbao ingest new/2025-03-16-zxp.md      one file, stored under its folder\n"
      "  yanbao ingest --prune --glob '*.md' ~/reports");
  sub->callback([o, &ctx] { ctx.exit_code = run_ingest_command(*o, ctx.global); });
}

}  // namespace yanbao
