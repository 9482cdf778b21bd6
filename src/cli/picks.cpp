// yanbao picks TICKER: the pick-history canned query.
#include "cli/command.h"
#include "query/commands.h"

namespace yanbao {

void setup_picks(CLI::App& app, CommandContext& ctx) {
  auto* sub = app.add_subcommand("picks", "Every pick of a stock by name or code, with its current runs");
  sub->prefix_command();
  sub->fallthrough(false);
  sub->footer(
      "Usage: yanbao picks TICKER, where TICKER is a name as written (经纬恒润-W), a base name\n"
      "(经纬恒润) or a code in any form (688326, 688326.SH, SH688326). Same as\n"
      "`yanbao run pick-history TICKER`; see `yanbao queries show pick-history`.\n"
      "In table format the summary (first/last seen, reports, current runs) follows the rows on\n"
      "stdout; with --format csv/tsv/json/jsonl/markdown it goes to stderr, so stdout stays data.");
  sub->callback([&ctx, sub] { ctx.exit_code = run_canned_command(ctx, "pick-history", sub->remaining()); });
}

}  // namespace yanbao
