#include <algorithm>
#include <cstdlib>
#include <iostream>

#include <sqlite3.h>

#include <SQLiteCpp/Exception.h>

#include "cli/command.h"
#include "util/error.h"

namespace yanbao {
namespace {

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

/// Global options that take a value, so the pre-scan for the command name can skip it.
bool takes_value(std::string_view arg) {
  return arg == "--db" || arg == "--format" || arg == "-f" || arg == "--max-width" || arg == "--queries";
}

/// The first bare word of argv (the subcommand as typed), or empty.
std::string typed_command(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--") return {};
    if (takes_value(a)) {
      ++i;
      continue;
    }
    if (!a.empty() && a[0] == '-') continue;
    return std::string(a);
  }
  return {};
}

std::string default_db_path() {
  if (const char* env = std::getenv("YANBAO_DB"); env && *env) return env;
  return "yanbao.db";
}

}  // namespace

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_d = std::max<size_t>(2, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    size_t d = edit_distance(word, c);
    bool prefix = c.size() > word.size() && c.compare(0, word.size(), word) == 0 && word.size() >= 3;
    if (prefix) d = std::min<size_t>(d, 1);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  return best;
}

int run_cli(int argc, char** argv) {
  // No connection is ever shared between threads (an ingest's parsers never touch SQLite),
  // so SQLite's per-connection mutexes are pure cost. Fails harmlessly (SQLITE_MISUSE) when
  // SQLite is already initialized, e.g. when tests call run_cli twice in one process.
  sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
  // Allocation statistics cost a global mutex per sqlite3_malloc/free; nothing reads them.
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  CommandContext ctx;
  ctx.global.db = default_db_path();
  CLI::App app{"yanbao: turn a folder of Chinese brokerage research reports into a queryable SQLite archive",
               "yanbao"};
  app.set_version_flag("--version,-V", std::string("yanbao ") + YANBAO_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  app.option_defaults()->always_capture_default();
  app.add_option("--db", ctx.global.db, "Archive file (default: $YANBAO_DB, else ./yanbao.db)");
  app.add_option("--format,-f", ctx.global.format, "Output format for rows")
      ->check(CLI::IsMember({"table", "csv", "tsv", "json", "jsonl", "markdown"}));
  app.add_flag("--no-header", ctx.global.no_header, "Omit the header row");
  app.add_option("--max-width", ctx.global.max_width, "Cut table cells wider than this (display columns)")
      ->check(CLI::Range(4, 100000));
  app.add_option("--queries", ctx.global.query_files, "Extra canned-query YAML file (repeatable)");

  std::vector<std::string> names;
  for (const auto& spec : command_registry()) {
    spec.setup(app, ctx);
    names.emplace_back(spec.name);
  }

  std::string typed = typed_command(argc, argv);
  if (!typed.empty() && std::find(names.begin(), names.end(), typed) == names.end()) {
    std::cerr << "yanbao: unknown command '" << typed << "'";
    if (auto m = closest_match(typed, names); !m.empty()) std::cerr << "; did you mean '" << m << "'?";
    std::cerr << "\nRun 'yanbao --help' for the list of commands.\n";
    return kExitUsage;
  }

  try {
    // CLI11 runs the chosen subcommand's callback inside parse(); run functions report
    // through ctx.exit_code.
    app.parse(argc, argv);
    return ctx.exit_code;
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitUsage;
  } catch (const UsageError& e) {
    std::cerr << "yanbao: " << e.what() << "\n";
    return kExitUsage;
  } catch (const FatalError& e) {
    std::cerr << "yanbao: " << e.what() << "\n";
    return kExitFatal;
  } catch (const SQLite::Exception& e) {
    if (e.getErrorCode() == SQLITE_BUSY || e.getErrorCode() == SQLITE_LOCKED) {
      std::cerr << "yanbao: archive is busy (another yanbao is writing to " << ctx.global.db
                << "); try again when it has finished\n";
      return kExitFatal;
    }
    std::cerr << "yanbao: sqlite: " << e.what() << "\n";
    return kExitFatal;
  } catch (const std::exception& e) {
    std::cerr << "yanbao: " << e.what() << "\n";
    return kExitFatal;
  }
}

}  // namespace yanbao
