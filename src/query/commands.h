#pragma once
/// Glue between the CLI subcommands (src/cli/*.cpp) and the query engine.
#include <string>
#include <vector>

namespace yanbao {

struct CommandContext;

/// Runs canned query `name` with the command-line words that follow it (query options,
/// positional arguments and global options in any order). Returns the exit code.
int run_canned_command(CommandContext& ctx, const std::string& name, const std::vector<std::string>& words);

}  // namespace yanbao
