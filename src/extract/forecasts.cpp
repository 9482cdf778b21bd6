#include "extract/forecasts.h"

#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>

#include "extract/codes.h"
#include "extract/scan.h"

namespace yanbao {
namespace {

using scan::contains;

bool starts_with(std::string_view s, std::string_view t) { return scan::at(s, 0, t); }

/// A fiscal-year header cell: 2024A, 2025E, 2026F, 2025e, 2025年E, 2025. {year, actual (-1: unsaid)}.
std::optional<std::pair<int, int>> year_cell(std::string_view cell) {
  std::string s = to_halfwidth(cell);
  size_t i = 0;
  while (i < s.size() && s[i] == ' ') ++i;
  if (s.compare(i, 2, "FY") == 0) i += 2;  // FY2025E
  if (i + 4 > s.size()) return std::nullopt;
  for (size_t k = i; k < i + 4; ++k)
    if (s[k] < '0' || s[k] > '9') return std::nullopt;
  int year = std::stoi(s.substr(i, 4));
  if (year < 1990 || year > 2100) return std::nullopt;
  std::string_view rest(s);
  rest = rest.substr(i + 4);
  if (starts_with(rest, "年")) rest.remove_prefix(std::string_view("年").size());
  rest = scan::trim(rest);
  int actual = -1;
  if (!rest.empty()) {
    char c = rest.front();
    if (c == 'A' || c == 'a') actual = 1;
    else if (c == 'E' || c == 'e' || c == 'F' || c == 'f' || c == 'P' || c == 'p') actual = 0;
    else return std::nullopt;
    rest.remove_prefix(1);
    if (!scan::trim(rest).empty()) return std::nullopt;
  }
  return std::pair{year, actual};
}

size_t cp_count_small(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); i += scan::u8len(static_cast<unsigned char>(s[i]))) ++n;
  return n;
}

enum class Money { kNone, kYi, kBaiWan, kWan, kQian, kYuan };

/// The money unit text names: 亿元/亿 ×100, 百万元/百万 ×1, 万元/万 ÷100, 千元 ÷1000.
Money money_unit(std::string_view s) {
  if (contains(s, "百万")) return Money::kBaiWan;
  if (contains(s, "亿")) return Money::kYi;
  if (contains(s, "千万")) return Money::kNone;  // rare; not guessed
  if (contains(s, "万")) return Money::kWan;
  if (contains(s, "千元")) return Money::kQian;
  if (contains(s, "mn") || contains(s, "million") || contains(s, "Million")) return Money::kBaiWan;
  return Money::kNone;
}

std::optional<double> to_millions(double v, Money m) {
  switch (m) {
    case Money::kYi: return v * 100;
    case Money::kBaiWan: return v;
    case Money::kWan: return v / 100;
    case Money::kQian: return v / 1000;
    default: return std::nullopt;
  }
}

/// The metric a row label names, or empty: growth, margin and per-share lines other than EPS
/// are not stored.
std::string_view metric_of(std::string_view label) {
  std::string s = to_halfwidth(label);
  std::string_view l(s);
  for (std::string_view no : {"增长", "增速", "同比", "yoy", "YoY", "YOY", "环比", "毛利", "扣非", "扣除", "少数",
                              "率(%)", "变动", "增幅"})
    if (contains(l, no)) return {};
  // A ratio (净利润率, 资产负债率) is no amount; 市盈率, 市净率 and 净资产收益率 are metrics.
  if (contains(l, "率") && !contains(l, "市盈率") && !contains(l, "市净率") && !contains(l, "收益率")) return {};
  auto has = [&](std::string_view w) { return contains(l, w); };
  if (has("P/E") || has("PE") || has("市盈率")) return has("PEG") ? std::string_view{} : "pe";
  if (has("P/B") || has("PB") || has("市净率")) return "pb";
  if (has("ROE") || has("净资产收益率")) return "roe";
  if (has("EPS") || has("每股收益") || has("每股盈利")) return "eps";
  if (has("归母净利润") || has("归属母公司净利润") || has("归属于母公司") || has("归母净利") || has("归属母公司股东净利润") ||
      starts_with(l, "净利润") || has("股东应占溢利") || has("归母利润"))
    return "net_profit";
  if (has("营业收入") || has("营业总收入") || starts_with(l, "营收") || starts_with(l, "主营收入") ||
      starts_with(l, "收入") || has("总收入") || starts_with(l, "营业额"))
    return "revenue";
  return {};
}

std::optional<double> value_cell(std::string_view cell) {
  std::string s = to_halfwidth(cell);
  std::string_view v = scan::trim(s);
  // 37,041 / 1.60 / -9.6% / 31.5% / 12.3x: one number, then at most a unit.
  size_t end = 0;
  auto n = scan::leading_decimal(v, &end);
  if (!n) return std::nullopt;
  std::string_view rest = scan::trim(v.substr(end));
  if (!(rest.empty() || rest == "%" || rest == "x" || rest == "X" || rest == "倍" || rest == "元")) return std::nullopt;
  return n;
}

}  // namespace

std::vector<Forecast> extract_forecasts(const Table& table, const StockRef& company, int report_year,
                                        std::string_view caption, int line) {
  std::vector<Forecast> out;
  // The header: the first row with two or more fiscal years (cells after the first).
  size_t header = table.rows.size();
  std::vector<std::pair<size_t, std::pair<int, int>>> years;  // column, {year, actual}
  for (size_t r = 0; r < table.rows.size() && r < 4; ++r) {
    std::vector<std::pair<size_t, std::pair<int, int>>> found;
    for (size_t c = 1; c < table.rows[r].size(); ++c)
      if (auto y = year_cell(table.rows[r][c])) found.push_back({c, *y});
    if (found.size() >= 2) {
      header = r;
      years = std::move(found);
      break;
    }
  }
  if (years.empty()) return out;
  // Years must run up without repeats: a table of several companies (EPS 2024A 2025E | PE
  // 2024A 2025E) repeats them and is not one company's forecast.
  for (size_t k = 1; k < years.size(); ++k)
    if (years[k].second.first <= years[k - 1].second.first) return out;
  // A unit for the whole table: 单位：百万元 in the caption or the header rows.
  Money table_unit = Money::kNone;
  auto scan_unit = [&](std::string_view s) {
    size_t p = s.find("单位");
    if (p != std::string_view::npos && table_unit == Money::kNone) table_unit = money_unit(s.substr(p));
  };
  scan_unit(caption);
  for (size_t r = 0; r <= header; ++r)
    for (const auto& cell : table.rows[r]) scan_unit(cell);
  // （百万元） / 人民币百万元 in the header row's corner cell.
  if (table_unit == Money::kNone && !table.rows[header].empty() && cp_count_small(table.rows[header][0]) <= 12)
    table_unit = money_unit(table.rows[header][0]);
  for (size_t r = header + 1; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    if (row.empty()) continue;
    std::string_view label = row[0];
    std::string_view metric = metric_of(label);
    if (metric.empty()) continue;
    bool already = false;
    for (const auto& f : out)
      if (f.metric == metric) already = true;
    if (already) continue;  // the first line of a metric wins (营业收入 before 营业总收入…)
    Money unit = money_unit(label);
    if (unit == Money::kNone) unit = table_unit;
    for (const auto& [col, ya] : years) {
      if (col >= row.size()) continue;
      auto v = value_cell(row[col]);
      if (!v) continue;
      double value = *v;
      if (metric == "revenue" || metric == "net_profit") {
        auto m = to_millions(value, unit);
        if (!m) continue;
        value = *m;
      }
      int actual = ya.second;
      if (actual < 0) actual = report_year > 0 && ya.first < report_year ? 1 : 0;
      out.push_back(Forecast{company.name, company.code, ya.first, actual == 1, std::string(metric), value, line});
    }
  }
  // Keep the rows in metric order of the table; drop a metric whose every cell failed.
  return out;
}

std::vector<Forecast> sentence_forecasts(std::string_view s, const StockRef& company, int line) {
  std::vector<Forecast> out;
  // A year range 2025-2027年 (or 2025~2027年, 25-27年), then a metric, then 分别为/预测至 a/b/c 单位.
  for (size_t i = 0; i + 9 < s.size(); ++i) {
    if (!scan::is_digit_at(s, i) || (i > 0 && scan::is_digit_at(s, i - 1))) continue;
    size_t k = i;
    while (k < s.size() && s[k] >= '0' && s[k] <= '9') ++k;
    if (k - i != 4) continue;
    int from = std::stoi(std::string(s.substr(i, 4)));
    std::string_view rest = s.substr(k);
    size_t dash = 0;
    for (std::string_view d : {"-", "～", "~", "—", "至", "－"})
      if (starts_with(rest, d)) dash = d.size();
    if (!dash) continue;
    rest.remove_prefix(dash);
    size_t m = 0;
    while (m < rest.size() && rest[m] >= '0' && rest[m] <= '9') ++m;
    if (m != 4) continue;
    int to = std::stoi(std::string(rest.substr(0, 4)));
    if (to <= from || to - from > 4 || from < 1990) continue;
    rest.remove_prefix(4);
    if (!starts_with(rest, "年")) continue;
    rest.remove_prefix(std::string_view("年").size());
    // Each metric of the clause chain: 归母净利润分别为…亿元，对应EPS分别为…元.
    std::string_view chain = rest.substr(0, std::min<size_t>(rest.size(), 400));
    for (size_t p = 0; p < chain.size();) {
      size_t q = chain.find("分别", p);
      size_t q2 = chain.find("预测至", p);
      size_t at = std::min(q, q2);
      if (at == std::string_view::npos) break;
      std::string_view label = chain.substr(p, at - p);
      // The label: the text since the last clause break (，、) or 对应 before 分别.
      for (std::string_view brk : {"，", "、", "对应", "；", "。"}) {
        size_t c = label.rfind(brk);
        if (c != std::string_view::npos) label = label.substr(c + brk.size());
      }
      std::string_view metric = metric_of(scan::trim(label));
      std::string_view after = chain.substr(at + (at == q ? std::string_view("分别").size() : std::string_view("预测至").size()));
      for (std::string_view w : {"为", "是", "达到", "达", "至"})
        if (starts_with(after, w)) after.remove_prefix(w.size());
      std::vector<double> values;
      size_t j = 0;
      while (j < after.size()) {
        auto n = scan::read_number(after, j);
        if (!n || n->has_sign) break;
        size_t e = j;
        while (e < after.size() && ((after[e] >= '0' && after[e] <= '9') || after[e] == '.' || after[e] == ','))
          ++e;
        values.push_back(n->value);
        j = e;
        if (j < after.size() && (after[j] == '/' || scan::at(after, j, "、") || scan::at(after, j, "／"))) {
          j += after[j] == '/' ? 1 : 3;
          continue;
        }
        break;
      }
      std::string_view unit_text = after.substr(j, std::min<size_t>(after.size() - j, 9));
      size_t next_p = at + 1;
      if (!metric.empty() && values.size() == static_cast<size_t>(to - from + 1)) {
        bool ok = true;
        std::vector<double> norm = values;
        if (metric == "revenue" || metric == "net_profit") {
          Money mu = money_unit(unit_text);
          for (auto& v : norm) {
            auto mm = to_millions(v, mu);
            if (!mm) ok = false;
            else v = *mm;
          }
        } else if (metric == "eps") {
          ok = starts_with(unit_text, "元");
        } else if (metric == "pe" || metric == "pb") {
          ok = starts_with(unit_text, "倍") || starts_with(unit_text, "x") || starts_with(unit_text, "X");
        } else {
          ok = false;
        }
        bool seen = false;
        for (const auto& f : out)
          if (f.metric == metric) seen = true;
        if (ok && !seen)
          for (int y = from; y <= to; ++y)
            out.push_back(Forecast{company.name, company.code, y, false, std::string(metric),
                                   norm[static_cast<size_t>(y - from)], line});
      }
      p = std::max(next_p, at + (after.data() - chain.data() - at) + j);
      if (p <= at) p = at + 1;
    }
    break;  // one year range per sentence
  }
  return out;
}

}  // namespace yanbao
