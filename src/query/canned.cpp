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

#include "extract/codes.h"
#include "extract/dates.h"
#include "util/tokenize.h"
#include "util/embedded.h"
#include "util/error.h"
#include "util/suggest.h"

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
  if (YAML::Node from = n["sql_from"]; from.IsDefined() && !from.IsNull()) {
    if (!from.IsMap()) bad_definition(source, from, "sql_from needs query (and section)");
    s.sql_from_query = scalar(from, "query", source, true);
    s.sql_from_section = scalar(from, "section", source, false);
    if (n["sql"].IsDefined()) bad_definition(source, n, "a section takes sql or sql_from, not both");
  } else {
    s.sql = scalar(n, "sql", source, true);
  }
  s.before = flag(n, "before", source);
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
  q.rows_title = scalar(n, "rows_title", source, false);
  q.total_sql = scalar(n, "total", source, false);
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
      std::string bound = scalar(pn, "bound", source, false);
      if (!bound.empty() && bound != "start" && bound != "end")
        bad_definition(source, pn["bound"], "bound must be start or end");
      // a range's end by its name when not said: --until 2025-02 means up to 2025-02-28
      if (bound.empty()) bound = (p.name == "until" || p.name == "to" || p.name == "end") ? "end" : "start";
      p.bound = bound == "end" ? DateBound::end : DateBound::start;
      q.params.push_back(std::move(p));
    }
  }
  if (YAML::Node ss = n["summary"]; ss.IsDefined() && !ss.IsNull()) {
    if (!ss.IsSequence()) bad_definition(source, ss, "summary must be a list of {title, sql}");
    for (const auto& sn : ss) q.summary.push_back(parse_section(sn, source));
  }
  if (YAML::Node ls = n["let"]; ls.IsDefined() && !ls.IsNull()) {
    if (!ls.IsSequence()) bad_definition(source, ls, "let must be a list of {name, sql}");
    for (const auto& ln : ls) {
      if (!ln.IsMap()) bad_definition(source, ln, "each let needs name and sql");
      QueryLet l{scalar(ln, "name", source, true), scalar(ln, "sql", source, true)};
      if (!valid_identifier(l.name)) bad_definition(source, ln, "let name '" + l.name + "' must be an identifier");
      // A ticker or fts param binds derived names too (NAME_base, NAME_code, NAME_terms).
      for (const auto& p : q.params)
        if (l.name == p.name || (p.type == "ticker" && (l.name == p.name + "_base" || l.name == p.name + "_code")) ||
            (p.type == "fts" && l.name == p.name + "_terms"))
          bad_definition(source, ln, "let '" + l.name + "' takes a name that param '" + p.name + "' binds");
      for (const auto& other : q.lets)
        if (other.name == l.name) bad_definition(source, ln, "let '" + l.name + "' given twice");
      q.lets.push_back(std::move(l));
    }
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
void convert(const QueryParam& p, const std::optional<std::string>& given, bool raw_fts, const DateAnchor& anchor,
             Params& out) {
  const std::string& n = p.name;
  if (!given) {
    out[n] = std::monostate{};
    if (p.type == "ticker") out[n + "_base"] = out[n + "_code"] = std::monostate{};
    if (p.type == "fts") out[n + "_terms"] = std::monostate{};
    return;
  }
  std::string v = *given;
  if (!p.choices.empty() && std::find(p.choices.begin(), p.choices.end(), v) == p.choices.end()) {
    UserMessage msg{"invalid value '" + v + "' for --" + n, {}, closest_match(v, p.choices), "choose one of:"};
    for (const auto& c : p.choices) msg.help += " " + c;
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
    auto d = resolve_date_arg(v, p.bound, anchor);
    if (!d)
      throw UsageError("--" + n + " needs a date like 2025-02-17, a month (2025-02), a year (2025) or a span back " +
                       "(30d, 6m, 1y), not '" + v + "'");
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

/// The name of the parameter `:name` at sql[i], as Datasette finds them (outside nothing);
/// empty when sql[i] starts none.
std::string_view param_name_at(std::string_view sql, size_t i) {
  if (sql[i] != ':' || i + 1 >= sql.size() || !(std::isalpha(static_cast<unsigned char>(sql[i + 1])) || sql[i + 1] == '_'))
    return {};
  size_t e = i + 1;
  while (e < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[e])) || sql[e] == '_')) ++e;
  return sql.substr(i + 1, e - i - 1);
}

/// The named parameters of a statement, each once, in order.
std::vector<std::string> named_params_in(std::string_view sql) {
  std::vector<std::string> out;
  for (size_t i = 0; i < sql.size(); ++i) {
    const std::string_view name = param_name_at(sql, i);
    if (name.empty()) continue;
    if (std::find(out.begin(), out.end(), name) == out.end()) out.emplace_back(name);
    i += name.size();
  }
  return out;
}

/// Queries of a Datasette metadata.yaml: `databases: DB: queries: NAME: {sql, title,
/// description, params}`, whatever the database's name. A query yanbao exported carries its
/// parameter types and summaries under `yanbao:` (Datasette ignores the key); another's
/// parameters are text options, from `params:` or, as Datasette does, from the SQL.
std::vector<CannedQuery> parse_datasette(const YAML::Node& dbs, const std::string& source) {
  if (!dbs.IsMap()) bad_definition(source, dbs, "databases: must map database names to their settings");
  std::vector<CannedQuery> out;
  for (const auto& db : dbs) {
    if (!db.second.IsMap()) continue;
    YAML::Node queries = db.second["queries"];
    if (!queries.IsDefined() || queries.IsNull()) continue;
    if (!queries.IsMap()) bad_definition(source, queries, "queries: must map query names to {sql: …}");
    for (const auto& kv : queries) {
      YAML::Node def(YAML::NodeType::Map);
      def["name"] = kv.first.Scalar();
      if (kv.second.IsScalar()) {
        def["sql"] = kv.second.Scalar();  // Datasette's short form: NAME: SQL
      } else {
        if (!kv.second.IsMap()) bad_definition(source, kv.second, "query " + kv.first.Scalar() + " needs sql");
        for (const char* key : {"sql", "title", "description"})
          if (kv.second[key].IsDefined()) def[key] = kv.second[key];
        if (YAML::Node y = kv.second["yanbao"]; y.IsDefined() && y.IsMap()) {
          for (const auto& extra : y) def[extra.first.Scalar()] = extra.second;
        } else if (!kv.second["sql"].IsDefined()) {
          bad_definition(source, kv.second, "query " + kv.first.Scalar() + " needs sql");
        } else {
          std::vector<std::string> names;
          if (YAML::Node ps = kv.second["params"]; ps.IsDefined() && ps.IsSequence())
            for (const auto& pn : ps) names.push_back(pn.Scalar());
          else
            names = named_params_in(kv.second["sql"].Scalar());
          YAML::Node params(YAML::NodeType::Sequence);
          for (const auto& n : names) {
            YAML::Node pn(YAML::NodeType::Map);
            pn["name"] = n;
            params.push_back(pn);
          }
          def["params"] = params;
        }
      }
      out.push_back(parse_query(def, source));
    }
  }
  return out;
}

/// `sql` with each `:NAME` of a let replaced by its statement as a scalar subquery, so that
/// the text runs alone (Datasette runs one statement and knows no `let:`).
std::string inline_lets(const std::string& sql, const std::vector<QueryLet>& lets, size_t upto) {
  std::string out;
  const auto end = lets.begin() + static_cast<std::ptrdiff_t>(upto);
  for (size_t i = 0; i < sql.size(); ++i) {
    const std::string_view name = param_name_at(sql, i);
    const auto it = name.empty() ? end : std::find_if(lets.begin(), end, [&](const QueryLet& l) { return l.name == name; });
    if (it == end) {
      out += sql[i];
      continue;
    }
    std::string inner = inline_lets(it->sql, lets, static_cast<size_t>(it - lets.begin()));
    while (!inner.empty() && std::isspace(static_cast<unsigned char>(inner.back()))) inner.pop_back();
    out += "(\n" + inner + "\n)";
    i += name.size();
  }
  return out;
}

void write_datasette_query(YAML::Emitter& y, const CannedQuery& q) {
  auto text = [&](const char* key, const std::string& v, bool literal) {
    if (v.empty()) return;
    y << YAML::Key << key << YAML::Value;
    if (literal && v.find('\n') != std::string::npos) y << YAML::Literal;
    y << v;
  };
  y << YAML::Key << q.name << YAML::Value << YAML::BeginMap;
  text("title", q.title, false);
  text("description", q.description, true);
  text("sql", q.lets.empty() ? q.sql : inline_lets(q.sql, q.lets, q.lets.size()), true);
  if (!q.params.empty()) {
    y << YAML::Key << "params" << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (const auto& p : q.params) y << p.name;
    y << YAML::EndSeq;
  }
  // What Datasette has no words for, so that --queries reads the same query back.
  y << YAML::Key << "yanbao" << YAML::Value << YAML::BeginMap;
  if (!q.params.empty()) {
    y << YAML::Key << "params" << YAML::Value << YAML::BeginSeq;
    for (const auto& p : q.params) {
      y << YAML::BeginMap << YAML::Key << "name" << YAML::Value << p.name;
      if (p.type != "text") y << YAML::Key << "type" << YAML::Value << p.type;
      if (p.required) y << YAML::Key << "required" << YAML::Value << true;
      if (p.positional && !p.required) y << YAML::Key << "positional" << YAML::Value << true;
      if (p.default_value) y << YAML::Key << "default" << YAML::Value << YAML::DoubleQuoted << *p.default_value;
      if (!p.choices.empty()) {
        y << YAML::Key << "choices" << YAML::Value << YAML::Flow << YAML::BeginSeq;
        for (const auto& c : p.choices) y << c;
        y << YAML::EndSeq;
      }
      if (p.type == "date") y << YAML::Key << "bound" << YAML::Value << (p.bound == DateBound::end ? "end" : "start");
      text("description", p.description, false);
      y << YAML::EndMap;
    }
    y << YAML::EndSeq;
  }
  if (!q.lets.empty()) {
    // yanbao reads back the statement that uses the lets, not the inlined one above.
    text("sql", q.sql, true);
    y << YAML::Key << "let" << YAML::Value << YAML::BeginSeq;
    for (const auto& l : q.lets) {
      y << YAML::BeginMap;
      text("name", l.name, false);
      text("sql", l.sql, true);
      y << YAML::EndMap;
    }
    y << YAML::EndSeq;
  }
  text("rows_title", q.rows_title, false);
  text("total", q.total_sql, true);
  if (!q.summary.empty()) {
    y << YAML::Key << "summary" << YAML::Value << YAML::BeginSeq;
    for (const auto& s : q.summary) {
      y << YAML::BeginMap;
      text("title", s.title, false);
      if (s.record) y << YAML::Key << "layout" << YAML::Value << "record";
      if (s.when != "rows") y << YAML::Key << "when" << YAML::Value << s.when;
      if (s.before) y << YAML::Key << "before" << YAML::Value << true;
      text("sql", s.sql, true);
      y << YAML::EndMap;
    }
    y << YAML::EndSeq;
  }
  y << YAML::EndMap << YAML::EndMap;
}

}  // namespace

void write_datasette_metadata(std::ostream& out, const std::vector<CannedQuery>& queries, const std::string& database) {
  YAML::Emitter y;
  y << YAML::BeginMap << YAML::Key << "databases" << YAML::Value << YAML::BeginMap;
  y << YAML::Key << database << YAML::Value << YAML::BeginMap << YAML::Key << "queries" << YAML::Value << YAML::BeginMap;
  for (const auto& q : queries) write_datasette_query(y, q);
  y << YAML::EndMap << YAML::EndMap << YAML::EndMap << YAML::EndMap;
  out << "# Datasette metadata for yanbao's canned queries: datasette " << database
      << ".db --metadata THIS_FILE\n"
         "# Parameters a yanbao type derives (TICKER_base, TICKER_code, TEXT_terms) show as fields\n"
         "# of their own in Datasette; `yanbao --queries THIS_FILE` reads the file back.\n"
      << y.c_str() << "\n";
}

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
    // Datasette's metadata.yaml: its other keys (title, license, plugins…) are Datasette's.
    const bool datasette = root["databases"].IsDefined();
    for (const auto& kv : root) {
      const std::string key = kv.first.Scalar();
      if (datasette && key != "queries" && key != "sections") continue;
      if (key != "queries" && key != "sections") {
        UserMessage msg{"unknown top-level key '" + key + "'", {}, closest_match(key, {"queries", "sections", "databases"}),
                        "expected queries:, or databases: as Datasette writes it"};
        bad_definition(source, kv.first, msg.render());
      }
    }
    if (YAML::Node dbs = root["databases"]; dbs.IsDefined() && !dbs.IsNull()) {
      std::vector<CannedQuery> found = parse_datasette(dbs, source);
      for (auto& q : found) {
        auto it = std::find_if(queries_.begin(), queries_.end(), [&](const CannedQuery& c) { return c.name == q.name; });
        if (it == queries_.end()) {
          queries_.push_back(std::move(q));
          continue;
        }
        const size_t i = static_cast<size_t>(it - queries_.begin());
        if (i < unparsed_.size()) unparsed_[i] = {};
        *it = std::move(q);
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

namespace {

constexpr std::string_view kBlockMark = "@yanbao-sql-block-";

/// The built-in YAML of one query with each `sql: |` and `total: |` literal block cut out
/// and replaced by a placeholder scalar, and the blocks' text as YAML reads it (indentation
/// removed, one final newline). yaml-cpp spends hundreds of instructions on each byte of a
/// block scalar, and the SQL is most of a query's bytes: `run consensus` read its 9 KB for
/// longer than its statements ran. A block of any other shape is left to yaml-cpp.
std::string lift_sql_blocks(std::string_view text, std::vector<std::string>& blocks) {
  std::string out;
  out.reserve(text.size());
  size_t at = 0;
  auto next_line = [&](size_t from) {
    const size_t e = text.find('\n', from);
    return e == std::string_view::npos ? text.size() : e + 1;
  };
  auto indent_of = [](std::string_view line) { return line.find_first_not_of(' '); };
  while (at < text.size()) {
    const size_t end = next_line(at);
    const std::string_view line = text.substr(at, end - at);
    std::string_view body = line;
    while (!body.empty() && (body.back() == '\n' || body.back() == ' ')) body.remove_suffix(1);
    const size_t key = indent_of(body);
    std::string_view k = key == std::string_view::npos ? std::string_view{} : body.substr(key);
    if (k.starts_with("- ")) k.remove_prefix(2);
    const bool opens = k == "sql: |" || k == "total: |";
    if (opens) {
      const size_t key_col = static_cast<size_t>(k.data() - body.data());
      std::string content;
      size_t block_indent = std::string_view::npos, pos = end, last_text = end;
      bool plain = true;
      for (; pos < text.size(); pos = next_line(pos)) {
        std::string_view l = text.substr(pos, next_line(pos) - pos);
        if (!l.empty() && l.back() == '\n') l.remove_suffix(1);
        const size_t ind = indent_of(l);
        if (ind == std::string_view::npos) {  // a blank line: content only if it has no spaces past the indent
          if (block_indent != std::string_view::npos && l.size() > block_indent) plain = false;
          content += '\n';
          continue;
        }
        if (ind <= key_col) break;
        if (block_indent == std::string_view::npos) block_indent = ind;
        if (ind < block_indent || l.find('\t') < block_indent) {
          plain = false;
          break;
        }
        content += l.substr(block_indent);
        content += '\n';
        last_text = next_line(pos);
      }
      if (plain && block_indent != std::string_view::npos) {
        while (content.size() > 1 && content.back() == '\n' && content[content.size() - 2] == '\n') content.pop_back();
        out += line.substr(0, static_cast<size_t>(k.data() - line.data()) + k.find(':') + 1);
        out += " \"" + std::string(kBlockMark) + std::to_string(blocks.size()) + "\"\n";
        blocks.push_back(std::move(content));
        // blank lines after the block's last text belong to what follows
        at = last_text;
        continue;
      }
    }
    out += line;
    at = end;
  }
  return out;
}

void put_back_sql_blocks(std::string& field, const std::vector<std::string>& blocks) {
  if (!field.starts_with(kBlockMark)) return;
  const size_t n = std::stoul(field.substr(kBlockMark.size()));
  if (n < blocks.size()) field = blocks[n];
}

}  // namespace

void QueryCatalog::parse_pending(size_t i) const {
  if (i >= unparsed_.size() || unparsed_[i].empty()) return;
  std::vector<std::string> blocks;
  YAML::Node list = YAML::Load(lift_sql_blocks(unparsed_[i], blocks));
  if (!list.IsSequence() || list.size() != 1) throw FatalError("bad built-in query " + queries_[i].name);
  CannedQuery q = parse_query(list[0], "built-in");
  put_back_sql_blocks(q.sql, blocks);
  put_back_sql_blocks(q.total_sql, blocks);
  for (auto& s : q.summary) put_back_sql_blocks(s.sql, blocks);
  for (auto& l : q.lets) put_back_sql_blocks(l.sql, blocks);
  queries_[i] = std::move(q);
  unparsed_[i] = {};
}

void QueryCatalog::parse_pending_sections() const {
  if (unparsed_sections_.empty()) return;
  YAML::Node root = YAML::Load(std::string(std::exchange(unparsed_sections_, {})));
  add_sections(sections_, root["sections"], "built-in");
}

const std::vector<CannedQuery>& QueryCatalog::all() const {
  for (size_t i = 0; i < queries_.size(); ++i) {
    parse_pending(i);
    resolve_sql_from(i);
  }
  return queries_;
}

void QueryCatalog::resolve_sql_from(size_t i, int depth) const {
  for (auto& s : queries_[i].summary) {
    if (s.sql_from_query.empty() || !s.sql.empty()) continue;
    const std::string where = "query '" + queries_[i].name + "' (" + queries_[i].source + "): sql_from";
    if (depth > 8) throw FatalError(where + " goes round in a circle");
    size_t j = 0;
    while (j < queries_.size() && queries_[j].name != s.sql_from_query) ++j;
    if (j == queries_.size()) throw FatalError(where + " names no query '" + s.sql_from_query + "'");
    parse_pending(j);
    resolve_sql_from(j, depth + 1);
    const CannedQuery& from = queries_[j];
    if (s.sql_from_section.empty()) {
      s.sql = from.sql;
      continue;
    }
    for (const auto& t : from.summary)
      if (t.title == s.sql_from_section) s.sql = t.sql;
    if (s.sql.empty())
      throw FatalError(where + ": query '" + from.name + "' has no summary '" + s.sql_from_section + "'");
  }
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
    resolve_sql_from(i);
    return &queries_[i];
  }
  return nullptr;
}

const CannedQuery& QueryCatalog::get(std::string_view name) const {
  if (const auto* q = find(name)) return *q;
  std::vector<std::string> names;
  for (const auto& q : queries_) names.push_back(q.name);
  throw UsageError(UserMessage{"unknown query '" + std::string(name) + "'", {}, closest_match(name, names),
                               "`yanbao queries` lists them"});
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
                      const std::vector<std::pair<std::string, std::string>>& named, const DateAnchor& anchor) {
  std::vector<std::optional<std::string>> given(q.params.size());
  for (const auto& [k, v] : named) {
    const std::string& key = k;  // clang 14 cannot capture a structured binding
    auto it = std::find_if(q.params.begin(), q.params.end(), [&](const auto& p) { return p.name == key; });
    if (it == q.params.end()) {
      throw UsageError(UserMessage{"query '" + q.name + "' has no parameter '" + k + "'", {},
                                   closest_match(k, param_names(q)),
                                   q.params.empty() ? "it takes none" : "`yanbao queries show " + q.name + "` lists them"});
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
  for (size_t i = 0; i < q.params.size(); ++i) convert(q.params[i], given[i], raw, anchor, out);
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
  } catch (const SearchSyntaxError&) {
    throw;
  } catch (const UsageError& e) {
    UserMessage msg = e.message;
    msg.reason = "query '" + q.name + "' (" + q.source + "): " + msg.reason;
    if (q.source != "built-in") throw UsageError(msg);
    throw FatalError(msg);
  } catch (const SqlStepError& e) {
    // A statement that fails while it runs (step_failed) in a user's query is their SQL too.
    if (q.source == "built-in") throw;
    UserMessage msg = e.message;
    msg.reason = "query '" + q.name + "' (" + q.source + "): " + msg.reason;
    throw UsageError(msg);
  }
}

bool section_runs(const QuerySection& s, bool had_rows) { return s.when == "always" || (s.when == "rows") == had_rows; }

using Sections = std::vector<std::pair<const QuerySection*, ResultSet>>;

/// Where summaries and notes go: `out` in table format, else `err` (stdout stays data).
/// Hints shown only when nothing was found are diagnostics: `err` in every format.
std::ostream& stream_for(const QuerySection* sec, std::ostream& out, std::ostream& err, const OutputOptions& opt) {
  return opt.format == Format::table && (!sec || sec->when != "empty") ? out : err;
}

/// Prints the sections with rows, each under its title after a blank line (none before the
/// first thing on `out` when `at_top`). Returns whether it printed any on `out`.
bool print_sections(std::ostream& out, std::ostream& err, const Sections& sections, const OutputOptions& opt,
                    bool at_top) {
  OutputOptions sopt = opt;
  sopt.format = Format::table;
  sopt.header = true;
  bool printed = false;
  for (const auto& [sec, rows] : sections) {
    if (rows.rows.empty()) continue;  // a section with nothing to say is left out
    std::ostream& s = stream_for(sec, out, err, opt);
    if (&s != &out || !at_top || printed) s << '\n';
    if (&s == &out) printed = true;
    if (!sec->title.empty()) s << sec->title << '\n';
    if (sec->record)
      write_record(s, rows);
    else
      write_result(s, err, rows, sopt);
  }
  out.flush();
  err.flush();
  return printed;
}

/// "… 47 more rows (97 in all): …" when the limit left rows out.
void print_more(std::ostream& out, std::ostream& err, std::int64_t shown, const std::optional<std::int64_t>& total,
                const OutputOptions& opt) {
  if (!total || *total <= shown) return;
  std::ostream& s = stream_for(nullptr, out, err, opt);
  if (&s == &out) s << '\n';
  s << "… " << (*total - shown) << " more (" << *total << " in all, " << shown
    << " shown): --limit N shows N, --all shows every one\n";
  s.flush();
}

std::optional<std::int64_t> run_total(sqlite3* db, const CannedQuery& q, const Params& params, const RunOptions& opt) {
  if (q.total_sql.empty()) return std::nullopt;
  ResultSet t = as_definition(q, [&] { return run_readonly_sql(db, q.total_sql, params, opt); });
  if (t.rows.empty() || t.rows[0].empty() || !std::holds_alternative<std::int64_t>(t.rows[0][0]))
    throw FatalError("query '" + q.name + "' (" + q.source + "): total must give one whole number");
  return std::get<std::int64_t>(t.rows[0][0]);
}

/// The params with the query's `let:` values added, each computed by its statement in turn.
Params with_lets(sqlite3* db, const CannedQuery& q, const Params& given, const RunOptions& opt) {
  Params params = given;
  for (const auto& l : q.lets) {
    ResultSet r = as_definition(q, [&] { return run_readonly_sql(db, l.sql, params, opt); });
    if (r.rows.size() > 1 || r.columns.empty())
      throw FatalError("query '" + q.name + "' (" + q.source + "): let '" + l.name + "' must give one value");
    params[l.name] = r.rows.empty() || r.rows[0].empty() ? Value{} : r.rows[0][0];
  }
  return params;
}

}  // namespace

CannedResult run_canned(sqlite3* db, const CannedQuery& q, const Params& given) {
  const ReadSnapshot snapshot(db);
  const RunOptions opt = canned_run_options();
  const Params params = with_lets(db, q, given, opt);
  CannedResult r;
  auto run = [&](const std::string& sql) { return as_definition(q, [&] { return run_readonly_sql(db, sql, params, opt); }); };
  r.total = run_total(db, q, params, opt);
  r.rows = run(q.sql);
  for (const auto& s : q.summary)
    if (section_runs(s, !r.rows.rows.empty())) r.summary.emplace_back(&s, run(s.sql));
  return r;
}

void run_and_print_canned(sqlite3* db, const CannedQuery& q, const Params& given, std::ostream& out,
                          std::ostream& err, const OutputOptions& opt) {
  const ReadSnapshot snapshot(db);
  const RunOptions ropt = canned_run_options();
  const Params params = with_lets(db, q, given, ropt);
  auto run = [&](const QuerySection& s) {
    return as_definition(q, [&] { return run_readonly_sql(db, s.sql, params, ropt); });
  };
  const std::optional<std::int64_t> total = run_total(db, q, params, ropt);
  const bool any_before = std::any_of(q.summary.begin(), q.summary.end(), [](const auto& s) { return s.before; });
  bool printed = false;
  if (any_before) {
    // Whether rows will come decides which sections run: the total says so, else one step.
    bool will_have_rows = false;
    if (total) {
      will_have_rows = *total > 0;
    } else {
      const std::string probe = "SELECT EXISTS (\n" + q.sql + "\n)";
      ResultSet r = as_definition(q, [&] { return run_readonly_sql(db, probe, params, ropt); });
      will_have_rows = !r.rows.empty() && value_text(r.rows[0][0]) == "1";
    }
    Sections before;
    for (const auto& s : q.summary)
      if (s.before && section_runs(s, will_have_rows)) before.emplace_back(&s, run(s));
    printed = print_sections(out, err, before, opt, true);
    if (printed && opt.format == Format::table && will_have_rows) {
      out << '\n';
      if (!q.rows_title.empty()) out << q.rows_title << '\n';
    }
  }
  size_t rows = 0;
  {
    // Rows go out as they come, in every format (tables are sized by their first rows), so
    // memory stays bounded however many rows a query returns. A statement that fails
    // halfway has printed what it read, then fails with its message, as `yanbao query` does.
    ReadonlyStatement st = as_definition(q, [&] { return ReadonlyStatement(db, q.sql, params, ropt); });
    rows = as_definition(q, [&] { return st.write(out, err, opt); });
    out.flush();
  }
  print_more(out, err, static_cast<std::int64_t>(rows), total, opt);
  Sections after;
  for (const auto& s : q.summary)
    if (!s.before && section_runs(s, rows > 0)) after.emplace_back(&s, run(s));
  print_sections(out, err, after, opt, false);
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
  Sections before, after;
  for (const auto& sec : r.summary) (sec.first->before ? before : after).push_back(sec);
  if (print_sections(out, err, before, opt, true) && opt.format == Format::table && !r.rows.rows.empty()) out << '\n';
  write_result(out, err, r.rows, opt);
  print_more(out, err, static_cast<std::int64_t>(r.rows.rows.size()), r.total, opt);
  print_sections(out, err, after, opt, false);
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
  out << "\nSource: " << q.source << "\n";
  for (const auto& l : q.lets) {
    out << "\nLet :" << l.name << " (computed once, before the statements below):\n" << l.sql;
    if (l.sql.empty() || l.sql.back() != '\n') out << "\n";
  }
  out << "\nSQL:\n" << q.sql;
  if (q.sql.empty() || q.sql.back() != '\n') out << "\n";
  for (const auto& s : q.summary) {
    out << "\nSummary" << (s.title.empty() ? "" : ": " + s.title) << "\n" << s.sql;
    if (s.sql.empty() || s.sql.back() != '\n') out << "\n";
  }
}

}  // namespace yanbao
