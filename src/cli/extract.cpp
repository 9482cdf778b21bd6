#include "cli/command.h"

namespace yanbao {

void setup_extract(CLI::App& app, CommandContext&) { app.add_subcommand("extract", "Show what one file yields"); }

}  // namespace yanbao
