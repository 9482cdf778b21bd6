#include "cli/canned_args.h"

#include <algorithm>
#include <cctype>
#include <iostream>

#include "cli/command.h"
#include "cli/global_options.h"
#include "query/canned.h"
#include "store/archive.h"
#include "util/error.h"
#include "util/suggest.h"

namespace yanbao {
namespace {

const QueryParam* param_of(const CannedQuery& q, std::string_view name) {
  for (const auto& p : q.params)
    if (p.name == name) return &p;
  return nullptr;
}

/// --asof: today (the default), latest (the newest report in the archive) or a date.
DateAnchor anchor_for(const GlobalOptions& g) {
  return [asof = g.asof, db = g.db]() -> std::string {
    if (asof.empty() || asof == "today") return today_local();
    if (asof == "latest") {
      auto ro = open_archive_readonly(db);
      SQLite::Column c = ro->execAndGet("SELECT max(report_date) FROM reports");
      if (c.isNull()) throw UsageError("--asof latest: the archive " + db + " has no dated reports");
      return c.getString();
    }
    auto d = resolve_date_arg(asof, DateBound::end, [] { return today_local(); });
    if (!d) throw UsageError("--asof needs today, latest or a date like 2025-03-31, not '" + asof + "'");
    return *d;
  };
}

}  // namespace

RunArgs parse_query_args(const CannedQuery& q, const std::vector<std::string>& args) {
  RunArgs r;
  std::vector<std::string> names;
  for (const auto& p : q.params) names.push_back(p.name);
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") {
      r.positional.insert(r.positional.end(), args.begin() + static_cast<long>(i) + 1, args.end());
      break;
    }
    if (a == "--help" || a == "-h") {
      r.help = true;
      continue;
    }
    if (a == "--param" || a == "-p" || a.rfind("--param=", 0) == 0) {
      std::string kv;
      if (a.rfind("--param=", 0) == 0)
        kv = a.substr(8);
      else if (i + 1 < args.size())
        kv = args[++i];
      else
        throw UsageError(a + " needs NAME=VALUE or NAME VALUE");
      auto eq = kv.find('=');
      if (eq == std::string::npos && !kv.empty() && i + 1 < args.size()) {
        r.named.emplace_back(kv, args[++i]);  // -p NAME VALUE
        continue;
      }
      if (eq == std::string::npos || eq == 0) throw UsageError(a + " needs NAME=VALUE or NAME VALUE, not '" + kv + "'");
      r.named.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
      continue;
    }
    if (a.size() > 2 && a.rfind("--", 0) == 0) {
      std::string key = a.substr(2);
      if (auto eq = key.find('='); eq != std::string::npos) {
        r.named.emplace_back(key.substr(0, eq), key.substr(eq + 1));
        continue;
      }
      const QueryParam* p = param_of(q, key);
      if (p && p->type == "bool") {
        r.named.emplace_back(key, "true");
        continue;
      }
      if (!p) {
        std::vector<std::string> options;
        for (const auto& n : names) options.push_back("--" + n);
        for (const auto& n : global_option_names())
          if (n.rfind("--", 0) == 0) options.push_back(n);
        throw UsageError(UserMessage{"query '" + q.name + "' has no option --" + key, {}, closest_match("--" + key, options),
                                     "`yanbao queries show " + q.name + "` lists its parameters"});
      }
      if (i + 1 >= args.size()) throw UsageError("--" + key + " needs a value");
      r.named.emplace_back(key, args[++i]);
      continue;
    }
    if (a.size() > 1 && a[0] == '-' && !(std::isdigit(static_cast<unsigned char>(a[1])) || a[1] == '.'))
      throw UsageError("unknown option " + a + " (query options are --NAME VALUE; see yanbao queries show " + q.name + ")");
    r.positional.push_back(a);
  }
  return r;
}

int run_canned_command(CommandContext& ctx, const std::string& name, const std::vector<std::string>& words) {
  std::vector<std::string> rest = take_global_options(words, ctx.global);
  QueryCatalog catalog = QueryCatalog::load(ctx.global.query_files);
  const CannedQuery& q = catalog.get(name);
  RunArgs args = parse_query_args(q, rest);
  if (args.help) {
    describe_query(std::cout, q);
    return 0;
  }
  Params params = resolve_params(q, args.positional, args.named, anchor_for(ctx.global));
  auto db = open_archive_readonly(ctx.global.db);
  if (q.sql.find("reports_fts") != std::string::npos) {
    // Version 16 changed what the index holds (segmented text) and so how it is searched.
    if (const int v = db->execAndGet("PRAGMA user_version").getInt(); v < 16)
      throw FatalError(UserMessage{"the archive has schema version " + std::to_string(v) +
                                       ", whose full-text index this yanbao cannot search",
                                   ctx.global.db, {}, "run `yanbao ingest` once to upgrade it"});
    if (std::string warning = catch_up_search_index(*db); !warning.empty()) std::cerr << "yanbao: " << warning << "\n";
  }
  try {
    run_and_print_canned(db->getHandle(), q, params, std::cout, std::cerr, output_options(ctx.global));
  } catch (const FatalError& e) {
    // A built-in may read tables, columns or indexes a later migration added, and a
    // read-only open never migrates: on an older archive, say how to upgrade it (whatever
    // SQLite's words for the failure were).
    const int version = db->execAndGet("PRAGMA user_version").getInt();
    if (version >= latest_schema_version()) throw;
    UserMessage m = e.message;
    m.input = ctx.global.db;
    m.help = "the archive has schema version " + std::to_string(version) + ", older than this yanbao's (" +
             std::to_string(latest_schema_version()) + "): run yanbao ingest once to upgrade it";
    throw FatalError(m);
  }
  return 0;
}

}  // namespace yanbao
