#include "query/canned.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <unordered_map>

#include "cli/command.h"
#include "extract/codes.h"
#include "extract/dates.h"
#include "query/tokenize.h"
#include "util/embedded.h"
#include "util/error.h"

namespace yanbao {
namespace {

const std::vector<std::string> kTypes = {"text", "int", "real", "date", "bool", "ticker", "fts"};

bool valid_identifier(std::string_view s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

bool valid_query_name(std::string_view s) {
  if (s.empty() || s[0] == '-') return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; });
}

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

[[noreturn]] void bad_definition(const std::string& source, const YAML::Node& node, const std::string& what) {
  std::string where = source;
  if (node.IsDefined() && node.Mark().line >= 0) where += ":" + std::to_string(node.Mark().line + 1);
  throw FatalError("bad query definition in " + where + ": " + what);
}

std::string scalar(const YAML::Node& n, const char* key, const std::string& source, bool required) {
  YAML::Node v = n[key];
  if (!v.IsDefined() || v.IsNull()) {
    if (required) bad_definition(source, n, std::string("missing '") + key + "'");
    return {};
  }
  if (!v.IsScalar()) bad_definition(source, v, std::string("'") + key + "' must be text");
  return v.Scalar();
}

bool flag(const YAML::Node& n, const char* key, const std::string& source) {
  YAML::Node v = n[key];
  if (!v.IsDefined() || v.IsNull()) return false;
  try {
    return v.as<bool>();
  } catch (const YAML::Exception&) {
    bad_definition(source, v, std::string("'") + key + "' must be true or false");
  }
}

QuerySection parse_section(const YAML::Node& n, const std::string& source) {
  if (!n.IsMap()) bad_definition(source, n, "a section needs title and sql");
  QuerySection s;
  s.title = scalar(n, "title", source, false);
  s.sql = scalar(n, "sql", source, true);
  std::string layout = scalar(n, "layout", source, false);
  if (!layout.empty() && layout != "record" && layout != "table")
    bad_definition(source, n["layout"], "layout must be 'table' or 'record'");
  s.record = layout == "record";
  s.when = scalar(n, "when", source, false);
  if (s.when.empty()) s.when = "rows";
  if (s.when != "rows" && s.when != "always" && s.when != "empty")
    bad_definition(source, n["when"], "when must be rows, always or empty");
  return s;
}

CannedQuery parse_query(const YAML::Node& n, const std::string& source) {
  if (!n.IsMap()) bad_definition(source, n, "each query must be a mapping with name and sql");
  CannedQuery q;
  q.source = source;
  q.name = scalar(n, "name", source, true);
  if (!valid_query_name(q.name)) bad_definition(source, n, "query name '" + q.name + "' may use letters, digits, - and _");
  q.title = scalar(n, "title", source, false);
  q.description = trim(scalar(n, "description", source, false));
  q.sql = scalar(n, "sql", source, true);
  if (YAML::Node ps = n["params"]; ps.IsDefined() && !ps.IsNull()) {
    if (!ps.IsSequence()) bad_definition(source, ps, "params must be a list");
    for (const auto& pn : ps) {
      if (!pn.IsMap()) bad_definition(source, pn, "each param must be a mapping with a name");
      QueryParam p;
      p.name = scalar(pn, "name", source, true);
      if (!valid_identifier(p.name)) bad_definition(source, pn, "param name '" + p.name + "' must be an identifier");
      for (const auto& other : q.params)
        if (other.name == p.name) bad_definition(source, pn, "param '" + p.name + "' given twice");
      std::string type = scalar(pn, "type", source, false);
      if (!type.empty()) p.type = type;
      if (std::find(kTypes.begin(), kTypes.end(), p.type) == kTypes.end())
        bad_definition(source, pn, "unknown param type '" + p.type + "' (text, int, real, date, bool, ticker, fts)");
      p.description = scalar(pn, "description", source, false);
      if (YAML::Node d = pn["default"]; d.IsDefined() && !d.IsNull()) {
        if (!d.IsScalar()) bad_definition(source, d, "default must be a single value");
        p.default_value = d.Scalar();
      }
      p.required = flag(pn, "required", source);
      p.positional = flag(pn, "positional", source) || p.required;
      if (YAML::Node c = pn["choices"]; c.IsDefined() && !c.IsNull()) {
        if (!c.IsSequence()) bad_definition(source, c, "choices must be a list");
        for (const auto& v : c) p.choices.push_back(v.Scalar());
      }
      q.params.push_back(std::move(p));
    }
  }
  if (YAML::Node ss = n["summary"]; ss.IsDefined() && !ss.IsNull()) {
    if (!ss.IsSequence()) bad_definition(source, ss, "summary must be a list of {title, sql}");
    for (const auto& sn : ss) q.summary.push_back(parse_section(sn, source));
  }
  return q;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FatalError("cannot read query file " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// Converts one parameter's text to its bound value(s), adding derived ones.
void convert(const QueryParam& p, const std::optional<std::string>& given, bool raw_fts, Params& out) {
  const std::string& n = p.name;
  if (!given) {
    out[n] = std::monostate{};
    if (p.type == "ticker") out[n + "_base"] = out[n + "_code"] = std::monostate{};
    if (p.type == "fts") out[n + "_terms"] = std::monostate{};
    return;
  }
  std::string v = *given;
  if (!p.choices.empty() && std::find(p.choices.begin(), p.choices.end(), v) == p.choices.end()) {
    std::string msg = "invalid value '" + v + "' for --" + n + "; choose one of:";
    for (const auto& c : p.choices) msg += " " + c;
    if (auto m = closest_match(v, p.choices); !m.empty()) msg += " (did you mean '" + m + "'?)";
    throw UsageError(msg);
  }
  if (p.type == "text") {
    out[n] = v;
  } else if (p.type == "int") {
    std::string t = trim(v);
    std::int64_t x = 0;
    auto r = std::from_chars(t.data(), t.data() + t.size(), x);
    if (t.empty() || r.ec != std::errc() || r.ptr != t.data() + t.size())
      throw UsageError("--" + n + " needs a whole number, not '" + v + "'");
    out[n] = x;
  } else if (p.type == "real") {
    std::string t = trim(v);
    char* end = nullptr;
    double x = std::strtod(t.c_str(), &end);
    if (t.empty() || end != t.c_str() + t.size()) throw UsageError("--" + n + " needs a number, not '" + v + "'");
    out[n] = x;
  } else if (p.type == "date") {
    auto d = parse_date(trim(v));
    if (!d) throw UsageError("--" + n + " needs a date like 2025-02-17, not '" + v + "'");
    out[n] = *d;
  } else if (p.type == "bool") {
    std::string t = lower(trim(v));
    if (t == "true" || t == "yes" || t == "1" || t == "on")
      out[n] = std::int64_t{1};
    else if (t == "false" || t == "no" || t == "0" || t == "off")
      out[n] = std::int64_t{0};
    else
      throw UsageError("--" + n + " is true or false, not '" + v + "'");
  } else if (p.type == "ticker") {
    std::string t = trim(v);
    if (t.empty()) throw UsageError("--" + n + " needs a stock name or code");
    out[n] = t;
    out[n + "_base"] = base_name(t);
    if (auto c = normalize_code(t))
      out[n + "_code"] = *c;
    else
      out[n + "_code"] = std::monostate{};
  } else if (p.type == "fts") {
    std::string q = raw_fts ? segment_fts_query(trim(v)) : quote_fts_query(v);
    if (q.empty()) throw UsageError("nothing to search for in '" + v + "'");
    out[n] = q;
    std::string terms;
    for (const auto& t : snippet_terms(v)) terms += t + "\n";
    out[n + "_terms"] = terms;
  }
}

bool is_flag_param(const CannedQuery& q, std::string_view name) {
  for (const auto& p : q.params)
    if (p.name == name) return p.type == "bool";
  return false;
}

/// Adds the groups of a `sections:` mapping, each replacing a group of the same name.
void add_sections(std::vector<std::pair<std::string, std::vector<QuerySection>>>& groups, const YAML::Node& secs,
                  const std::string& source) {
  for (const auto& kv : secs) {
    std::vector<QuerySection> group;
    if (!kv.second.IsSequence()) bad_definition(source, kv.second, "sections." + kv.first.Scalar() + " must be a list");
    for (const auto& s : kv.second) group.push_back(parse_section(s, source));
    auto name = kv.first.Scalar();
    auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == name; });
    if (it != groups.end())
      it->second = std::move(group);
    else
      groups.emplace_back(name, std::move(group));
  }
}

/// Whether no line of `text` starts a top-level key: each is indented, blank or a comment.
bool only_indented_lines(std::string_view text) {
  for (size_t at = 0; at < text.size();) {
    if (text[at] != ' ' && text[at] != '\n' && text[at] != '#') return false;
    const size_t end = text.find('\n', at);
    if (end == std::string_view::npos) break;
    at = end + 1;
  }
  return true;
}

std::vector<std::string> param_names(const CannedQuery& q) {
  std::vector<std::string> names;
  for (const auto& p : q.params) names.push_back(p.name);
  return names;
}

}  // namespace

// ---- catalog -----------------------------------------------------------------------------

void QueryCatalog::add_yaml(std::string_view text, const std::string& source) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp says only "bad file" here.
    throw FatalError("cannot parse query file " + source + ":" + std::to_string(e.mark.line + 1) +
                     ": nested deeper than the YAML reader allows (" + std::to_string(e.depth()) +
                     " levels; the limit is 2000)");
  } catch (const YAML::ParserException& e) {
    throw FatalError("cannot parse query file " + source + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  if (!root.IsDefined() || root.IsNull()) return;  // an empty file adds nothing
  // (YAML::Node's operator= writes through to the node it refers to: use reset() to rebind.)
  YAML::Node list;
  list.reset(root);
  if (root.IsMap()) {
    for (const auto& kv : root) {
      const std::string key = kv.first.Scalar();
      if (key != "queries" && key != "sections") {
        std::string msg = "unknown top-level key '" + key + "' (expected queries:)";
        if (auto m = closest_match(key, {"queries", "sections"}); !m.empty()) msg += "; did you mean '" + m + "'?";
        bad_definition(source, kv.first, msg);
      }
    }
    list.reset(root["queries"]);
    if (YAML::Node secs = root["sections"]; secs.IsDefined() && secs.IsMap()) {
      parse_pending_sections();  // the built-ins first, so these replace them
      add_sections(sections_, secs, source);
    }
    if (!list.IsDefined() || list.IsNull()) return;
  }
  if (!list.IsSequence()) bad_definition(source, list, "expected a list of queries (queries: [...])");
  // Names are looked up in a hash map, not by a scan of the queries so far: a file of 10^5
  // queries took minutes that way (issue 13, item 10).
  std::unordered_map<std::string, size_t> index;
  index.reserve(queries_.size() + list.size());
  for (size_t i = 0; i < queries_.size(); ++i) index.emplace(queries_[i].name, i);
  for (const auto& n : list) {
    CannedQuery q = parse_query(n, source);
    if (auto [it, added] = index.emplace(q.name, queries_.size()); !added) {
      if (it->second < unparsed_.size()) unparsed_[it->second] = {};
      queries_[it->second] = std::move(q);
    } else {
      queries_.push_back(std::move(q));
    }
  }
}

QueryCatalog QueryCatalog::builtin() {
  QueryCatalog c;
  auto text = embedded::find("schema/queries.yaml");
  if (!text) throw FatalError("this yanbao was built without schema/queries.yaml");
  // The file is "queries:" with items starting "  - name: NAME", then "sections:" and nothing
  // else. Each item is kept as text and parsed when asked for, and so are the sections.
  // Anything not shaped so is parsed whole.
  const std::string_view all = *text;
  constexpr std::string_view kItem = "\n  - name: ";
  const size_t first = all.find(kItem);
  const size_t q = first == std::string_view::npos ? first : all.rfind("\nqueries:\n", first);
  constexpr std::string_view kSections = "\nsections:\n";
  const size_t sec = all.find(kSections);
  if (q == std::string_view::npos || sec == std::string_view::npos || sec < first ||
      all.find("\n", q + 1) != first || !only_indented_lines(all.substr(sec + kSections.size()))) {
    c.add_yaml(all, "built-in");
    return c;
  }
  for (size_t at = first; at != std::string_view::npos;) {
    size_t next = all.find(kItem, at + 1);
    if (next == std::string_view::npos || next > sec) next = sec;
    std::string_view item = all.substr(at + 1, next - at);
    size_t name_end = item.find('\n');
    CannedQuery placeholder;
    placeholder.name = trim(item.substr(kItem.size() - 1, name_end - (kItem.size() - 1)));
    placeholder.source = "built-in";
    c.queries_.push_back(std::move(placeholder));
    c.unparsed_.push_back(item);
    at = next == sec ? std::string_view::npos : next;
  }
  c.unparsed_sections_ = all.substr(sec + 1);
  return c;
}

void QueryCatalog::parse_pending(size_t i) const {
  if (i >= unparsed_.size() || unparsed_[i].empty()) return;
  YAML::Node list = YAML::Load(std::string(unparsed_[i]));
  if (!list.IsSequence() || list.size() != 1) throw FatalError("bad built-in query " + queries_[i].name);
  queries_[i] = parse_query(list[0], "built-in");
  unparsed_[i] = {};
}

void QueryCatalog::parse_pending_sections() const {
  if (unparsed_sections_.empty()) return;
  YAML::Node root = YAML::Load(std::string(std::exchange(unparsed_sections_, {})));
  add_sections(sections_, root["sections"], "built-in");
}

const std::vector<CannedQuery>& QueryCatalog::all() const {
  for (size_t i = 0; i < unparsed_.size(); ++i) parse_pending(i);
  return queries_;
}

QueryCatalog QueryCatalog::load(const std::vector<std::string>& extra_files) {
  QueryCatalog c = builtin();
  std::error_code ec;
  if (std::string user = user_queries_path(); !user.empty() && std::filesystem::is_regular_file(user, ec))
    c.add_yaml(read_file(user), user);
  for (const auto& f : extra_files) {
    if (!std::filesystem::is_regular_file(f, ec)) throw UsageError("no query file " + f + " (given with --queries)");
    c.add_yaml(read_file(f), f);
  }
  return c;
}

const CannedQuery* QueryCatalog::find(std::string_view name) const {
  for (size_t i = 0; i < queries_.size(); ++i) {
    if (queries_[i].name != name) continue;
    parse_pending(i);
    return &queries_[i];
  }
  return nullptr;
}

const CannedQuery& QueryCatalog::get(std::string_view name) const {
  if (const auto* q = find(name)) return *q;
  std::vector<std::string> names;
  for (const auto& q : queries_) names.push_back(q.name);
  std::string msg = "unknown query '" + std::string(name) + "'";
  if (auto m = closest_match(name, names); !m.empty()) msg += "; did you mean '" + m + "'?";
  msg += " (yanbao queries lists them)";
  throw UsageError(msg);
}

const std::vector<QuerySection>* QueryCatalog::sections(std::string_view group) const {
  parse_pending_sections();
  for (const auto& g : sections_)
    if (g.first == group) return &g.second;
  return nullptr;
}

std::string user_queries_path() {
  if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x) return std::string(x) + "/yanbao/queries.yaml";
  if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.config/yanbao/queries.yaml";
  return {};
}

// ---- parameters --------------------------------------------------------------------------

Params resolve_params(const CannedQuery& q, const std::vector<std::string>& positional,
                      const std::vector<std::pair<std::string, std::string>>& named) {
  std::vector<std::optional<std::string>> given(q.params.size());
  for (const auto& [k, v] : named) {
    const std::string& key = k;  // clang 14 cannot capture a structured binding
    auto it = std::find_if(q.params.begin(), q.params.end(), [&](const auto& p) { return p.name == key; });
    if (it == q.params.end()) {
      std::string msg = "query '" + q.name + "' has no parameter '" + k + "'";
      if (auto m = closest_match(k, param_names(q)); !m.empty()) msg += "; did you mean '" + m + "'?";
      if (q.params.empty())
        msg += " (it takes none)";
      throw UsageError(msg);
    }
    size_t i = static_cast<size_t>(it - q.params.begin());
    if (given[i]) throw UsageError("parameter '" + k + "' given twice");
    given[i] = v;
  }
  size_t next = 0;
  for (const auto& arg : positional) {
    while (next < q.params.size() && (!q.params[next].positional || given[next])) ++next;
    if (next >= q.params.size())
      throw UsageError("too many arguments for query '" + q.name + "': '" + arg + "' (see yanbao queries show " + q.name + ")");
    given[next++] = arg;
  }
  bool raw = false;
  for (size_t i = 0; i < q.params.size(); ++i) {
    const auto& p = q.params[i];
    if (!given[i] && p.default_value) given[i] = p.default_value;
    if (!given[i] && p.required) {
      std::string msg = "query '" + q.name + "' needs " + p.name;
      if (!p.description.empty()) msg += " (" + p.description + ")";
      msg += ": yanbao run " + q.name;
      for (const auto& r : q.params)
        if (r.required) msg += " " + upper(r.name);
      throw UsageError(msg);
    }
    if (p.name == "raw" && p.type == "bool" && given[i]) {
      std::string t = lower(trim(*given[i]));
      raw = t == "true" || t == "yes" || t == "1" || t == "on";
    }
  }
  Params out;
  for (size_t i = 0; i < q.params.size(); ++i) convert(q.params[i], given[i], raw, out);
  return out;
}

// ---- running and printing ----------------------------------------------------------------

namespace {

RunOptions canned_run_options() {
  RunOptions opt;
  opt.reject_unused = false;
  opt.param_hint = "--NAME VALUE";
  return opt;
}

/// Runs `f` (which prepares or runs one of the query's statements), naming the query in
/// its errors. An error in a built-in's SQL is yanbao's (FatalError, exit 1); one in a
/// query from the user's own file is the user's SQL, as in `yanbao query` (UsageError,
/// exit 2). A malformed search expression (search --raw) is the user's either way.
template <typename F>
auto as_definition(const CannedQuery& q, F&& f) {
  try {
    return f();
  } catch (const UsageError& e) {
    if (std::string_view(e.what()).rfind("search syntax error", 0) == 0) throw;
    const std::string msg = "query '" + q.name + "' (" + q.source + "): " + e.what();
    if (q.source != "built-in") throw UsageError(msg);
    throw FatalError(msg);
  } catch (const FatalError& e) {
    // A statement that fails while it runs (step_failed) in a user's query is their SQL too.
    if (q.source == "built-in" || std::string_view(e.what()).rfind("SQL error: ", 0) != 0) throw;
    throw UsageError("query '" + q.name + "' (" + q.source + "): " + e.what());
  }
}

bool section_runs(const QuerySection& s, bool had_rows) { return s.when == "always" || (s.when == "rows") == had_rows; }

void print_summaries(std::ostream& out, std::ostream& err,
                     const std::vector<std::pair<const QuerySection*, ResultSet>>& summary, const OutputOptions& opt) {
  const bool table = opt.format == "table";
  std::ostream& s = table ? out : err;
  OutputOptions sopt = opt;
  sopt.format = "table";
  sopt.header = true;
  for (const auto& [sec, rows] : summary) {
    if (rows.rows.empty()) continue;  // a section with nothing to say is left out
    s << '\n';
    if (!sec->title.empty()) s << sec->title << '\n';
    if (sec->record)
      write_record(s, rows);
    else
      write_result(s, err, rows, sopt);
  }
  s.flush();
}

}  // namespace

CannedResult run_canned(sqlite3* db, const CannedQuery& q, const Params& params) {
  const RunOptions opt = canned_run_options();
  CannedResult r;
  auto run = [&](const std::string& sql) { return as_definition(q, [&] { return run_readonly_sql(db, sql, params, opt); }); };
  r.rows = run(q.sql);
  for (const auto& s : q.summary)
    if (section_runs(s, !r.rows.rows.empty())) r.summary.emplace_back(&s, run(s.sql));
  return r;
}

void run_and_print_canned(sqlite3* db, const CannedQuery& q, const Params& params, std::ostream& out,
                          std::ostream& err, const OutputOptions& opt) {
  const RunOptions ropt = canned_run_options();
  size_t rows = 0;
  {
    // Rows go out as they come, in every format (tables are sized by their first rows), so
    // memory stays bounded however many rows a query returns. A statement that fails
    // halfway has printed what it read, then fails with its message, as `yanbao query` does.
    ReadonlyStatement st = as_definition(q, [&] { return ReadonlyStatement(db, q.sql, params, ropt); });
    rows = as_definition(q, [&] { return st.write(out, err, opt); });
    out.flush();
  }
  std::vector<std::pair<const QuerySection*, ResultSet>> summary;
  for (const auto& s : q.summary)
    if (section_runs(s, rows > 0))
      summary.emplace_back(&s, as_definition(q, [&] { return run_readonly_sql(db, s.sql, params, ropt); }));
  print_summaries(out, err, summary, opt);
}

void write_record(std::ostream& out, const ResultSet& rs) {
  int w = 0;
  for (const auto& c : rs.columns) w = std::max(w, display_width(c));
  for (const auto& row : rs.rows) {
    for (size_t c = 0; c < rs.columns.size(); ++c) {
      std::string v = c < row.size() ? value_text(row[c]) : "";
      out << rs.columns[c];
      if (!v.empty()) {
        // continuation lines of a multi-line value line up under its first line
        const std::string indent(static_cast<size_t>(w + 2), ' ');
        std::string shown;
        for (char ch : v) {
          if (ch == '\r') continue;
          const auto u = static_cast<unsigned char>(ch);
          if ((u < 0x20 && ch != '\n' && ch != '\t') || u == 0x7f) {
            // an escape sequence in a path or a body must not reach the terminal
            static constexpr char kHex[] = "0123456789ABCDEF";
            shown += "\\x";
            shown += kHex[u >> 4];
            shown += kHex[u & 15];
            continue;
          }
          shown += ch;
          if (ch == '\n') shown += indent;
        }
        out << std::string(static_cast<size_t>(w - display_width(rs.columns[c]) + 2), ' ') << shown;
      }
      out << '\n';
    }
    if (rs.rows.size() > 1) out << '\n';
  }
}

void print_canned(std::ostream& out, std::ostream& err, const CannedResult& r, const OutputOptions& opt) {
  write_result(out, err, r.rows, opt);
  print_summaries(out, err, r.summary, opt);
}

void describe_query(std::ostream& out, const CannedQuery& q) {
  out << q.name;
  if (!q.title.empty()) out << " — " << q.title;
  out << "\n";
  if (!q.description.empty()) out << "\n" << q.description << "\n";
  out << "\nUsage: yanbao run " << q.name;
  for (const auto& p : q.params) {
    const std::string u = upper(p.name);
    if (p.required)
      out << " " << u;
    else if (p.positional)
      out << " [" << u << "]";
    else if (p.type == "bool")
      out << " [--" << p.name << "]";
    else
      out << " [--" << p.name << " " << u << "]";
  }
  out << "\n";
  if (!q.params.empty()) {
    out << "\nParameters:\n";
    for (const auto& p : q.params) {
      out << "  " << p.name << " (" << p.type << (p.required ? ", required" : "") << ")";
      if (p.default_value) out << " default " << *p.default_value;
      if (!p.choices.empty()) {
        out << " one of:";
        for (const auto& c : p.choices) out << " " << c;
      }
      if (!p.description.empty()) out << ": " << p.description;
      out << "\n";
    }
  }
  out << "\nSource: " << q.source << "\n\nSQL:\n" << q.sql;
  if (q.sql.empty() || q.sql.back() != '\n') out << "\n";
  for (const auto& s : q.summary) {
    out << "\nSummary" << (s.title.empty() ? "" : ": " + s.title) << "\n" << s.sql;
    if (s.sql.empty() || s.sql.back() != '\n') out << "\n";
  }
}

// ---- command-line words ------------------------------------------------------------------

std::vector<std::string> take_global_options(const std::vector<std::string>& args, GlobalOptions& g) {
  std::vector<std::string> rest;
  auto value_of = [&](size_t& i, const std::string& opt, std::string_view inline_value, bool has_inline) {
    if (has_inline) return std::string(inline_value);
    if (i + 1 >= args.size()) throw UsageError(opt + " needs a value");
    return args[++i];
  };
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") {
      rest.insert(rest.end(), args.begin() + static_cast<long>(i), args.end());
      break;
    }
    std::string key = a;
    std::string_view inl;
    bool has_inline = false;
    if (a.rfind("--", 0) == 0) {
      if (auto eq = a.find('='); eq != std::string::npos) {
        key = a.substr(0, eq);
        inl = std::string_view(a).substr(eq + 1);
        has_inline = true;
      }
    }
    if (key == "--db") {
      g.db = value_of(i, key, inl, has_inline);
    } else if (key == "--format" || key == "-f") {
      std::string f = value_of(i, key, inl, has_inline);
      static const std::vector<std::string> formats = {"table", "csv", "tsv", "json", "jsonl", "markdown"};
      if (std::find(formats.begin(), formats.end(), f) == formats.end()) {
        std::string msg = "--format: '" + f + "' is not one of table, csv, tsv, json, jsonl, markdown";
        if (auto m = closest_match(f, formats); !m.empty()) msg += "; did you mean '" + m + "'?";
        throw UsageError(msg);
      }
      g.format = f;
    } else if (key == "--no-header" && !has_inline) {
      g.no_header = true;
    } else if (key == "--max-width") {
      std::string v = value_of(i, key, inl, has_inline);
      int w = 0;
      auto r = std::from_chars(v.data(), v.data() + v.size(), w);
      if (r.ec != std::errc() || r.ptr != v.data() + v.size() || w < 4)
        throw UsageError("--max-width needs a number of at least 4, not '" + v + "'");
      g.max_width = w;
    } else if (key == "--queries") {
      g.query_files.push_back(value_of(i, key, inl, has_inline));
    } else {
      rest.push_back(a);
    }
  }
  return rest;
}

RunArgs parse_query_args(const CannedQuery& q, const std::vector<std::string>& args) {
  RunArgs r;
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
        throw UsageError(a + " needs NAME=VALUE");
      auto eq = kv.find('=');
      if (eq == std::string::npos || eq == 0) throw UsageError(a + " needs NAME=VALUE, not '" + kv + "'");
      r.named.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
      continue;
    }
    if (a.size() > 2 && a.rfind("--", 0) == 0) {
      std::string key = a.substr(2);
      if (auto eq = key.find('='); eq != std::string::npos) {
        r.named.emplace_back(key.substr(0, eq), key.substr(eq + 1));
        continue;
      }
      if (is_flag_param(q, key)) {
        r.named.emplace_back(key, "true");
        continue;
      }
      auto names = param_names(q);
      if (std::find(names.begin(), names.end(), key) == names.end()) {
        std::string msg = "query '" + q.name + "' has no option --" + key;
        if (auto m = closest_match(key, names); !m.empty()) msg += "; did you mean --" + m + "?";
        throw UsageError(msg);
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

}  // namespace yanbao
