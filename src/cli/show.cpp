// yanbao show REPORT: one report's fields and everything extracted from it.
#include <algorithm>
#include <cctype>
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/global_options.h"
#include "ingest/walk.h"
#include "query/canned.h"
#include "query/output.h"
#include "query/sql.h"
#include "store/archive.h"
#include "util/error.h"

namespace yanbao {
namespace {

struct ShowOptions {
  std::string report;
  bool body = false;
};

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// The report's id: an id, or a path matching reports.path exactly, as root/path, or by a
/// suffix that starts at a '/'.
std::int64_t find_report(sqlite3* db, std::string ref) {
  if (all_digits(ref)) {
    ResultSet rs = run_readonly_sql(db, "SELECT id FROM reports WHERE id = CAST(:id AS INTEGER)", {{"id", ref}});
    if (!rs.rows.empty()) return std::get<std::int64_t>(rs.rows[0][0]);
  }
  while (ref.rfind("./", 0) == 0) ref.erase(0, 2);
  ResultSet rs = run_readonly_sql(db,
                                  "SELECT id, path FROM reports WHERE path = :p OR root || '/' || path = :p"
                                  " OR substr(path, -length(:p) - 1) = '/' || :p ORDER BY path = :p DESC, id LIMIT 11",
                                  {{"p", ref}});
  if (rs.rows.empty()) throw UsageError("no report matches '" + printable_path(ref) + "' (give an id or a path; yanbao run reports lists them)");
  if (rs.rows.size() > 1 && std::get<std::string>(rs.rows[0][1]) != ref) {
    std::string msg = "'" + printable_path(ref) + "' matches several reports; give more of the path or an id:";
    for (size_t i = 0; i < rs.rows.size() && i < 10; ++i)
      msg += "\n  " + value_text(rs.rows[i][0]) + "  " + printable_path(value_text(rs.rows[i][1]));
    throw UsageError(msg);
  }
  return std::get<std::int64_t>(rs.rows[0][0]);
}

int run_show(CommandContext& ctx, const ShowOptions& o) {
  QueryCatalog catalog = QueryCatalog::builtin();
  const auto* sections = catalog.sections("show");
  if (!sections || sections->empty()) throw FatalError("schema/queries.yaml has no sections.show");
  auto db = open_archive_readonly(ctx.global.db);
  sqlite3* h = db->getHandle();
  std::int64_t id = find_report(h, o.report);
  Params params = {{"id", id}, {"body", std::int64_t{o.body ? 1 : 0}}};
  RunOptions ro;
  ro.reject_unused = false;

  std::vector<std::pair<const QuerySection*, ResultSet>> results;
  for (const auto& s : *sections) results.emplace_back(&s, run_readonly_sql(h, s.sql, params, ro));

  OutputOptions opt = output_options(ctx.global);
  std::ostream& out = std::cout;
  if (opt.format == Format::json || opt.format == Format::jsonl) {
    std::string obj = "{";
    bool first = true;
    for (const auto& [s, rs] : results) {
      if (!first) obj += opt.format == Format::json ? ",\n " : ",";
      first = false;
      obj += "\"" + s->title + "\":";
      if (s->record)
        obj += rs.rows.empty() ? "null" : json_object_of(rs, 0);
      else
        obj += json_array_of(rs);
    }
    out << obj << "}\n";
    return kExitOk;
  }
  bool first = true;
  for (const auto& [s, rs] : results) {
    if (rs.rows.empty() && !s->record) continue;  // nothing extracted of this kind
    if (!first) out << '\n';
    first = false;
    if (opt.format == Format::table) {
      out << "== " << s->title;
      if (!s->record) out << " (" << rs.rows.size() << ")";
      out << " ==\n";
      if (s->record)
        write_record(out, rs);
      else
        write_result(out, std::cerr, rs, opt);
    } else {
      out << (opt.format == Format::markdown ? "## " : "# ") << s->title << "\n";
      if (opt.format == Format::markdown) out << '\n';
      write_result(out, std::cerr, rs, opt);
    }
  }
  return kExitOk;
}

}  // namespace

void setup_show(CLI::App& app, CommandContext& ctx) {
  auto o = std::make_shared<ShowOptions>();
  auto* sub = app.add_subcommand("show", "Show one report and everything extracted from it");
  sub->add_option("report", o->report, "Report id, or its path (exact, root/path, or a suffix like 2025/zx-0217.md)")
      ->required();
  sub->add_flag("--body", o->body, "Include the full body text");
  sub->footer("Table format prints titled sections; json/jsonl print one object with a key per section;\n"
              "csv/tsv/markdown print each section after a '# title' line.\n\n"
              "Examples:\n"
              "  yanbao show kaiyuan/2025-03-16-zxp.md\n"
              "  yanbao show 3 --body --format json");
  sub->callback([&ctx, o] { ctx.exit_code = run_show(ctx, *o); });
}

}  // namespace yanbao
