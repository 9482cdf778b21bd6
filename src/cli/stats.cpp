// yanbao stats: the stats canned query.
#include "cli/command.h"
#include "cli/canned_args.h"

namespace yanbao {

void setup_stats(CLI::App& app, CommandContext& ctx) {
  auto* sub = app.add_subcommand("stats", "Row counts, date range, brokers and the last ingest");
  sub->prefix_command();
  sub->fallthrough(false);
  sub->footer("Examples:\n  yanbao stats\n  yanbao --db other.db stats --format json");
  sub->callback([&ctx, sub] { ctx.exit_code = run_canned_command(ctx, "stats", sub->remaining()); });
}

}  // namespace yanbao
