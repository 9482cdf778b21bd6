#include "extract/sector_rankings.h"

#include <cmath>
#include <cstdlib>
#include <optional>

#include "extract/codes.h"
#include "extract/scan.h"

namespace yanbao {
namespace {

using scan::contains;
using scan::decode;
using scan::fold;

bool starts_with(std::string_view s, std::string_view t) { return scan::at(s, 0, t); }
bool ends_with(std::string_view s, std::string_view t) { return scan::ends_at(s, s.size(), t); }

using scan::cp_count;

std::optional<std::string> scheme_of(std::string_view s) {
  bool sw = contains(s, "申万"), zx = contains(s, "中信");
  if (sw && !zx) return "申万";
  if (zx && !sw) return "中信";
  return std::nullopt;
}

/// A signed percent in a cell or an item: 3.412, -0.986, 2.48%, +3.02%, (+3.02%).
std::optional<double> percent_of(std::string_view cell) {
  std::string s = to_halfwidth(cell);
  std::string_view v = scan::trim(s);
  while (!v.empty() && (v.front() == '(' || v.front() == '$')) v = scan::trim(v.substr(1));
  while (!v.empty() && (v.back() == ')' || v.back() == '$')) v = scan::trim(v.substr(0, v.size() - 1));
  size_t end = 0;
  auto n = scan::leading_decimal(v, &end, /*commas=*/false);
  if (!n) return std::nullopt;
  std::string_view rest = scan::trim(v.substr(end));
  if (rest == "\\%") rest = "%";
  if (!(rest.empty() || rest == "%") || std::fabs(*n) > 100) return std::nullopt;
  return n;
}

/// Whether a cell reads as an industry's name: 2–10 ideographs (and 及, Ⅱ), no code, no index.
bool industry_name_cell(std::string_view cell) {
  std::string_view s = scan::trim(cell);
  size_t n = cp_count(s);
  if (n < 2 || n > 12) return false;
  if (normalize_code(s)) return false;
  if (contains(s, "指数") || contains(s, "排名") || contains(s, "合计")) return false;
  for (size_t i = 0; i < s.size();) {
    size_t len = 1;
    char32_t c = decode(s, i, &len);
    if (!scan::is_cjk(c) && c != U'Ⅱ' && c != U'Ⅲ' && c != U'(' && c != U')' && c != U'（' && c != U'）') return false;
    i += len;
  }
  return true;
}

bool is_value_header(std::string_view h) {
  return contains(h, "涨跌") || contains(h, "涨幅") || contains(h, "跌幅") || contains(h, "%") ||
         contains(h, "收益") || contains(h, "年初至今");
}

bool is_name_header(std::string_view h) {
  return contains(h, "行业") || contains(h, "板块") || contains(h, "名称") || contains(h, "前五") ||
         contains(h, "前十") || contains(h, "前三") || contains(h, "领涨") || contains(h, "领跌");
}

}  // namespace

std::string sector_period(std::string_view t, std::string_view report_year) {
  if (!report_year.empty() &&
      (contains(t, "年初至今") || contains(t, "今年以来") || contains(t, "年初以来") || contains(t, "YTD"))) {
    if (report_year.size() == 4) return "since:" + std::string(report_year) + "-01-01";
    return {};
  }
  if (contains(t, "昨日") || contains(t, "昨天") || contains(t, "上一交易日") || contains(t, "上个交易日") ||
      contains(t, "日涨跌"))
    return "day";
  if (contains(t, "本周") || contains(t, "上周") || contains(t, "周涨") || contains(t, "周跌") || contains(t, "当周"))
    return "week";
  if (contains(t, "本月") || contains(t, "上月") || contains(t, "月涨") || contains(t, "月跌") ||
      contains(t, "月行情") || contains(t, "月度"))
    return "month";
  return {};
}

std::string sector_name(std::string_view name) {
  std::string s(scan::trim(name));
  auto drop_prefix = [&](std::string_view p) {
    if (starts_with(s, p) && cp_count(s) > cp_count(p) + 1) s.erase(0, p.size());
  };
  auto drop_suffix = [&](std::string_view p) {
    if (ends_with(s, p) && cp_count(s) > cp_count(p) + 1) s.erase(s.size() - p.size());
  };
  for (std::string_view p : {"申万", "中信"}) drop_prefix(p);
  for (std::string_view p : {"（申万）", "(申万)", "（中信）", "(中信)", "指数", "行业", "板块", "Ⅱ", "Ⅲ", "II"})
    drop_suffix(p);
  return s;
}

std::vector<SectorMove> table_sectors(const Table& table, std::string_view caption, const SectorContext& ctx,
                                      int line) {
  std::vector<SectorMove> out;
  if (table.rows.size() < 2) return out;
  const auto& head = table.rows[0];
  std::string header_text(caption);
  for (const auto& h : head) header_text += h;
  // A ranking of industries: its caption or header says 行业 or 板块 (not 个股, 公司, 指数).
  if (!(contains(header_text, "行业") || contains(header_text, "板块"))) return out;
  if (contains(header_text, "个股") || contains(header_text, "公司") || contains(header_text, "股票") ||
      contains(header_text, "代码"))
    return out;
  auto scheme = scheme_of(header_text);
  std::string default_period = sector_period(caption, ctx.report_year);
  if (default_period.empty() || starts_with(default_period, "since:")) default_period = ctx.period;
  // Value columns, each paired with the nearest name column on its left.
  struct Pair {
    size_t name_col, value_col;
    std::string period;
  };
  std::vector<Pair> pairs;
  for (size_t c = 1; c < head.size(); ++c) {
    if (!is_value_header(head[c]) || (is_name_header(head[c]) && !contains(head[c], "涨跌"))) continue;
    size_t n = c;
    while (n > 0) {
      --n;
      if (!is_value_header(head[n]) || is_name_header(head[n])) break;
    }
    if (is_value_header(head[n]) && !is_name_header(head[n])) continue;
    std::string period = sector_period(head[c], ctx.report_year);
    if (period.empty()) period = default_period;
    if (period.empty()) continue;
    pairs.push_back({n, c, period});
  }
  for (size_t r = 1; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    for (const auto& p : pairs) {
      if (p.value_col >= row.size() || p.name_col >= row.size()) continue;
      if (!industry_name_cell(row[p.name_col])) continue;
      auto v = percent_of(row[p.value_col]);
      if (!v) continue;
      out.push_back(SectorMove{sector_name(row[p.name_col]), scheme, p.period, *v, line});
    }
  }
  return out;
}

namespace {

/// Names of a 、-separated list ending at s's end: "通信、电子、国防军工" → {通信, 电子, 国防军工}.
std::vector<std::string_view> name_list_before(std::string_view s) {
  std::vector<std::string_view> names;
  size_t end = s.size();
  for (;;) {
    size_t b = end;
    while (b > 0) {
      size_t p = scan::prev(s, b);
      if (!scan::is_cjk(decode(s, p))) break;
      b = p;
    }
    std::string_view name = s.substr(b, end - b);
    if (cp_count(name) < 2 || cp_count(name) > 8) {
      if (names.empty()) return {};
      break;
    }
    names.insert(names.begin(), name);
    if (b == 0) break;
    size_t p = scan::prev(s, b);
    char32_t c = decode(s, p);
    if (c != U'、' && c != U'，' && c != U',') break;
    if (c != U'、') break;
    end = p;
  }
  return names;
}

/// Percents of a 、-separated list at s's start: "2.31%、1.87%、1.52%".
std::vector<double> percent_list(std::string_view s) {
  std::vector<double> out;
  size_t i = 0;
  while (i < s.size()) {
    auto n = scan::read_number(s, i);
    if (!n || n->unit != scan::Unit::kPercent) break;
    out.push_back(n->value);
    i = n->end;
    if (scan::at(s, i, "、")) i += std::string_view("、").size();
    else if (scan::at(s, i, "/")) i += 1;
    else break;
  }
  return out;
}

/// Whether the words before a ranking name industries rather than stocks.
bool about_industries(std::string_view intro) {
  if (contains(intro, "个股") || contains(intro, "公司") || contains(intro, "标的") || contains(intro, "成分股") ||
      contains(intro, "概念"))
    return false;
  return contains(intro, "行业") || contains(intro, "一级") || contains(intro, "二级") || contains(intro, "三级") ||
         contains(intro, "子板块") || contains(intro, "板块中") || contains(intro, "板块方面");
}

}  // namespace

std::vector<SectorMove> paragraph_sectors(std::string_view para, const SectorContext& ctx, int line,
                                          std::string_view lead) {
  std::vector<SectorMove> out;
  auto scheme_para = scheme_of(para);
  if (!scheme_para) scheme_para = scheme_of(lead);
  std::string para_period = sector_period(para, {});
  if (para_period.empty()) para_period = sector_period(lead, {});
  if (para_period.empty()) para_period = ctx.period;
  scan::split(para, U"。；;\n", [&](std::string_view sentence) {
    std::string period = sector_period(sentence, ctx.report_year);
    if (period.empty()) period = para_period;
    if (period.empty()) return;
    auto scheme = scheme_of(sentence);
    if (!scheme) scheme = scheme_para;
    // 1. 通信、电子、国防军工涨幅居前，分别上涨2.31%、1.87%、1.52%
    for (std::string_view cue : {"涨幅居前", "跌幅居前", "领涨", "领跌"}) {
      size_t p = sentence.find(cue);
      if (p == std::string_view::npos) continue;
      std::string_view intro = sentence.substr(0, p);
      auto names = name_list_before(intro);
      if (names.empty()) continue;
      // The words before the names: 行业方面，31个申万一级行业中22个上涨，…
      std::string_view before_names = intro.substr(0, static_cast<size_t>(names.front().data() - intro.data()));
      if (!about_industries(before_names) &&
          !about_industries(para.substr(0, static_cast<size_t>(sentence.data() - para.data()))) &&
          !(sentence.data() == para.data() && about_industries(lead)))
        continue;
      if (contains(before_names, "个股")) continue;
      std::string_view rest = sentence.substr(p + cue.size());
      if (starts_with(rest, "，") || starts_with(rest, ",")) rest.remove_prefix(starts_with(rest, ",") ? 1 : 3);
      if (!starts_with(rest, "分别")) continue;
      rest.remove_prefix(std::string_view("分别").size());
      double sign = cue == "跌幅居前" || cue == "领跌" ? -1 : 1;
      for (std::string_view verb : {"上涨", "下跌", "涨", "跌", "为", "收涨", "收跌"}) {
        if (starts_with(rest, verb)) {
          if (verb == "下跌" || verb == "跌" || verb == "收跌") sign = -1;
          rest.remove_prefix(verb.size());
          break;
        }
      }
      auto values = percent_list(rest);
      if (values.size() != names.size()) continue;
      for (size_t k = 0; k < names.size(); ++k) {
        double v = values[k];
        if (v > 0 && sign < 0) v = -v;
        out.push_back(SectorMove{sector_name(names[k]), scheme, period, v, line});
      }
    }
    // 2. 申万汽车二级板块中，汽车零部件（+3.02%）、摩托车及其他（+2.15%）上涨，乘用车（-0.38%）下跌
    //    涨幅居前的行业：煤炭（+3.2%）、有色（+2.1%）
    // Items NAME（±x%）; a run of items joined by 、 or by 上涨，/下跌， shares the intro before
    // its first item, which must speak of industries.
    bool active = false;
    size_t last_item_end = std::string_view::npos;
    for (size_t i = 0; i < sentence.size();) {
      size_t len = 1;
      char32_t c = fold(decode(sentence, i, &len));
      if (c != U'(') {
        i += len;
        continue;
      }
      size_t e = std::min(sentence.find("）", i), sentence.find(')', i));
      if (e == std::string_view::npos || e - i > 24) {
        i += len;
        continue;
      }
      auto v = percent_of(sentence.substr(i + len, e - i - len));
      auto names = name_list_before(sentence.substr(0, i));
      size_t e_end = e + (sentence[e] == ')' ? 1 : std::string_view("）").size());
      if (!v || names.empty()) {
        i = e_end;
        continue;
      }
      std::string_view name = names.back();
      size_t name_at = static_cast<size_t>(name.data() - sentence.data());
      bool continues = false;
      if (last_item_end != std::string_view::npos && name_at >= last_item_end) {
        std::string_view gap = sentence.substr(last_item_end, name_at - last_item_end);
        continues = cp_count(gap) <= 4 && !contains(gap, "个股");
        for (char ch : gap)
          if (ch >= '0' && ch <= '9') continues = false;
      }
      if (!continues) {
        std::string_view intro = sentence.substr(0, name_at);
        active = about_industries(intro) && cp_count(intro) <= 60;
      }
      if (active) {
        std::string p2 = period;
        if (starts_with(p2, "since:")) {
          std::string_view intro = sentence.substr(0, name_at);
          if (!contains(intro, "年初") && !contains(intro, "以来")) p2 = para_period;
        }
        if (!p2.empty()) out.push_back(SectorMove{sector_name(name), scheme, p2, *v, line});
      }
      last_item_end = e_end;
      i = e_end;
    }
  });
  return out;
}

}  // namespace yanbao
