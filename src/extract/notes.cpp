#include "extract/notes.h"

#include <optional>
#include <string>
#include <vector>

#include "extract/analysts.h"
#include "extract/document.h"
#include "extract/forecasts.h"
#include "extract/ratings.h"
#include "extract/report_kind.h"
#include "extract/scan.h"
#include "extract/sector_rankings.h"

namespace yanbao {
namespace {

using scan::contains;

/// Rows read from the rendered text name its lines; these are turned into body lines.
template <class Rows>
void to_body_lines(Rows& rows, const std::vector<int>& line_of) {
  for (auto& r : rows)
    if (r.line > 0 && static_cast<size_t>(r.line) <= line_of.size()) r.line = line_of[static_cast<size_t>(r.line) - 1];
}

}  // namespace

void extract_notes(std::string_view body, const Document& doc, std::string_view text,
                   const std::vector<int>& line_of, const ExtractContext& ctx, Extraction& out) {
  out.kind = classify_report(ctx.title, text, ctx.tags);
  out.analysts = extract_analysts(body);
  out.ratings = extract_ratings(text, ctx, out.kind, {});
  to_body_lines(out.ratings, line_of);
  // The 评级 column of tables of stocks, each row with the table's line; a company note's
  // own stock is rated by its text, not by a table of peers.
  const std::optional<StockRef> noted = out.kind == "company" ? title_stock(ctx.title) : std::nullopt;
  for (const auto& b : doc.blocks) {
    if (b.kind != BlockKind::kTable) continue;
    for (auto& r : table_ratings(b.table)) {
      if (noted && r.code == noted->code) continue;
      bool dup = false;
      for (const auto& o : out.ratings)
        if (o.subject == r.subject && o.name == r.name && o.code == r.code && o.rating == r.rating) dup = true;
      if (dup) continue;
      r.line = b.line;
      out.ratings.push_back(std::move(r));
    }
  }

  const std::string year = ctx.report_date.size() >= 4 ? ctx.report_date.substr(0, 4) : std::string();
  const int report_year = year.empty() ? 0 : std::atoi(year.c_str());

  // Forecasts: a company note's table about the company of its title, else its sentences.
  if (out.kind == "company") {
    std::optional<StockRef> company = title_stock(ctx.title);
    if (company) {
      for (const auto& p : doc.blocks) {
        if (p.kind != BlockKind::kTable) continue;
        auto rows = extract_forecasts(p.table, *company, report_year, p.text, p.line);
        for (auto& r : rows) {
          bool dup = false;
          for (const auto& o : out.forecasts)
            if (o.year == r.year && o.metric == r.metric) dup = true;
          if (!dup) out.forecasts.push_back(std::move(r));
        }
      }
      if (out.forecasts.empty()) {
        for (const auto& p : doc.blocks) {
          if (p.kind == BlockKind::kTable) continue;
          scan::split(p.text, U"。；;", [&](std::string_view sentence) {
            if (!out.forecasts.empty()) return;
            out.forecasts = sentence_forecasts(sentence, *company, p.line);
          });
          if (!out.forecasts.empty()) break;
        }
      }
    }
  }

  // Sector rankings. The default period: a morning note's rankings are of the previous day;
  // a weekly's of its week; a monthly's of its month.
  SectorContext sctx;
  sctx.report_year = year;
  if (out.kind == "morning") sctx.period = "day";
  else if (contains(ctx.title, "周报") || contains(ctx.title, "周评") || contains(ctx.title, "周观察")) sctx.period = "week";
  else if (contains(ctx.title, "月报")) sctx.period = "month";
  std::string_view lead;  // a paragraph that ended mid-sentence (；，) leads into the next
  for (const auto& p : doc.blocks) {
    auto rows = p.kind == BlockKind::kTable ? table_sectors(p.table, p.text, sctx, p.line)
                                            : paragraph_sectors(p.text, sctx, p.line, lead);
    for (auto& r : rows) out.sectors.push_back(std::move(r));
    std::string_view t = scan::trim(p.text);
    bool open_end = p.kind != BlockKind::kTable && (scan::ends_at(t, t.size(), "；") || scan::ends_at(t, t.size(), "，"));
    lead = open_end ? std::string_view(p.text) : std::string_view();
  }
}

}  // namespace yanbao
