#include "ingest/report.h"

#include <algorithm>
#include <initializer_list>

#include "extract/dates.h"
#include "extract/extract.h"
#include "extract/meta.h"
#include "ingest/frontmatter.h"

namespace yanbao {
namespace {

/// The first non-empty scalar among keys, in order.
std::optional<std::string> first_scalar(const FrontMatter& fm, std::initializer_list<std::string_view> keys) {
  for (auto key : keys) {
    auto it = fm.scalars.find(std::string(key));
    if (it == fm.scalars.end()) continue;
    std::string_view v = trim(it->second);
    if (!v.empty()) return std::string(v);
  }
  return std::nullopt;
}

std::string_view file_name(std::string_view path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace

ParseOutcome parse_report(std::string_view bytes, std::string_view rel_path) {
  ParseOutcome result;
  Decoded decoded;
  if (!decode_text(bytes, decoded, result.problem)) return result;

  FrontMatter fm;
  std::string_view body;
  int body_line = 1;
  if (!parse_front_matter(decoded.text, fm, body, body_line, result.problem)) return result;

  ReportRecord& r = result.report;
  r.encoding = decoded.encoding;
  r.front_format = fm.format;
  r.front_matter_json = fm.json;
  r.body = std::string(body);

  r.title = first_scalar(fm, {"title", "标题", "name"});
  if (!r.title) r.title = title_from_body(body);

  r.published = first_scalar(fm, {"date", "published", "publish_date", "pubdate", "发布日期", "日期", "time"});
  if (r.published) r.report_date = parse_date(*r.published);
  if (!r.report_date) r.report_date = date_in_filename(file_name(rel_path));

  r.broker = broker_from_source_line(body);
  if (!r.broker) r.broker = first_scalar(fm, {"source", "broker", "author", "机构", "来源", "institution"});
  if (!r.broker && r.title) r.broker = broker_from_title(*r.title);
  if (r.title) r.series = series_from_title(*r.title);

  r.url = first_scalar(fm, {"url", "link", "source_url", "original_url", "原文链接"});
  if (r.url && r.url->rfind("http", 0) != 0) r.url.reset();
  if (!r.url) r.url = source_url(body);
  r.summary = first_scalar(fm, {"summary", "description", "abstract", "摘要"});

  for (auto [key, kind] : {std::pair<std::string_view, std::string_view>{"categories", "category"},
                           {"category", "category"},
                           {"tags", "tag"}}) {
    auto it = fm.lists.find(std::string(key));
    if (it == fm.lists.end()) continue;
    for (const auto& v : it->second) {
      std::string value(trim(v));
      if (value.empty()) continue;
      std::pair<std::string, std::string> tag{std::string(kind), value};
      if (std::find(r.tags.begin(), r.tags.end(), tag) == r.tags.end()) r.tags.push_back(std::move(tag));
    }
  }

  ExtractContext ctx{r.title.value_or(""), r.report_date.value_or(""), {}};
  for (const auto& t : r.tags) ctx.tags.push_back(t.second);
  r.extraction = extract_report(body, ctx);
  // A real report lists dozens of rows per table; tens of thousands mean a generated or
  // corrupted file, which would bloat the archive and every query over it.
  const Extraction& x = r.extraction;
  for (auto [table, n] : {std::pair<const char*, size_t>{"indices", x.indices.size()},
                          {"movers", x.movers.size()},
                          {"news", x.news.size()},
                          {"events", x.events.size()},
                          {"picks", x.picks.size()},
                          {"risks", x.risks.size()},
                          {"sectors", x.sectors.size()},
                          {"ratings", x.ratings.size()},
                          {"forecasts", x.forecasts.size()},
                          {"analysts", x.analysts.size()}}) {
    if (n > kMaxRowsPerTable) {
      result.problem = {"too many " + std::string(table) + " (" + std::to_string(n) + " > " +
                            std::to_string(kMaxRowsPerTable) + "); not a report yanbao can store",
                        0};
      return result;
    }
  }
  result.ok = true;
  return result;
}

}  // namespace yanbao
