// `yanbao extract FILE [--format json]`: what ingest would store for one file, without an archive.
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/command.h"
#include "extract/codes.h"
#include "ingest/report.h"
#include "util/error.h"
#include "util/json.h"

namespace yanbao {
namespace {

struct ExtractCliOptions {
  std::string file;
};

std::string opt_text(const std::optional<std::string>& v) { return v ? *v : "-"; }
std::string opt_num(const std::optional<double>& v) { return v ? json::number_or_null(v) : "-"; }

/// ", \"line\": N" (null when unknown): the body line a row came from.
std::string line_json(int line) { return ", \"line\": " + (line > 0 ? std::to_string(line) : std::string("null")); }

/// "L12  " in front of a row of the text output: the body line it came from.
std::string line_text(int line) { return line > 0 ? "L" + std::to_string(line) + "  " : "L-  "; }

std::string to_json(const ReportRecord& r) {
  const Extraction& x = r.extraction;
  std::string o = "{\n  \"report\": {";
  auto field = [&](const char* k, const std::optional<std::string>& v, bool first = false) {
    o += first ? "\n" : ",\n";
    o += "    ";
    o += json::quote(k) + ": " + json::quote_or_null(v);
  };
  field("title", r.title, true);
  field("published", r.published);
  field("report_date", r.report_date);
  field("broker", r.broker);
  field("series", r.series);
  field("url", r.url);
  field("period_start", x.period_start);
  field("period_end", x.period_end);
  field("topic", x.topic);
  field("kind", std::optional<std::string>(x.kind));
  field("summary", r.summary);
  field("encoding", r.encoding);
  field("front_format", r.front_format.empty() ? std::nullopt : std::optional(r.front_format));
  o += ",\n    \"front_matter\": " + r.front_matter_json + "\n  }";
  auto list = [&](const char* name, size_t n, auto&& item) {
    o += ",\n  " + json::quote(name) + ": [";
    for (size_t i = 0; i < n; ++i) o += (i ? ",\n    " : "\n    ") + item(i);
    o += n ? "\n  ]" : "]";
  };
  list("tags", r.tags.size(), [&](size_t i) {
    return "{\"kind\": " + json::quote(r.tags[i].first) + ", \"value\": " + json::quote(r.tags[i].second) + "}";
  });
  list("indices", x.indices.size(), [&](size_t i) {
    const auto& v = x.indices[i];
    return "{\"name\": " + json::quote(v.name) + ", \"raw_name\": " + json::quote(v.raw_name) +
           ", \"period\": " + json::quote(v.period) + ", \"close\": " + json::number_or_null(v.close) +
           ", \"change_pct\": " + json::number_or_null(v.change_pct) + line_json(v.line) + "}";
  });
  list("sectors", x.sectors.size(), [&](size_t i) {
    const auto& v = x.sectors[i];
    return "{\"name\": " + json::quote(v.name) + ", \"scheme\": " + json::quote_or_null(v.scheme) +
           ", \"period\": " + json::quote(v.period) + ", \"change_pct\": " + json::number_or_null(v.change_pct) +
           line_json(v.line) + "}";
  });
  list("movers", x.movers.size(), [&](size_t i) {
    const auto& v = x.movers[i];
    return "{\"name\": " + json::quote(v.name) + ", \"code\": " + json::quote_or_null(v.code) +
           ", \"direction\": " + json::quote(v.direction) + ", \"change_pct\": " + json::number_or_null(v.change_pct) +
           line_json(v.line) + "}";
  });
  list("news", x.news.size(), [&](size_t i) {
    return "{\"text\": " + json::quote(x.news[i].text) + line_json(x.news[i].line) + "}";
  });
  list("events", x.events.size(), [&](size_t i) {
    const auto& v = x.events[i];
    return "{\"event_date\": " + json::quote_or_null(v.event_date) + ", \"company\": " + json::quote(v.company) +
           ", \"code\": " + json::quote_or_null(v.code) + ", \"text\": " + json::quote(v.text) + line_json(v.line) + "}";
  });
  list("picks", x.picks.size(), [&](size_t i) {
    const auto& v = x.picks[i];
    return "{\"theme\": " + json::quote_or_null(v.theme) + ", \"name\": " + json::quote(v.name) +
           ", \"base_name\": " + json::quote(base_name(v.name)) + ", \"code\": " + json::quote_or_null(v.code) +
           ", \"kind\": " + json::quote(v.kind) + ", \"rating\": " + json::quote_or_null(v.rating) + line_json(v.line) + "}";
  });
  list("risks", x.risks.size(), [&](size_t i) {
    return "{\"text\": " + json::quote(x.risks[i].text) + line_json(x.risks[i].line) + "}";
  });
  list("ratings", x.ratings.size(), [&](size_t i) {
    const auto& v = x.ratings[i];
    return "{\"subject\": " + json::quote(v.subject) + ", \"name\": " + json::quote(v.name) +
           ", \"code\": " + json::quote_or_null(v.code) + ", \"rating\": " + json::quote(v.rating) +
           ", \"action\": " + json::quote_or_null(v.action) + ", \"target_price\": " +
           json::number_or_null(v.target_price) + ", \"currency\": " + json::quote_or_null(v.currency) +
           line_json(v.line) + "}";
  });
  list("forecasts", x.forecasts.size(), [&](size_t i) {
    const auto& v = x.forecasts[i];
    return "{\"name\": " + json::quote(v.name) + ", \"code\": " + json::quote_or_null(v.code) +
           ", \"year\": " + std::to_string(v.year) + ", \"actual\": " + (v.actual ? "1" : "0") +
           ", \"metric\": " + json::quote(v.metric) + ", \"value\": " + json::number_or_null(v.value) +
           line_json(v.line) + "}";
  });
  list("analysts", x.analysts.size(), [&](size_t i) {
    const auto& v = x.analysts[i];
    return "{\"name\": " + json::quote(v.name) + ", \"license\": " + json::quote_or_null(v.license) +
           ", \"email\": " + json::quote_or_null(v.email) + line_json(v.line) + "}";
  });
  o += "\n}\n";
  return o;
}

std::string to_text(const ReportRecord& r) {
  const Extraction& x = r.extraction;
  std::ostringstream o;
  o << "title:        " << opt_text(r.title) << "\n"
    << "report_date:  " << opt_text(r.report_date) << "\n"
    << "broker:       " << opt_text(r.broker) << "\n"
    << "series:       " << opt_text(r.series) << "\n"
    << "url:          " << opt_text(r.url) << "\n"
    << "period:       " << opt_text(x.period_start) << " .. " << opt_text(x.period_end) << "\n"
    << "topic:        " << opt_text(x.topic) << "\n"
    << "kind:         " << x.kind << "\n"
    << "encoding:     " << r.encoding << (r.front_format.empty() ? "" : ", " + r.front_format + " front matter")
    << "\n";
  o << "\nindices (" << x.indices.size() << ")\n";
  for (const auto& v : x.indices)
    o << "  " << line_text(v.line) << v.name << "  " << v.period << "  close " << opt_num(v.close) << "  " << opt_num(v.change_pct)
      << "%" << (v.raw_name != v.name ? "  (" + v.raw_name + ")" : "") << "\n";
  o << "\nsectors (" << x.sectors.size() << ")\n";
  for (const auto& v : x.sectors)
    o << "  " << line_text(v.line) << v.name << "  " << opt_text(v.scheme) << "  " << v.period << "  "
      << json::number_or_null(v.change_pct) << "%\n";
  o << "\nmovers (" << x.movers.size() << ")\n";
  for (const auto& v : x.movers)
    o << "  " << line_text(v.line) << v.direction << "  " << v.name << "  " << opt_text(v.code) << "  " << opt_num(v.change_pct) << "\n";
  o << "\nnews (" << x.news.size() << ")\n";
  for (const auto& v : x.news) o << "  " << line_text(v.line) << "- " << v.text << "\n";
  o << "\nevents (" << x.events.size() << ")\n";
  for (const auto& v : x.events) o << "  " << line_text(v.line) << opt_text(v.event_date) << "  " << v.company << "  " << v.text << "\n";
  o << "\npicks (" << x.picks.size() << ")\n";
  for (const auto& v : x.picks)
    o << "  " << line_text(v.line) << v.kind << "  " << opt_text(v.theme) << "  " << v.name << "  " << opt_text(v.code)
      << (v.rating ? "  " + *v.rating : "") << "\n";
  o << "\nrisks (" << x.risks.size() << ")\n";
  for (const auto& v : x.risks) o << "  " << line_text(v.line) << "- " << v.text << "\n";
  o << "\nratings (" << x.ratings.size() << ")\n";
  for (const auto& v : x.ratings)
    o << "  " << line_text(v.line) << v.subject << "  " << v.name << "  " << opt_text(v.code) << "  " << v.rating << "  "
      << opt_text(v.action)
      << (v.target_price ? "  target " + json::number_or_null(v.target_price) + " " + v.currency.value_or("") : "")
      << "\n";
  o << "\nforecasts (" << x.forecasts.size() << ")\n";
  for (const auto& v : x.forecasts)
    o << "  " << line_text(v.line) << v.name << "  " << v.year << (v.actual ? "A" : "E") << "  " << v.metric << "  "
      << json::number_or_null(v.value) << "\n";
  o << "\nanalysts (" << x.analysts.size() << ")\n";
  for (const auto& v : x.analysts)
    o << "  " << line_text(v.line) << v.name << "  " << opt_text(v.license) << "  " << opt_text(v.email) << "\n";
  return o.str();
}

int run_extract_command(const ExtractCliOptions& o, const GlobalOptions& g) {
  std::ifstream in(o.file, std::ios::binary);
  if (!in) throw UsageError("cannot read " + o.file);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ParseOutcome p = parse_report(bytes, o.file);
  if (!p.ok) {
    std::cerr << o.file << (p.problem.line > 0 ? ":" + std::to_string(p.problem.line) : "") << ": "
              << p.problem.message << "\n";
    return kExitPartial;
  }
  std::cout << (g.format == Format::json ? to_json(p.report) : to_text(p.report));
  return kExitOk;
}

}  // namespace

void setup_extract(CLI::App& app, CommandContext& ctx) {
  auto o = std::make_shared<ExtractCliOptions>();
  auto* sub = app.add_subcommand("extract", "Show everything ingest would store for one file (no archive)");
  sub->add_option("file", o->file, "A report file")->required();
  sub->footer("Use --format json for machine-readable output. Exit code 3 when the file would be rejected.\n\n"
              "Examples:\n"
              "  yanbao extract examples/notes/huichuan-20250305.md\n"
              "  yanbao extract --format json report.md");
  sub->callback([o, &ctx] { ctx.exit_code = run_extract_command(*o, ctx.global); });
}

}  // namespace yanbao
