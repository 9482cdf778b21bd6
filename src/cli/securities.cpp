// `yanbao securities import FILE.csv`: load a user's own list of codes and names.
#include <fstream>
#include <iostream>

#include "cli/command.h"
#include "ingest/decode.h"
#include "store/archive.h"
#include "store/securities.h"
#include "util/error.h"

namespace yanbao {
namespace {

struct SecuritiesImportOptions {
  std::string file;
};

int run_securities_import(const SecuritiesImportOptions& o, const GlobalOptions& g) {
  std::ifstream in(o.file, std::ios::binary);
  if (!in) throw UsageError("cannot read " + o.file);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Lists saved by Excel on a Chinese system are GBK; decode them as reports are decoded.
  Decoded text;
  FileProblem problem;
  if (!decode_text(bytes, text, problem))
    throw UsageError(o.file + (problem.line ? ":" + std::to_string(problem.line) : "") + ": " + problem.message);
  SecurityCsv csv = parse_securities_csv(text.text);
  for (const auto& e : csv.errors) std::cerr << o.file << ": " << e << "\n";
  auto db = open_archive_for_write(g.db);
  import_securities(*db, csv.rows);
  std::cout << csv.rows.size() << " imported, " << csv.errors.size() << " rejected\n";
  return csv.errors.empty() ? kExitOk : kExitPartial;
}

}  // namespace

void setup_securities(CLI::App& app, CommandContext& ctx) {
  auto* sub = app.add_subcommand("securities", "Manage the list of known securities");
  sub->require_subcommand(1);
  auto o = std::make_shared<SecuritiesImportOptions>();
  auto* imp = sub->add_subcommand("import", "Import a CSV list of codes and names (yanbao, AKShare, Tushare or 代码/名称 columns)");
  imp->add_option("file", o->file, "CSV file")->required();
  imp->footer(
      "The header row tells the columns: code,name[,exchange] (also the default without a header),\n"
      "AKShare's stock_info_a_code_name (code,name), Tushare's stock_basic (ts_code,symbol,name,...)\n"
      "or 代码/名称. UTF-8 or GBK. Bad rows are reported by line number and skipped (exit code 3).\n\n"
      "Examples:\n  yanbao securities import examples/securities.csv\n"
      "  python3 -c 'import akshare as ak; ak.stock_info_a_code_name().to_csv(\"a.csv\", index=False)'\n"
      "  yanbao securities import a.csv");
  sub->footer("Example:\n  yanbao securities import examples/securities.csv");
  imp->callback([o, &ctx] { ctx.exit_code = run_securities_import(*o, ctx.global); });
}

}  // namespace yanbao
