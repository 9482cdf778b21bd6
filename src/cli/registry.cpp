#include "cli/command.h"

namespace yanbao {

const std::vector<CommandSpec>& command_registry() {
  static const std::vector<CommandSpec> commands = {
      {"ingest", setup_ingest},
      {"extract", setup_extract},
      {"query", setup_query},
      {"run", setup_run},
      {"queries", setup_queries},
      {"picks", setup_picks},
      {"search", setup_search},
      {"show", setup_show},
      {"stats", setup_stats},
      {"schema", setup_schema},
      {"securities", setup_securities},
  };
  return commands;
}

}  // namespace yanbao
