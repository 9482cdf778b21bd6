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

// ---------------------------------------------------------------------------------------
// The fast path for simple YAML front matter. It accepts a strict subset whose meaning is
// unambiguous and declines (returns false) everything else, so yaml-cpp stays the
// reference: tests/frontmatter_test.cpp checks both agree on many generated inputs.

namespace {

/// Bytes the fast path leaves to yaml-cpp: control bytes (tab included; CR is already
/// folded by decode), DEL, and NEL, U+2028/U+2029 and U+FEFF, whose YAML treatment as
/// breaks or BOMs we do not replicate.
bool has_unusual_bytes(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = p[i];
    if (c >= 0x20 && c < 0x7f) continue;
    if (c == '\n') continue;
    if (c < 0x20 || c == 0x7f) return true;
    if (c == 0xC2 && i + 1 < n && p[i + 1] == 0x85) return true;
    if (c == 0xE2 && i + 2 < n && p[i + 1] == 0x80 && (p[i + 2] == 0xA8 || p[i + 2] == 0xA9)) return true;
    if (c == 0xEF && i + 2 < n && p[i + 1] == 0xBB && p[i + 2] == 0xBF) return true;
  }
  return false;
}

/// yaml-cpp turns these plain (unquoted) scalars into null nodes.
bool is_null_word(std::string_view s) { return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL"; }

/// After a closing quote: only blanks, then nothing or a " #" comment.
bool only_comment_left(std::string_view rest) {
  size_t k = 0;
  while (k < rest.size() && rest[k] == ' ') ++k;
  return k == rest.size() || (k > 0 && rest[k] == '#');
}

/// What a line's value is: declined, nothing at all (so a block list may follow), an
/// explicit null word, or a scalar.
enum class Value { kDecline, kEmpty, kNull, kScalar };

/// Reads the scalar that fills the rest of a line (`v` starts after the indicator's
/// blanks, and a blank preceded it). Plain scalars end at " #" and lose trailing blanks;
/// double-quoted ones may not hold escapes; single-quoted ones fold '' to '.
Value read_scalar(std::string_view v, std::string& out) {
  out.clear();
  if (v.empty() || v[0] == '#') return Value::kEmpty;
  if (v[0] == '"') {
    size_t q = v.find('"', 1);
    if (q == std::string_view::npos) return Value::kDecline;  // multi-line
    std::string_view content = v.substr(1, q - 1);
    if (content.find('\\') != std::string_view::npos) return Value::kDecline;
    if (!only_comment_left(v.substr(q + 1))) return Value::kDecline;
    out.assign(content);
    return Value::kScalar;
  }
  if (v[0] == '\'') {
    size_t i = 1;
    for (;;) {
      size_t q = v.find('\'', i);
      if (q == std::string_view::npos) return Value::kDecline;  // multi-line
      out.append(v.substr(i, q - i));
      if (q + 1 < v.size() && v[q + 1] == '\'') {  // '' is a quote
        out += '\'';
        i = q + 2;
        continue;
      }
      if (!only_comment_left(v.substr(q + 1))) return Value::kDecline;
      return Value::kScalar;
    }
  }
  // Plain: indicators may not start it (flow collections, anchors, tags, block scalars…).
  if (std::string_view("-?:,[]{}#&*!|>%@`").find(v[0]) != std::string_view::npos) return Value::kDecline;
  size_t end = v.size();
  for (size_t i = 1; i < v.size(); ++i)
    if (v[i] == '#' && v[i - 1] == ' ') {
      end = i;
      break;
    }
  std::string_view text = v.substr(0, end);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  // ": " or a final ':' would open a nested mapping.
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == ':' && (i + 1 == text.size() || text[i + 1] == ' ')) return Value::kDecline;
  if (is_null_word(text)) return Value::kNull;
  out.assign(text);
  return Value::kScalar;
}

/// A plain key at column 0: ASCII letters, digits, '_', '-', '.' and non-ASCII bytes,
/// starting with a letter, digit, '_' or non-ASCII byte.
bool is_simple_key(std::string_view k) {
  if (k.empty()) return false;
  auto ok = [](unsigned char c) {
    return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  };
  if (!ok(static_cast<unsigned char>(k[0]))) return false;
  for (unsigned char c : k)
    if (!ok(c) && c != '-' && c != '.') return false;
  return !is_null_word(k);
}

}  // namespace

bool parse_simple_yaml(std::string_view inner, FrontMatter& fm) {
  // Bounds well inside kMaxNodes/kMaxDepth, so the budget can never trip here.
  constexpr size_t kMaxKeys = 64, kMaxItems = 4096, kMaxBytes = 64 * 1024;
  if (inner.size() > kMaxBytes || has_unusual_bytes(inner)) return false;

  struct Entry {
    std::string_view key;
    Value kind = Value::kEmpty;
    std::string scalar;
    std::vector<std::string> items;  // a block list when non-empty
  };
  std::vector<Entry> entries;
  entries.reserve(8);
  size_t items = 0;
  int list_indent = -1;  // indentation of the current block list's '-', once seen
  std::string value;
  size_t pos = 0;
  while (pos < inner.size()) {
    size_t eol = inner.find('\n', pos);
    if (eol == std::string_view::npos) eol = inner.size();
    std::string_view line = inner.substr(pos, eol - pos);
    pos = eol + 1;
    size_t indent = 0;
    while (indent < line.size() && line[indent] == ' ') ++indent;
    if (indent == line.size() || line[indent] == '#') continue;  // blank or comment line
    if (line[indent] == '-') {
      // A block list item, allowed only under a key whose value was left empty.
      if (entries.empty() || entries.back().kind != Value::kEmpty) return false;
      if (entries.back().items.empty()) {
        list_indent = static_cast<int>(indent);
      } else if (static_cast<int>(indent) != list_indent) {
        return false;
      }
      std::string_view rest = line.substr(indent + 1);
      if (rest.empty() || rest[0] != ' ') return false;  // "-x" or an empty item
      while (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
      if (read_scalar(rest, value) != Value::kScalar || ++items > kMaxItems) return false;
      entries.back().items.push_back(std::move(value));
      continue;
    }
    if (indent > 0) return false;  // continuation lines, nested mappings
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) return false;
    std::string_view key = line.substr(0, colon);
    if (!is_simple_key(key)) return false;
    std::string_view rest = line.substr(colon + 1);
    if (!rest.empty() && rest[0] != ' ') return false;
    while (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
    if (entries.size() >= kMaxKeys) return false;
    for (const auto& e : entries)
      if (e.key == key) return false;  // duplicate keys: left to yaml-cpp
    Entry e;
    e.key = key;
    e.kind = read_scalar(rest, e.scalar);
    if (e.kind == Value::kDecline) return false;
    entries.push_back(std::move(e));
  }

  std::string json;
  if (entries.empty()) {
    json = "{}";  // only comments: yaml-cpp reads a null document
  } else {
    json += '{';
    for (const auto& e : entries) {
      if (json.size() > 1) json += ',';
      json::append_string(json, e.key);
      json += ':';
      if (!e.items.empty()) {
        json += '[';
        for (size_t i = 0; i < e.items.size(); ++i) {
          if (i) json += ',';
          json::append_string(json, e.items[i]);
        }
        json += ']';
      } else if (e.kind == Value::kScalar) {
        json::append_string(json, e.scalar);
      } else {
        json += "null";
      }
    }
    json += '}';
  }
  fm.json = std::move(json);
  for (auto& e : entries) {
    std::string key(e.key);
    if (!e.items.empty()) {
      fm.lists[key] = std::move(e.items);
    } else if (e.kind == Value::kScalar) {
      fm.lists[key] = {e.scalar};
      fm.scalars[key] = std::move(e.scalar);
    }
  }
  return true;
}

bool parse_yaml_with_yaml_cpp(std::string_view inner, FrontMatter& fm, FileProblem& problem) {
  Budget budget;
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
  return true;
}

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
    // Nearly every report's front matter has the simple shape; yaml-cpp costs several
    // times more than the rest of the parse for it.
    if (parse_simple_yaml(inner, fm)) return true;
    return parse_yaml_with_yaml_cpp(inner, fm, problem);
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
