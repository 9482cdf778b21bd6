// yanbao search TEXT [--limit N] [--raw]: full-text search (the `search` canned query).
#include <memory>

#include "cli/command.h"
#include "cli/canned_args.h"

namespace yanbao {
namespace {

struct SearchOptions {
  std::vector<std::string> words;
  int limit = 20;
  bool raw = false;
};

}  // namespace

void setup_search(CLI::App& app, CommandContext& ctx) {
  auto o = std::make_shared<SearchOptions>();
  auto* sub = app.add_subcommand("search", "Full-text search over report titles and bodies, best matches first");
  sub->add_option("text", o->words, "Words to find (all of them); Chinese words of any length work")->required();
  sub->add_option("--limit,-n", o->limit, "At most this many reports")->check(CLI::PositiveNumber);
  sub->add_flag("--raw", o->raw, "Pass FTS5 query syntax through (OR, NOT, NEAR, \"phrases\", prefix*)");
  sub->footer("Each word is searched as a phrase; matches are marked >>like this<< in the snippet.\n"
              "See schema/search.md for how Chinese text is indexed.\n\n"
              "Examples:\n"
              "  yanbao search 智驾 --limit 3\n"
              "  yanbao search --raw '具身智能 OR 人形机器人'");
  sub->callback([&ctx, o] {
    std::string text;
    for (const auto& w : o->words) text += (text.empty() ? "" : " ") + w;
    std::vector<std::string> words = {"--text=" + text, "--limit=" + std::to_string(o->limit)};
    if (o->raw) words.emplace_back("--raw");
    ctx.exit_code = run_canned_command(ctx, "search", words);
  });
}

}  // namespace yanbao
