#include "query/commands.h"

#include <iostream>

#include "cli/command.h"
#include "query/canned.h"
#include "store/archive.h"
#include "util/error.h"

namespace yanbao {

int run_canned_command(CommandContext& ctx, const std::string& name, const std::vector<std::string>& words) {
  std::vector<std::string> rest = take_global_options(words, ctx.global);
  QueryCatalog catalog = QueryCatalog::load(ctx.global.query_files);
  const CannedQuery& q = catalog.get(name);
  RunArgs args = parse_query_args(q, rest);
  if (args.help) {
    describe_query(std::cout, q);
    return 0;
  }
  Params params = resolve_params(q, args.positional, args.named);
  auto db = open_archive_readonly(ctx.global.db);
  if (q.sql.find("reports_fts") != std::string::npos) {
    // Version 16 changed what the index holds (segmented text) and so how it is searched.
    if (const int v = db->execAndGet("PRAGMA user_version").getInt(); v < 16)
      throw FatalError("the archive " + ctx.global.db + " has schema version " + std::to_string(v) +
                       ", whose full-text index this yanbao cannot search; run yanbao ingest once to upgrade it");
    if (std::string warning = catch_up_search_index(*db); !warning.empty()) std::cerr << "yanbao: " << warning << "\n";
  }
  try {
    run_and_print_canned(db->getHandle(), q, params, std::cout, std::cerr, output_options(ctx.global));
  } catch (const FatalError& e) {
    // A built-in may read tables, columns or indexes a later migration added (0008: the
    // query summaries; 0010: their kind); a read-only open never migrates.
    const std::string what = e.what();
    const int version = db->execAndGet("PRAGMA user_version").getInt();
    if (version < latest_schema_version() &&
        (what.find("no such table") != std::string::npos || what.find("no such index") != std::string::npos ||
         what.find("no such column") != std::string::npos))
      throw FatalError(what + "\nthe archive " + ctx.global.db + " has schema version " + std::to_string(version) +
                       ", older than this yanbao's (" + std::to_string(latest_schema_version()) +
                       "): run yanbao ingest once to upgrade it");
    throw;
  }
  return 0;
}

}  // namespace yanbao
