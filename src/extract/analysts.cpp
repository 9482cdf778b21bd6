#include "extract/analysts.h"

#include <optional>
#include <string>

#include "extract/scan.h"

namespace yanbao {
namespace {

using scan::at;
using scan::decode;
using scan::fold;
using scan::is_cjk;

constexpr std::string_view kLabel = "分析师";

using Line = scan::NumberedLine;

bool is_ascii_alnum(char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

/// The first SAC number (S + 13 digits, not part of a longer token) in s, and its offset.
std::optional<std::pair<std::string, size_t>> find_license(std::string_view s) {
  for (size_t i = 0; i + 14 <= s.size(); ++i) {
    if (s[i] != 'S' || (i > 0 && is_ascii_alnum(s[i - 1]))) continue;
    size_t k = i + 1;
    while (k < s.size() && s[k] >= '0' && s[k] <= '9') ++k;
    if (k - i - 1 == 13 && (k == s.size() || !is_ascii_alnum(s[k]))) return {{std::string(s.substr(i, 14)), i}};
  }
  return std::nullopt;
}

bool is_email_char(char c) { return is_ascii_alnum(c) || c == '.' || c == '_' || c == '-' || c == '+'; }

std::optional<std::string> find_email(std::string_view s) {
  for (size_t at_pos = s.find('@'); at_pos != std::string_view::npos; at_pos = s.find('@', at_pos + 1)) {
    size_t b = at_pos, e = at_pos + 1;
    while (b > 0 && is_email_char(s[b - 1])) --b;
    while (e < s.size() && is_email_char(s[e])) ++e;
    std::string_view local = s.substr(b, at_pos - b), domain = s.substr(at_pos + 1, e - at_pos - 1);
    while (!domain.empty() && domain.back() == '.') domain.remove_suffix(1);
    if (!local.empty() && domain.find('.') != std::string_view::npos)
      return std::string(s.substr(b, at_pos - b + 1 + domain.size()));
  }
  return std::nullopt;
}

/// Words that end a name written without a space before them (何宇航执业证书编号…).
constexpr std::string_view kAfterName[] = {"执业", "证书", "登记", "邮箱", "电话", "联系", "SAC", "执证",
                                           "资格", "编号", "首席", "高级", "研究"};

/// Words that are never names (a label's own words, prose after 分析师：).
constexpr std::string_view kNotNames[] = {"团队", "认为", "预计", "指出", "表示", "观点", "简介", "承诺",
                                          "声明", "介绍", "执业", "证书", "编号", "联系人", "研究员"};

using scan::cp_count;

bool plausible_name(std::string_view name) {
  size_t n = cp_count(name);
  if (n < 2 || n > 4) return false;
  for (auto w : kNotNames)
    if (scan::contains(name, w)) return false;
  return true;
}

/// The run of CJK ideographs starting at s[i] (or ·, for names such as 阿依·买买提); stops
/// before a word of kAfterName.
std::string_view cjk_run_from(std::string_view s, size_t i) {
  size_t e = i;
  while (e < s.size()) {
    if (e > i && !scan::match_any(s, e, kAfterName).empty()) break;
    size_t len = 1;
    char32_t c = decode(s, e, &len);
    if (!is_cjk(c) && c != U'·') break;
    e += len;
  }
  return s.substr(i, e - i);
}

/// The run of CJK ideographs ending right before s[e].
std::string_view cjk_run_before(std::string_view s, size_t e) {
  size_t b = e;
  while (b > 0) {
    size_t p = scan::prev(s, b);
    if (!is_cjk(decode(s, p))) break;
    b = p;
  }
  return s.substr(b, e - b);
}

bool is_sep(char32_t c) { return scan::is_space(c) || c == U':' || c == U'：'; }

struct Mention {
  std::string name;
  size_t pos;        ///< where the mention starts in the line
  bool labelled;     ///< 分析师：NAME on a label line (may stand without a number)
};

/// The authors one line mentions: 分析师：A、B, 证券分析师 A, A(分析师), A 首席分析师.
std::vector<Mention> mentions(std::string_view line) {
  std::vector<Mention> out;
  for (size_t p = line.find(kLabel); p != std::string_view::npos; p = line.find(kLabel, p + 1)) {
    size_t after = p + kLabel.size();
    // 联系人/研究助理 lines are not authors; neither is a 分析师 inside a longer word.
    char32_t next = fold(decode(line, after));
    char32_t before = p == 0 ? U' ' : fold(decode(line, scan::prev(line, p)));
    if ((before == U'(' || before == U'（') && (next == U')' || next == U'）')) {
      // A(分析师)
      size_t open = scan::prev(line, p);
      std::string_view name = cjk_run_before(line, open);
      if (plausible_name(name)) out.push_back({std::string(name), open - name.size(), false});
      continue;
    }
    size_t found = out.size();
    if (is_sep(next)) {
      // 分析师：A、B / 证券分析师 A
      size_t i = after;
      size_t len = 1;
      while (i < line.size() && is_sep(fold(decode(line, i, &len)))) i += len;
      bool colon = line.substr(after, i - after).find("：") != std::string_view::npos ||
                   line.substr(after, i - after).find(':') != std::string_view::npos;
      for (;;) {
        std::string_view name = cjk_run_from(line, i);
        if (!plausible_name(name)) break;
        out.push_back({std::string(name), p, colon});
        i += name.size();
        char32_t c = decode(line, i, &len);
        if (c != U'、' && c != U'，' && c != U',') break;
        size_t j = i + len;
        std::string_view more = cjk_run_from(line, j);
        if (!plausible_name(more)) break;
        i = j;
      }
      if (out.size() > found) continue;
    }
    // A 医药行业首席分析师: a name leading the line, a short title ending in 分析师.
    std::string_view head = line.substr(0, p);
    size_t sp = head.find(' ');
    if (sp != std::string_view::npos && sp > 0) {
      std::string_view name = head.substr(0, sp);
      std::string_view title = scan::trim(head.substr(sp));
      if (plausible_name(name) && cjk_run_from(name, 0).size() == name.size() && cp_count(title) <= 10 &&
          title.find(' ') == std::string_view::npos)
        out.push_back({std::string(name), 0, false});
    }
  }
  return out;
}

/// The line without Markdown heading/quote markers and [Table_Authors]-style stamps.
std::string_view strip_markers(std::string_view s) {
  s = scan::trim(s);
  while (!s.empty() && (s.front() == '#' || s.front() == '>' || s.front() == '*')) s = scan::trim(s.substr(1));
  while (!s.empty() && s.front() == '[') {
    size_t e = s.find(']');
    if (e == std::string_view::npos || e > 40) break;
    s = scan::trim(s.substr(e + 1));
  }
  return s;
}

bool is_sentence(std::string_view s) { return scan::contains(s, "。") || cp_count(s) > 60; }

}  // namespace

std::vector<Analyst> extract_analysts(std::string_view body) {
  std::vector<Analyst> out;
  auto add = [&](Analyst a) {
    for (auto& o : out) {
      if (o.name != a.name) continue;
      if (!o.license) o.license = a.license;
      if (!o.email) o.email = a.email;
      return;
    }
    out.push_back(std::move(a));
  };
  auto lines = scan::numbered_lines(body);
  for (size_t li = 0; li < lines.size(); ++li) {
    std::string_view line = strip_markers(lines[li].text);
    if (line.find(kLabel) == std::string_view::npos) continue;
    auto ms = mentions(line);
    for (size_t k = 0; k < ms.size(); ++k) {
      const auto& m = ms[k];
      size_t end = k + 1 < ms.size() ? ms[k + 1].pos : line.size();
      if (end < m.pos) end = m.pos;
      std::string_view seg = line.substr(m.pos, end - m.pos);
      // Several names under one label (分析师：A、B) share it; the number, if any, is the last one's.
      bool shares_label = k + 1 < ms.size() && ms[k + 1].pos == m.pos;
      Analyst a{m.name, std::nullopt, std::nullopt, lines[li].number};
      if (!shares_label) {
        if (auto lic = find_license(seg)) a.license = lic->first;
        a.email = find_email(seg);
      }
      // The block's next lines: X(分析师) / 邮箱 / 证书编号:S… (stop at the next author or prose).
      if (!shares_label && k + 1 == ms.size() && !a.license) {
        for (size_t lj = li + 1; lj < lines.size() && lj <= li + 8; ++lj) {
          std::string_view next = strip_markers(lines[lj].text);
          if (next.find(kLabel) != std::string_view::npos || is_sentence(next)) break;
          if (!a.email) a.email = find_email(next);
          if (auto lic = find_license(next)) {
            a.license = lic->first;
            break;
          }
        }
      }
      bool label_line = m.labelled && !is_sentence(line);
      if (a.license || label_line) add(std::move(a));
    }
  }
  return out;
}

}  // namespace yanbao
