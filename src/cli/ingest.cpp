#include "cli/command.h"

namespace yanbao {

void setup_ingest(CLI::App& app, CommandContext&) { app.add_subcommand("ingest", "Ingest folders of reports"); }

}  // namespace yanbao
