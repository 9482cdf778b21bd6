#pragma once
/// The options every command takes, before or after its name: one table that feeds CLI11
/// (cli/app.cpp), the scan for the command's name, and the reader of a canned query's words
/// (take_global_options), so the three cannot disagree on a name or a check.
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "query/output.h"

namespace yanbao {

struct GlobalOptions;

struct GlobalOptionSpec {
  std::string_view names;  ///< CLI11 form: "--format,-f"
  std::string_view value;  ///< what the value looks like in help, "" for a flag
  std::string_view help;
};

/// Every global option, in the order `yanbao --help` lists them.
const std::vector<GlobalOptionSpec>& global_option_specs();

/// The spec of `arg` ("--db", "-f"; without any "=VALUE"), or nullptr.
const GlobalOptionSpec* find_global_option(std::string_view arg);

/// Every long and short name ("--db", "--format", "-f", …), for "did you mean".
std::vector<std::string> global_option_names();

/// Checks and stores one option's value (`value` is ignored for a flag). The one place a
/// global option is checked. Throws UsageError naming the option.
void set_global_option(GlobalOptions& g, const GlobalOptionSpec& spec, const std::string& value);

/// Adds the table to a CLI11 app, storing into `g` through set_global_option().
void add_global_options(CLI::App& app, GlobalOptions& g);

/// The output options the global options ask for.
OutputOptions output_options(const GlobalOptions& g);

/// Pulls global options out of command-line words (after `run NAME`, `picks`…) into `g`,
/// in any position, and returns the other words in order. "--" ends the scan.
std::vector<std::string> take_global_options(const std::vector<std::string>& args, GlobalOptions& g);

}  // namespace yanbao
