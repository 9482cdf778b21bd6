// yanbao picks TICKER: the pick-history canned query.
#include "cli/command.h"
#include "cli/canned_args.h"

namespace yanbao {

void setup_picks(CLI::App& app, CommandContext& ctx) {
  auto* sub = app.add_subcommand("picks", "A stock's picks, newest first, with its ratings, targets and current runs");
  sub->prefix_command();
  sub->fallthrough(false);
  sub->footer(
      "Usage: yanbao picks TICKER [--limit N | --all], where TICKER is a name as written (经纬恒润-W),\n"
      "a base name (经纬恒润) or a code in any form (688326, 688326.SH, SH688326). Same as\n"
      "`yanbao run pick-history TICKER`; see `yanbao queries show pick-history`.\n"
      "First the summary (first/last seen, reports, each broker's latest rating and target, current\n"
      "runs), then the newest 50 picks and how many more there are. In table format all of it is on\n"
      "stdout; with --format csv/tsv/json/jsonl/markdown only the picks are, the rest on stderr.\n\n"
      "Examples:\n"
      "  yanbao picks 经纬恒润\n"
      "  yanbao picks 688326 --all --format csv > picks.csv");
  sub->callback([&ctx, sub] { ctx.exit_code = run_canned_command(ctx, "pick-history", sub->remaining()); });
}

}  // namespace yanbao
