#include "cli/global_options.h"

#include <algorithm>
#include <charconv>

#include "cli/command.h"
#include "query/output.h"
#include "util/error.h"
#include "util/suggest.h"

namespace yanbao {
namespace {


/// "--format,-f" → {"--format", "-f"}
std::vector<std::string> names_of(const GlobalOptionSpec& s) {
  std::vector<std::string> out;
  std::string_view rest = s.names;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    out.emplace_back(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
  }
  return out;
}

std::string long_name(const GlobalOptionSpec& s) { return names_of(s).front(); }

}  // namespace

const std::vector<GlobalOptionSpec>& global_option_specs() {
  static const std::vector<GlobalOptionSpec> specs = {
      {"--db", "FILE", "Archive file (default: $YANBAO_DB, else ./yanbao.db)"},
      {"--format,-f", "FORMAT", "Output format for rows: table (default), csv, tsv, json, jsonl, markdown"},
      {"--no-header", "", "Omit the header row"},
      {"--max-width", "N", "Cut table cells wider than this many display columns (default 40, at least 4)"},
      {"--queries", "FILE", "Extra canned-query YAML file, yanbao's or Datasette's form (repeatable)"},
      {"--asof", "DATE", "What relative dates (30d, 6m, 1y) count back from: today (default), latest "
                         "(the newest report) or a date"},
  };
  return specs;
}

const GlobalOptionSpec* find_global_option(std::string_view arg) {
  for (const auto& s : global_option_specs())
    for (const auto& n : names_of(s))
      if (n == arg) return &s;
  return nullptr;
}

std::vector<std::string> global_option_names() {
  std::vector<std::string> out;
  for (const auto& s : global_option_specs())
    for (auto& n : names_of(s)) out.push_back(std::move(n));
  return out;
}

void set_global_option(GlobalOptions& g, const GlobalOptionSpec& spec, const std::string& value) {
  const std::string name = long_name(spec);
  if (name == "--db") {
    g.db = value;
  } else if (name == "--format") {
    const std::optional<Format> format = parse_format(value);
    if (!format) {
      const std::vector<std::string> formats = output_format_names();
      UserMessage msg{"--format: '" + value + "' is not a format", {}, closest_match(value, formats), "choose one of"};
      for (size_t i = 0; i < formats.size(); ++i) msg.help += (i ? ", " : " ") + formats[i];
      throw UsageError(msg);
    }
    g.format = *format;
  } else if (name == "--no-header") {
    g.no_header = true;
  } else if (name == "--max-width") {
    int w = 0;
    auto r = std::from_chars(value.data(), value.data() + value.size(), w);
    if (r.ec != std::errc() || r.ptr != value.data() + value.size() || w < 4 || w > 100000)
      throw UsageError("--max-width needs a number from 4 to 100000, not '" + value + "'");
    g.max_width = w;
  } else if (name == "--queries") {
    g.query_files.push_back(value);
  } else if (name == "--asof") {
    if (value.empty()) throw UsageError("--asof needs today, latest or a date");
    g.asof = value;
  }
}

void add_global_options(CLI::App& app, GlobalOptions& g) {
  for (const auto& spec : global_option_specs()) {
    const GlobalOptionSpec* s = &spec;
    if (spec.value.empty()) {
      app.add_flag_function(std::string(spec.names), [&g, s](std::int64_t) { set_global_option(g, *s, ""); },
                            std::string(spec.help));
      continue;
    }
    app.add_option(std::string(spec.names))
        ->description(std::string(spec.help))
        ->type_name(std::string(spec.value))
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
        ->each([&g, s](const std::string& v) { set_global_option(g, *s, v); });
  }
}

std::vector<std::string> take_global_options(const std::vector<std::string>& args, GlobalOptions& g) {
  std::vector<std::string> rest;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") {
      rest.insert(rest.end(), args.begin() + static_cast<long>(i), args.end());
      break;
    }
    std::string key = a;
    std::string value;
    bool has_inline = false;
    if (a.rfind("--", 0) == 0) {
      if (auto eq = a.find('='); eq != std::string::npos) {
        key = a.substr(0, eq);
        value = a.substr(eq + 1);
        has_inline = true;
      }
    }
    const GlobalOptionSpec* spec = find_global_option(key);
    if (!spec || (spec->value.empty() && has_inline)) {
      rest.push_back(a);
      continue;
    }
    if (!spec->value.empty() && !has_inline) {
      if (i + 1 >= args.size()) throw UsageError(key + " needs a value");
      value = args[++i];
    }
    set_global_option(g, *spec, value);
  }
  return rest;
}

OutputOptions output_options(const GlobalOptions& g) {
  OutputOptions o;
  o.format = g.format;
  o.header = !g.no_header;
  o.max_width = g.max_width;
  return o;
}

}  // namespace yanbao
