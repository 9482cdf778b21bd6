#include <algorithm>
#include <optional>
#include <cctype>
#include <cstdlib>
#include <iostream>

#include <sqlite3.h>

#include <SQLiteCpp/Exception.h>

#include "cli/command.h"
#include "cli/global_options.h"
#include "util/error.h"
#include "util/suggest.h"

namespace yanbao {
namespace {

/// What comes before the subcommand: its name as typed (the first bare word), or the
/// first option that is no global option (`--fmt`), which would otherwise make its value
/// look like the command (`unknown command 'csv'`).
struct TypedCommand {
  std::string name;
  std::string unknown_option;
};

TypedCommand typed_command(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--") return {};
    std::string_view key = a.substr(0, a.rfind("--", 0) == 0 ? a.find('=') : std::string_view::npos);
    if (const GlobalOptionSpec* spec = find_global_option(key)) {
      if (!spec->value.empty() && key.size() == a.size()) ++i;
      continue;
    }
    if (a == "--help" || a == "-h" || a == "--version" || a == "-V") continue;
    if (!a.empty() && a[0] == '-') return {"", std::string(key)};
    return {std::string(a), ""};
  }
  return {};
}

/// "unknown option --fmt; did you mean --format?" for the first word that looks like an
/// option and is none of the app's or the chosen command's, or nullopt when there is none.
std::optional<UserMessage> misspelled_option(const CLI::App& app, const std::vector<std::string>& argv) {
  std::vector<std::string> known;
  auto add = [&](const CLI::App* a) {
    for (const CLI::Option* o : a->get_options()) {
      for (const auto& l : o->get_lnames()) known.push_back("--" + l);
      for (const auto& n : o->get_snames()) known.push_back("-" + n);
    }
  };
  add(&app);
  for (const CLI::App* sub : app.get_subcommands()) add(sub);
  for (const auto& a : argv) {
    if (a == "--") break;
    if (a.size() < 2 || a[0] != '-' || std::isdigit(static_cast<unsigned char>(a[1]))) continue;
    const std::string key = a.substr(0, a.find('='));
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    return UserMessage{"unknown option " + key, {}, closest_match(key, known), "`yanbao COMMAND --help` lists a command's options"};
  }
  return std::nullopt;
}

/// Every error a user sees goes out here, in one shape (util/error.h).
int report(const UserMessage& m, int exit_code) {
  std::cerr << "yanbao: " << m.render() << "\n";
  return exit_code;
}

std::string default_db_path() {
  if (const char* env = std::getenv("YANBAO_DB"); env && *env) return env;
  return "yanbao.db";
}

}  // namespace

int run_cli(int argc, char** argv) {
  // No connection is ever shared between threads (an ingest's parsers never touch SQLite),
  // so SQLite's per-connection mutexes are pure cost. Fails harmlessly (SQLITE_MISUSE) when
  // SQLite is already initialized, e.g. when tests call run_cli twice in one process.
  sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
  // Allocation statistics cost a global mutex per sqlite3_malloc/free; nothing reads them.
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  // No up-front page-cache block per cache: every temporary b-tree a query opens (IN lists,
  // UNION, window partitions) would otherwise allocate and touch 20 pages it mostly never
  // uses. Pages are then allocated one at a time, as they are needed.
  sqlite3_config(SQLITE_CONFIG_PAGECACHE, nullptr, 0, 0);
  CommandContext ctx;
  ctx.global.db = default_db_path();
  ctx.argv.assign(argv + 1, argv + argc);
  CLI::App app{"yanbao: turn a folder of Chinese brokerage research reports into a queryable SQLite archive",
               "yanbao"};
  app.set_version_flag("--version,-V", std::string("yanbao ") + YANBAO_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  app.option_defaults()->always_capture_default();
  add_global_options(app, ctx.global);
  app.footer("Examples:\n"
             "  yanbao ingest ~/reports              build or update ./yanbao.db from a folder\n"
             "  yanbao picks 经纬恒润                 a stock's picks, ratings and targets\n"
             "  yanbao --format csv run top-picks --since 6m\n"
             "Run 'yanbao COMMAND --help' for a command's options and examples.");

  std::vector<std::string> names;
  for (const auto& spec : command_registry()) {
    spec.setup(app, ctx);
    names.emplace_back(spec.name);
  }

  const TypedCommand typed_cmd = typed_command(argc, argv);
  if (!typed_cmd.unknown_option.empty())
    return report(UserMessage{"unknown option " + typed_cmd.unknown_option, {},
                              closest_match(typed_cmd.unknown_option, global_option_names()),
                              "`yanbao --help` lists the options every command takes"},
                  kExitUsage);
  const std::string& typed = typed_cmd.name;
  if (!typed.empty() && std::find(names.begin(), names.end(), typed) == names.end())
    return report(UserMessage{"unknown command '" + typed + "'", {}, closest_match(typed, names),
                              "`yanbao --help` lists the commands"},
                  kExitUsage);

  try {
    // CLI11 runs the chosen subcommand's callback inside parse(); run functions report
    // through ctx.exit_code.
    app.parse(argc, argv);
    return ctx.exit_code;
  } catch (const CLI::ExtrasError& e) {
    // CLI11 says only "not expected": name the option and the one that was meant.
    if (auto msg = misspelled_option(app, ctx.argv)) return report(*msg, kExitUsage);
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitUsage;
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitUsage;
  } catch (const UsageError& e) {
    return report(e.message, kExitUsage);
  } catch (const FatalError& e) {
    return report(e.message, kExitFatal);
  } catch (const SQLite::Exception& e) {
    // Told apart by SQLite's result code, never by the wording of its message.
    if (e.getErrorCode() == SQLITE_BUSY || e.getErrorCode() == SQLITE_LOCKED)
      return report(UserMessage{"archive is busy", ctx.global.db, {},
                                "another yanbao is writing to it; try again when it has finished"},
                    kExitFatal);
    return report(UserMessage{std::string("sqlite: ") + e.what(), ctx.global.db, {}, {}}, kExitFatal);
  } catch (const std::exception& e) {
    return report(UserMessage{e.what(), {}, {}, {}}, kExitFatal);
  }
}

}  // namespace yanbao
