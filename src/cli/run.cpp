// yanbao run NAME [ARGS…] [--NAME VALUE | --param NAME=VALUE]…: a canned query.
#include <iostream>

#include "cli/command.h"
#include "cli/global_options.h"
#include "query/canned.h"
#include "cli/canned_args.h"
#include "util/error.h"

namespace yanbao {

void setup_run(CLI::App& app, CommandContext& ctx) {
  auto* sub = app.add_subcommand("run", "Run a canned query: yanbao run NAME [ARGS…] [--PARAM VALUE]…");
  // Everything after `run` is the query's: its options depend on the query, so CLI11 hands
  // the words over unparsed and take_global_options()/parse_query_args() sort them.
  sub->prefix_command();
  sub->fallthrough(false);
  sub->footer("`yanbao queries` lists the queries, `yanbao queries show NAME` (or `yanbao run NAME --help`)\n"
              "their parameters. Positional ARGS fill the required parameters in order; --param NAME=VALUE\n"
              "and -p NAME VALUE also work. Dates take 2025-03-16, 2025-03, 2025, or 30d/6m/1y back from\n"
              "today (--asof latest: from the newest report).\n\n"
              "Examples:\n"
              "  yanbao run top-picks --since 6m --limit 10\n"
              "  yanbao run pick-changes 中小盘周报 --from 2025-03-09 --to 2025-03-16");
  sub->callback([&ctx, sub] {
    std::vector<std::string> words = take_global_options(sub->remaining(), ctx.global);
    if (words.empty() || words[0].empty() || words[0][0] == '-')
      throw UsageError("run needs a query name: yanbao run NAME [ARGS…] (yanbao queries lists them)");
    std::string name = words[0];
    words.erase(words.begin());
    ctx.exit_code = run_canned_command(ctx, name, words);
  });
}

}  // namespace yanbao
