// yanbao queries [show NAME]: the canned queries (built-in, user config, --queries files).
#include <cctype>
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "query/canned.h"
#include "query/output.h"
#include "util/error.h"

namespace yanbao {
namespace {

std::string usage_of(const CannedQuery& q) {
  std::string u;
  for (const auto& p : q.params) {
    std::string upper = p.name;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (!u.empty()) u += ' ';
    if (p.required)
      u += upper;
    else if (p.positional)
      u += "[" + upper + "]";
    else
      u += "[--" + p.name + "]";
  }
  return u;
}

int run_queries(CommandContext& ctx, const std::vector<std::string>& args) {
  QueryCatalog catalog = QueryCatalog::load(ctx.global.query_files);
  if (args.empty()) {
    ResultSet rs;
    rs.columns = {"name", "arguments", "description", "source"};
    for (const auto& q : catalog.all())
      rs.rows.push_back({q.name, usage_of(q), q.title.empty() ? q.description : q.title, q.source});
    write_result(std::cout, std::cerr, rs, output_options(ctx.global));
    if (ctx.global.format == "table")
      std::cout << "\nRun one with `yanbao run NAME [ARGS…]`; `yanbao queries show NAME` prints its SQL.\n";
    return kExitOk;
  }
  if (args[0] == "show") {
    if (args.size() != 2) throw UsageError("usage: yanbao queries show NAME");
    describe_query(std::cout, catalog.get(args[1]));
    return kExitOk;
  }
  std::string msg = "unknown action '" + args[0] + "'; use `yanbao queries` or `yanbao queries show NAME`";
  if (catalog.find(args[0])) msg += " (to see it: yanbao queries show " + args[0] + ")";
  throw UsageError(msg);
}

}  // namespace

void setup_queries(CLI::App& app, CommandContext& ctx) {
  auto args = std::make_shared<std::vector<std::string>>();
  auto* sub = app.add_subcommand("queries", "List the canned queries, or `queries show NAME` for one's SQL");
  sub->add_option("action", *args, "show NAME");
  sub->footer("Built-ins come with yanbao; add or override queries in " + std::string("$XDG_CONFIG_HOME/yanbao/queries.yaml") +
              " (default ~/.config/yanbao/queries.yaml) or with --queries FILE.");
  sub->callback([&ctx, args] { ctx.exit_code = run_queries(ctx, *args); });
}

}  // namespace yanbao
