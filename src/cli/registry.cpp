#include "cli/command.h"

namespace yanbao {

const std::vector<CommandSpec>& command_registry() {
  static const std::vector<CommandSpec> commands = {
      {"ingest", setup_ingest},
      {"extract", setup_extract},
  };
  return commands;
}

}  // namespace yanbao
