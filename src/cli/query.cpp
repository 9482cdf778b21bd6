// yanbao query "SQL" | -f FILE.sql | - [-p NAME=VALUE | -p NAME VALUE]…: one read-only statement.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>

#include "cli/command.h"
#include "cli/global_options.h"
#include "query/output.h"
#include "query/sql.h"
#include "store/archive.h"
#include "util/error.h"

namespace yanbao {
namespace {

struct QueryOptions {
  std::vector<std::string> words;  ///< the SQL (or "-"), then any NAME VALUE of -p NAME VALUE
  std::string file;
  std::vector<std::string> params;
};

bool is_format(const std::string& s) {
  const auto formats = output_format_names();
  return std::find(formats.begin(), formats.end(), s) != formats.end();
}

std::string read_all(std::istream& in) { return std::string(std::istreambuf_iterator<char>(in), {}); }

/// The statement: from -f FILE, from stdin for "-", else the first word.
std::string statement_of(const QueryOptions& o, std::vector<std::string>& words) {
  if (!o.file.empty()) {
    if (o.file == "-") return read_all(std::cin);
    std::ifstream in(o.file, std::ios::binary);
    if (!in) throw UsageError("cannot read SQL file " + o.file + " (given with -f)");
    return read_all(in);
  }
  if (words.empty()) throw UsageError("query needs SQL: yanbao query \"SELECT …\", -f FILE.sql, or - to read stdin");
  std::string first = words.front();
  words.erase(words.begin());
  return first == "-" ? read_all(std::cin) : first;
}

int run_query(CommandContext& ctx, QueryOptions o) {
  // `-f` was the short --format before it named a SQL file: `-f csv` still means the format
  // when no file of that name exists.
  if (!o.file.empty() && o.file != "-" && is_format(o.file) && !std::ifstream(o.file)) {
    set_global_option(ctx.global, *find_global_option("--format"), o.file);
    o.file.clear();
  }
  std::vector<std::string> words = o.words;
  // -p NAME VALUE: CLI11 took NAME as the -p value and left VALUE among the words; argv
  // says which words those were (each follows its -p NAME).
  std::vector<std::string> kvs;
  for (size_t i = 0; i < ctx.argv.size(); ++i) {
    const std::string& a = ctx.argv[i];
    if (a.rfind("--param=", 0) == 0) kvs.push_back(a.substr(8));
    if ((a != "-p" && a != "--param") || i + 1 >= ctx.argv.size()) continue;
    const std::string& kv = ctx.argv[i + 1];
    if (kv.find('=') != std::string::npos) {
      kvs.push_back(kv);
    } else {
      if (i + 2 >= ctx.argv.size()) throw UsageError("-p needs NAME=VALUE or NAME VALUE, not '" + kv + "'");
      const std::string& value = ctx.argv[i + 2];
      auto it = std::find(words.begin(), words.end(), value);
      if (it != words.end()) words.erase(it);
      kvs.push_back(kv + "=" + value);
    }
    ++i;
  }
  const std::string sql = statement_of(o, words);
  if (!words.empty())
    throw UsageError("unexpected argument '" + words.front() +
                     "': give one statement, quoted (yanbao query \"SELECT …\"), and -p NAME VALUE per parameter");
  Params params;
  for (const auto& kv : kvs) {
    auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) throw UsageError("-p needs NAME=VALUE or NAME VALUE, not '" + kv + "'");
    std::string name = kv.substr(0, eq);
    if (name[0] == ':' || name[0] == '@' || name[0] == '$') name.erase(0, 1);
    if (params.count(name)) throw UsageError("parameter '" + name + "' given twice");
    params[name] = kv.substr(eq + 1);  // always TEXT: -p code=000001 stays "000001"
  }
  auto db = open_archive_readonly(ctx.global.db);
  ReadonlyStatement st(db->getHandle(), sql, params);
  st.write(std::cout, std::cerr, output_options(ctx.global));  // csv/tsv/json/jsonl stream
  return kExitOk;
}

}  // namespace

void setup_query(CLI::App& app, CommandContext& ctx) {
  auto opt = std::make_shared<QueryOptions>();
  auto* sub = app.add_subcommand("query", "Run one read-only SQL statement against the archive");
  sub->footer(
      "Parameters: write :name in the SQL and give -p name VALUE (or -p name=VALUE); values are\n"
      "bound as TEXT, never spliced. Statements that write, ATTACH, PRAGMAs that set something\n"
      "and load_extension() are refused with exit code 2, as are SQL errors in the text.\n"
      "`yanbao schema` documents the tables.\n\n"
      "Examples:\n"
      "  yanbao query \"SELECT broker, count(*) FROM reports GROUP BY broker\"\n"
      "  yanbao --format csv query \"SELECT name, kind FROM picks WHERE code = :code\" -p code 300223.SZ\n"
      "  yanbao query -f top.sql          (or: cat top.sql | yanbao query -)");
  sub->add_option("sql", opt->words, "The SQL statement, or - to read it from stdin");
  sub->add_option("-f,--file", opt->file, "Read the SQL from this file (- for stdin)");
  sub->add_option("-p,--param", opt->params, "NAME=VALUE or NAME VALUE for :NAME (repeatable)")
      ->allow_extra_args(false);
  sub->callback([&ctx, opt] { ctx.exit_code = run_query(ctx, *opt); });
}

}  // namespace yanbao
