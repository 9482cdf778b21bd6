// yanbao queries [show NAME]: the canned queries (built-in, user config, --queries files).
#include <cctype>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/global_options.h"
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

/// Datasette names a database after its file: yanbao.db → yanbao.
std::string database_name(const std::string& db_path) {
  std::string name = std::filesystem::path(db_path).stem().string();
  return name.empty() ? "yanbao" : name;
}

int run_queries(CommandContext& ctx, const std::vector<std::string>& args, bool datasette, std::string database) {
  QueryCatalog catalog = QueryCatalog::load(ctx.global.query_files);
  if (args.empty()) {
    ResultSet rs;
    rs.columns = {"name", "arguments", "description", "source"};
    for (const auto& q : catalog.all())
      rs.rows.push_back({q.name, usage_of(q), q.title.empty() ? q.description : q.title, q.source});
    write_result(std::cout, std::cerr, rs, output_options(ctx.global));
    if (ctx.global.format == Format::table)
      std::cout << "\nRun one with `yanbao run NAME [ARGS…]`; `yanbao queries show NAME` prints its SQL.\n";
    return kExitOk;
  }
  if (args[0] == "show") {
    if (args.size() != 2) throw UsageError("usage: yanbao queries show NAME");
    describe_query(std::cout, catalog.get(args[1]));
    return kExitOk;
  }
  if (args[0] == "export") {
    if (args.size() != 1) throw UsageError("usage: yanbao queries export --datasette [--database NAME]");
    if (!datasette) throw UsageError("queries export needs a format: --datasette (Datasette's metadata.yaml)");
    write_datasette_metadata(std::cout, catalog.all(), database.empty() ? database_name(ctx.global.db) : database);
    return kExitOk;
  }
  std::string msg = "unknown action '" + args[0] + "'; use `yanbao queries`, `yanbao queries show NAME` or "
                    "`yanbao queries export --datasette`";
  if (catalog.find(args[0])) msg += " (to see it: yanbao queries show " + args[0] + ")";
  throw UsageError(msg);
}

}  // namespace

void setup_queries(CLI::App& app, CommandContext& ctx) {
  struct Options {
    std::vector<std::string> args;
    bool datasette = false;
    std::string database;
  };
  auto o = std::make_shared<Options>();
  auto* sub = app.add_subcommand("queries", "List the canned queries, `queries show NAME` for one's SQL, or export them");
  sub->add_option("action", o->args, "show NAME | export");
  sub->add_flag("--datasette", o->datasette, "export: as Datasette's metadata.yaml (databases: DB: queries: …)");
  sub->add_option("--database", o->database, "export: the database's name in Datasette (default: the --db file's stem)");
  sub->footer("Built-ins come with yanbao; add or override queries in $XDG_CONFIG_HOME/yanbao/queries.yaml\n"
              "(default ~/.config/yanbao/queries.yaml) or with --queries FILE, in yanbao's form or Datasette's.\n\n"
              "Examples:\n"
              "  yanbao queries show pick-history\n"
              "  yanbao queries export --datasette > metadata.yaml && datasette yanbao.db --metadata metadata.yaml");
  sub->callback([&ctx, o] { ctx.exit_code = run_queries(ctx, o->args, o->datasette, o->database); });
}

}  // namespace yanbao
