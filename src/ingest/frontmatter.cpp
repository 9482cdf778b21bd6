#include "ingest/frontmatter.h"

#include <sstream>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <toml++/toml.h>

#include "util/json.h"

namespace yanbao {
namespace {

/// Bounds that keep hostile front matter (alias bombs, deep nesting) cheap to reject.
constexpr int kMaxDepth = 32;
constexpr size_t kMaxNodes = 20000;

struct Budget {
  size_t nodes = 0;
  bool exceeded = false;
};

void yaml_to_json(const YAML::Node& node, std::string& out, int depth, Budget& budget) {
  if (++budget.nodes > kMaxNodes || depth > kMaxDepth) {
    budget.exceeded = true;
    return;
  }
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      json::append_string(out, node.Scalar());
      break;
    case YAML::NodeType::Sequence: {
      out += '[';
      bool first = true;
      for (const auto& item : node) {
        if (!first) out += ',';
        first = false;
        yaml_to_json(item, out, depth + 1, budget);
        if (budget.exceeded) return;
      }
      out += ']';
      break;
    }
    case YAML::NodeType::Map: {
      out += '{';
      bool first = true;
      for (const auto& kv : node) {
        if (!first) out += ',';
        first = false;
        json::append_string(out, kv.first.IsScalar() ? kv.first.Scalar() : std::string("?"));
        out += ':';
        yaml_to_json(kv.second, out, depth + 1, budget);
        if (budget.exceeded) return;
      }
      out += '}';
      break;
    }
    default:
      out += "null";
  }
}

std::string toml_scalar_text(const toml::node& n) {
  if (auto s = n.as_string()) return s->get();
  std::ostringstream os;
  n.visit([&](auto&& v) {
    if constexpr (toml::is_number<decltype(v)> || toml::is_boolean<decltype(v)> ||
                  toml::is_date<decltype(v)> || toml::is_time<decltype(v)> || toml::is_date_time<decltype(v)>)
      os << v;
  });
  return os.str();
}

void toml_to_json(const toml::node& n, std::string& out, int depth, Budget& budget) {
  if (++budget.nodes > kMaxNodes || depth > kMaxDepth) {
    budget.exceeded = true;
    return;
  }
  if (auto t = n.as_table()) {
    out += '{';
    bool first = true;
    for (auto&& [k, v] : *t) {
      if (!first) out += ',';
      first = false;
      json::append_string(out, k.str());
      out += ':';
      toml_to_json(v, out, depth + 1, budget);
    }
    out += '}';
  } else if (auto a = n.as_array()) {
    out += '[';
    bool first = true;
    for (auto&& v : *a) {
      if (!first) out += ',';
      first = false;
      toml_to_json(v, out, depth + 1, budget);
    }
    out += ']';
  } else {
    json::append_string(out, toml_scalar_text(n));
  }
}

/// Finds the closing fence line (exactly `fence`, trailing spaces allowed) after the first
/// line. Returns the offset of the fence line and its 1-based line number, or npos.
size_t find_closing_fence(std::string_view text, std::string_view fence, size_t from, int& line) {
  line = 2;
  size_t pos = from;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    std::string_view l = text.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
    while (!l.empty() && (l.back() == ' ' || l.back() == '\t')) l.remove_suffix(1);
    if (l == fence) return pos;
    if (eol == std::string_view::npos) break;
    pos = eol + 1;
    ++line;
  }
  return std::string_view::npos;
}

bool fail(FileProblem& problem, std::string message, int line) {
  problem = {std::move(message), line};
  return false;
}

}  // namespace

bool parse_front_matter(std::string_view text, FrontMatter& fm, std::string_view& body, int& body_line,
                        FileProblem& problem) {
  body = text;
  body_line = 1;
  std::string fence;
  if (text.substr(0, 4) == "---\n" || text == "---") fence = "---";
  else if (text.substr(0, 4) == "+++\n" || text == "+++") fence = "+++";
  else return true;  // no front matter

  int close_line = 0;
  size_t close = find_closing_fence(text, fence, 4, close_line);
  if (close == std::string_view::npos)
    return fail(problem, "front matter opened with '" + fence + "' on line 1 is never closed", 1);
  std::string_view inner = text.substr(4, close - 4);
  size_t after = text.find('\n', close);
  body = after == std::string_view::npos ? std::string_view{} : text.substr(after + 1);
  body_line = close_line + 1;

  Budget budget;
  if (fence == "---") {
    fm.format = "yaml";
    YAML::Node root;
    try {
      root = YAML::Load(std::string(inner));
    } catch (const YAML::DeepRecursion& e) {
      return fail(problem, "front matter is nested too deeply", e.mark.is_null() ? 1 : e.mark.line + 2);
    } catch (const YAML::Exception& e) {
      int line = e.mark.is_null() ? 1 : e.mark.line + 2;  // yaml lines are 0-based, after the fence
      return fail(problem, "malformed YAML front matter: " + e.msg, line);
    }
    if (root.IsNull()) return true;
    if (!root.IsMap()) return fail(problem, "front matter is not a list of key: value pairs", 2);
    std::string out;
    try {
      yaml_to_json(root, out, 0, budget);
    } catch (const YAML::Exception& e) {
      return fail(problem, "malformed YAML front matter: " + e.msg, e.mark.is_null() ? 1 : e.mark.line + 2);
    }
    if (budget.exceeded)
      return fail(problem, "front matter is too large or too deeply nested (over " + std::to_string(kMaxNodes) +
                               " values or " + std::to_string(kMaxDepth) + " levels)", 2);
    fm.json = std::move(out);
    for (const auto& kv : root) {
      if (!kv.first.IsScalar()) continue;
      const std::string& key = kv.first.Scalar();
      if (kv.second.IsScalar()) {
        fm.scalars[key] = kv.second.Scalar();
        fm.lists[key] = {kv.second.Scalar()};
      } else if (kv.second.IsSequence()) {
        auto& list = fm.lists[key];
        for (const auto& item : kv.second)
          if (item.IsScalar()) list.push_back(item.Scalar());
      }
    }
  } else {
    fm.format = "toml";
    toml::table table;
    try {
      table = toml::parse(inner);
    } catch (const toml::parse_error& e) {
      return fail(problem, "malformed TOML front matter: " + std::string(e.description()),
                  static_cast<int>(e.source().begin.line) + 1);
    }
    std::string out;
    toml_to_json(table, out, 0, budget);
    if (budget.exceeded) return fail(problem, "front matter is too large or too deeply nested", 2);
    fm.json = std::move(out);
    for (auto&& [k, v] : table) {
      std::string key(k.str());
      if (auto a = v.as_array()) {
        auto& list = fm.lists[key];
        for (auto&& item : *a)
          if (!item.is_table() && !item.is_array()) list.push_back(toml_scalar_text(item));
      } else if (!v.is_table()) {
        fm.scalars[key] = toml_scalar_text(v);
        fm.lists[key] = {fm.scalars[key]};
      }
    }
  }
  return true;
}

}  // namespace yanbao
