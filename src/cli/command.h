#pragma once
/// Subcommand plumbing. One subcommand = an options struct + a setup function that adds it
/// to the CLI11 app + a run function (CLI11's subcom_in_files pattern). The registry below
/// lists every subcommand; cli/app.cpp builds the app from it.
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "query/output.h"
#include "util/suggest.h"

namespace yanbao {

/// Options every command accepts, before or after the subcommand name.
struct GlobalOptions {
  std::string db;                        ///< resolved archive path: --db, $YANBAO_DB, ./yanbao.db
  Format format = Format::table;         ///< --format
  bool no_header = false;
  int max_width = 40;                    ///< table cells wider than this (display columns) are cut with …
  std::vector<std::string> query_files;  ///< --queries FILE (repeatable)
  std::string asof;                      ///< --asof: "" (today), "latest" or a date
};

/// Where a subcommand's run function reports its exit code (see util/error.h).
struct CommandContext {
  GlobalOptions global;
  std::vector<std::string> argv;  ///< the words as typed, for what CLI11 cannot tell (query -p NAME VALUE)
  int exit_code = 0;
};

using SetupFn = void (*)(CLI::App& app, CommandContext& ctx);

struct CommandSpec {
  std::string_view name;
  SetupFn setup;
};

/// Every subcommand, in the order `yanbao --help` lists them.
const std::vector<CommandSpec>& command_registry();

/// Parses argv, runs the chosen subcommand, and returns the process exit code. Catches
/// every exception once, here, and maps it to a message and an exit code.
int run_cli(int argc, char** argv);


// Setup functions, one per file in src/cli/.
void setup_ingest(CLI::App& app, CommandContext& ctx);
void setup_extract(CLI::App& app, CommandContext& ctx);
void setup_query(CLI::App& app, CommandContext& ctx);
void setup_run(CLI::App& app, CommandContext& ctx);
void setup_queries(CLI::App& app, CommandContext& ctx);
void setup_picks(CLI::App& app, CommandContext& ctx);
void setup_search(CLI::App& app, CommandContext& ctx);
void setup_show(CLI::App& app, CommandContext& ctx);
void setup_stats(CLI::App& app, CommandContext& ctx);
void setup_schema(CLI::App& app, CommandContext& ctx);
void setup_securities(CLI::App& app, CommandContext& ctx);

}  // namespace yanbao
