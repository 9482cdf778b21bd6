// yanbao query "SQL" [-p NAME=VALUE]…: one read-only statement against the archive.
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "query/output.h"
#include "query/sql.h"
#include "store/archive.h"
#include "util/error.h"

namespace yanbao {
namespace {

struct QueryOptions {
  std::string sql;
  std::vector<std::string> params;
};

int run_query(CommandContext& ctx, const QueryOptions& o) {
  Params params;
  for (const auto& kv : o.params) {
    auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) throw UsageError("-p needs NAME=VALUE, not '" + kv + "'");
    std::string name = kv.substr(0, eq);
    if (name[0] == ':' || name[0] == '@' || name[0] == '$') name.erase(0, 1);
    if (params.count(name)) throw UsageError("parameter '" + name + "' given twice");
    params[name] = kv.substr(eq + 1);  // always TEXT: -p code=000001 stays "000001"
  }
  auto db = open_archive_readonly(ctx.global.db);
  ReadonlyStatement st(db->getHandle(), o.sql, params);
  st.write(std::cout, std::cerr, output_options(ctx.global));  // csv/tsv/json/jsonl stream
  return kExitOk;
}

}  // namespace

void setup_query(CLI::App& app, CommandContext& ctx) {
  auto opt = std::make_shared<QueryOptions>();
  auto* sub = app.add_subcommand("query", "Run one read-only SQL statement against the archive");
  sub->footer(
      "Parameters: write :name in the SQL and give -p name=VALUE; values are bound as TEXT, never\n"
      "spliced. Statements that write, ATTACH, PRAGMAs that set something and load_extension()\n"
      "are refused with exit code 2, as are SQL errors in the text. `yanbao schema` documents\n"
      "the tables.");
  sub->add_option("sql", opt->sql, "The SQL statement")->required();
  sub->add_option("-p,--param", opt->params, "NAME=VALUE for :NAME (repeatable)");
  sub->callback([&ctx, opt] { ctx.exit_code = run_query(ctx, *opt); });
}

}  // namespace yanbao
