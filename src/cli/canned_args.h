#pragma once
/// Command-line words of a canned query (`yanbao run NAME …`, `picks`, `search`, `stats`):
/// global options, the query's own options and positional arguments, in any order.
#include <string>
#include <utility>
#include <vector>

namespace yanbao {

struct CannedQuery;
struct CommandContext;

struct RunArgs {
  std::vector<std::string> positional;
  std::vector<std::pair<std::string, std::string>> named;
  bool help = false;
};

/// The query's own options: --NAME VALUE, --NAME=VALUE, --param/-p NAME=VALUE or
/// -p NAME VALUE (sqlite-utils' form), bool params as a bare --NAME; `--help`/`-h` sets
/// `help`; the rest are positional. An unknown option gets "did you mean" among the
/// query's options and the global ones. Global options must have been taken out first
/// (take_global_options).
RunArgs parse_query_args(const CannedQuery& q, const std::vector<std::string>& args);

/// Runs canned query `name` with the command-line words that follow it (query options,
/// positional arguments and global options in any order). Returns the exit code.
int run_canned_command(CommandContext& ctx, const std::string& name, const std::vector<std::string>& words);

}  // namespace yanbao
