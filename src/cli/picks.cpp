// yanbao picks TICKER: the pick-history canned query.
#include "cli/command.h"
#include "query/commands.h"

namespace yanbao {

void setup_picks(CLI::App& app, CommandContext& ctx) {
  auto* sub = app.add_subcommand(
      "picks", "Every pick of a stock (by name, base name or code) and its current runs: yanbao picks TICKER");
  sub->prefix_command();
  sub->fallthrough(false);
  sub->footer("Same as `yanbao run pick-history TICKER`; see `yanbao queries show pick-history`.");
  sub->callback([&ctx, sub] { ctx.exit_code = run_canned_command(ctx, "pick-history", sub->remaining()); });
}

}  // namespace yanbao
