#include "extract/meta.h"

#include <array>
#include <vector>

namespace yanbao {
namespace {

constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    out.push_back(text.substr(pos, eol - pos));
    pos = eol + 1;
  }
  return out;
}

/// Removes markdown emphasis and quote markers around a value: **X**, > X, *X*.
std::string_view strip_markdown(std::string_view s) {
  s = trim(s);
  while (!s.empty() && (s.front() == '>' || s.front() == '*' || s.front() == '_' || s.front() == '#')) {
    s.remove_prefix(1);
    s = trim(s);
  }
  while (!s.empty() && (s.back() == '*' || s.back() == '_')) {
    s.remove_suffix(1);
    s = trim(s);
  }
  return s;
}

/// Position just after the first '：' or ':' in s, and the prefix before it.
bool split_at_colon(std::string_view s, std::string_view& before, std::string_view& after) {
  size_t full = s.find("\xEF\xBC\x9A");  // ：
  size_t half = s.find(':');
  if (full == std::string_view::npos && half == std::string_view::npos) return false;
  if (half != std::string_view::npos && (full == std::string_view::npos || half < full)) {
    before = s.substr(0, half);
    after = s.substr(half + 1);
  } else {
    before = s.substr(0, full);
    after = s.substr(full + 3);
  }
  return true;
}

/// Splits "开源证券-中小盘周报" into broker and rest at the first '-', '－', '—' or '_'.
bool split_broker_prefix(std::string_view s, std::string_view& broker, std::string_view& rest) {
  static constexpr std::array<std::string_view, 4> kDashes = {"-", "\xEF\xBC\x8D", "\xE2\x80\x94", "_"};
  size_t best = std::string_view::npos, len = 0;
  for (auto d : kDashes) {
    size_t p = s.find(d);
    if (p != std::string_view::npos && p < best) {
      best = p;
      len = d.size();
    }
  }
  if (best == std::string_view::npos) return false;
  broker = trim(s.substr(0, best));
  rest = trim(s.substr(best + len));
  static constexpr std::array<std::string_view, 7> kBrokerEndings = {"证券", "证券股份", "研究所", "研究院",
                                                                     "国际", "控股", "期货"};
  for (auto e : kBrokerEndings)
    if (ends_with(broker, e) && broker.size() > e.size()) return true;
  return false;
}

}  // namespace

std::string_view trim(std::string_view s) {
  for (;;) {
    if (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
      s.remove_prefix(1);
    else if (starts_with(s, kIdeographicSpace))
      s.remove_prefix(kIdeographicSpace.size());
    else
      break;
  }
  for (;;) {
    if (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
      s.remove_suffix(1);
    else if (ends_with(s, kIdeographicSpace))
      s.remove_suffix(kIdeographicSpace.size());
    else
      break;
  }
  return s;
}

std::optional<std::string> broker_from_source_line(std::string_view body) {
  std::optional<std::string> found;
  for (std::string_view line : lines_of(body)) {
    line = strip_markdown(line);
    for (std::string_view key : {"来源", "资料来源", "报告来源", "研报来源"}) {
      if (!starts_with(line, key)) continue;
      std::string_view before, after;
      if (!split_at_colon(line, before, after) || trim(before) != key) continue;
      std::string_view value = strip_markdown(after);
      // "资料来源：Wind，开源证券研究所" under a chart is a data source, not the broker.
      if (value.empty() || value.size() > 60 || value.find("\xEF\xBC\x8C") != std::string_view::npos ||
          value.find(',') != std::string_view::npos || value.find("Wind") != std::string_view::npos)
        continue;
      while (ends_with(value, "\xE3\x80\x82")) value.remove_suffix(3);  // 。
      found = std::string(trim(value));
    }
  }
  if (!found) found = broker_from_excerpt_note(body);
  return found;
}

std::optional<std::string> broker_from_excerpt_note(std::string_view body) {
  // Portals that mirror an excerpt say whose it is: （以下内容从华鑫证券《…》研报附件原文摘录）.
  static constexpr std::string_view kLead = "以下内容从";
  size_t at = body.find(kLead);
  if (at == std::string_view::npos || at > 2000) return std::nullopt;
  std::string_view rest = body.substr(at + kLead.size());
  size_t title = rest.find("《");
  if (title == std::string_view::npos || title == 0 || title > 45) return std::nullopt;
  std::string_view broker = trim(rest.substr(0, title));
  for (std::string_view e : {"证券", "证券研究所", "研究所", "期货", "国际", "控股", "资本", "研究"})
    if (ends_with(broker, e) && broker.size() > e.size()) return std::string(broker);
  return std::nullopt;
}

std::optional<std::string> broker_from_title(std::string_view title) {
  std::string_view broker, rest;
  if (split_broker_prefix(trim(title), broker, rest)) return std::string(broker);
  return std::nullopt;
}

std::optional<std::string> series_from_title(std::string_view title) {
  std::string_view before, after;
  if (!split_at_colon(trim(title), before, after)) return std::nullopt;
  before = trim(before);
  std::string_view broker, rest;
  if (split_broker_prefix(before, broker, rest)) before = rest;
  // A company note's title names its stock by code (牧原股份(002714)2024年报点评): one report,
  // not a series.
  if (before.find('(') != std::string_view::npos || before.find("（") != std::string_view::npos) {
    for (char c : before)
      if (c >= '0' && c <= '9') return std::nullopt;
  }
  static constexpr std::array<std::string_view, 16> kSeriesEndings = {
      "周报", "月报", "日报", "晨报", "季报", "年报", "点评", "周观察", "周评", "双周报", "半月报",
      "快报", "周刊", "月刊", "周度观察", "晨会纪要"};
  for (auto e : kSeriesEndings)
    if (ends_with(before, e)) return std::string(before);
  return std::nullopt;
}

std::optional<std::string> source_url(std::string_view body) {
  auto lines = lines_of(body);
  int seen = 0;
  for (auto it = lines.rbegin(); it != lines.rend() && seen < 6; ++it) {
    std::string_view line = trim(*it);
    if (line.empty()) continue;
    ++seen;
    // The last URL on the line that has a path beyond the host.
    std::optional<std::string> best;
    size_t pos = 0;
    while ((pos = line.find("http", pos)) != std::string_view::npos) {
      std::string_view rest = line.substr(pos);
      if (!starts_with(rest, "http://") && !starts_with(rest, "https://")) {
        pos += 4;
        continue;
      }
      size_t end = 0;
      while (end < rest.size()) {
        unsigned char c = static_cast<unsigned char>(rest[end]);
        if (c <= ' ' || c >= 0x80 || c == ')' || c == ']' || c == '>' || c == '"' || c == '\'') break;
        ++end;
      }
      std::string_view url = rest.substr(0, end);
      size_t host_end = url.find('/', url.find("//") + 2);
      if (host_end != std::string_view::npos && host_end + 1 < url.size()) best = std::string(url);
      pos += end ? end : 4;
    }
    if (best) return best;
  }
  return std::nullopt;
}

std::optional<std::string> title_from_body(std::string_view body) {
  auto lines = lines_of(body);
  for (std::string_view line : lines) {
    std::string_view t = trim(line);
    if (starts_with(t, "# ")) return std::string(trim(t.substr(2)));
  }
  for (std::string_view line : lines) {
    std::string_view t = strip_markdown(line);
    if (!t.empty()) return std::string(t);
  }
  return std::nullopt;
}

}  // namespace yanbao
