#include "extract/market_clauses.h"

#include <vector>

#include "extract/market_names.h"
#include "extract/scan.h"

namespace yanbao::market {

using scan::at;
using scan::contains;
using scan::decode;

std::optional<std::pair<std::string, std::optional<std::string>>> sector_of(std::string_view raw,
                                                                            std::string_view canon) {
  std::string_view n = canon;
  std::optional<std::string> scheme;
  for (auto [prefix, name] : {std::pair<std::string_view, std::string_view>{"申万一级", "申万"}, {"申万二级", "申万"},
                              {"申万", "申万"}, {"中信一级", "中信"}, {"中信", "中信"}, {"SW", "申万"}}) {
    if (at(n, 0, prefix)) {
      n.remove_prefix(prefix.size());
      scheme = std::string(name);
      break;
    }
  }
  if (contains(raw, "申万")) scheme = "申万";
  else if (contains(raw, "中信")) scheme = "中信";
  for (std::string_view suffix : {"指数", "行业", "板块"})
    if (scan::ends_at(n, n.size(), suffix)) n.remove_suffix(suffix.size());
  if (n.empty() || !(scheme || is_industry_name(n))) return std::nullopt;
  if (!is_industry_name(n) && !is_industry_name(canon)) return std::nullopt;
  return std::pair{std::string(n), scheme};
}

/// Rewrites an industry whose classification stands in brackets after it (机械设备行业（申万）
/// 指数, 计算机（中信）板块, 电子（申万分类）指数) as the prefixed form the index grammar reads
/// (申万机械设备指数). Other text is copied as it is.
std::string scheme_prefixed(std::string_view para) {
  if (!contains(para, "（申万") && !contains(para, "（中信") && !contains(para, "(申万") && !contains(para, "(中信"))
    return std::string(para);
  std::string out;
  size_t copied = 0;
  for (size_t i = 0; i < para.size();) {
    size_t len = 1;
    char32_t c = decode(para, i, &len);
    if (c != U'（' && c != U'(') {
      i += len;
      continue;
    }
    const size_t open = i, inner = i + len;
    std::string_view scheme = at(para, inner, "申万") ? "申万" : at(para, inner, "中信") ? "中信" : "";
    size_t close = scheme.empty() ? std::string_view::npos : para.find(c == U'（' ? "）" : ")", inner);
    if (close == std::string_view::npos || close - inner > 18) {
      i += len;
      continue;
    }
    size_t after = close + (c == U'（' ? 3 : 1);
    size_t word = at(para, after, "行业指数") ? 12 : at(para, after, "指数") || at(para, after, "板块") ? 6 : 0;
    if (!word) {
      i = after;
      continue;
    }
    // The industry: the longest tail of the Han run before the bracket that names one.
    size_t run = open;
    for (int n = 0; n < 10 && run > copied; ++n) {
      size_t p = scan::prev(para, run);
      if (!scan::is_cjk(decode(para, p))) break;
      run = p;
    }
    std::optional<size_t> name_at;
    for (size_t b = run; b < open; b += scan::u8len(static_cast<unsigned char>(para[b]))) {
      std::string_view n = para.substr(b, open - b);
      if (scan::ends_at(n, n.size(), "行业")) n.remove_suffix(6);
      if (!n.empty() && is_industry_name(n)) {
        name_at = b;
        break;
      }
    }
    if (!name_at) {
      i = after;
      continue;
    }
    std::string_view n = para.substr(*name_at, open - *name_at);
    if (scan::ends_at(n, n.size(), "行业")) n.remove_suffix(6);
    out.append(para.substr(copied, *name_at - copied));
    out.append(scheme);
    out.append(n);
    out.append("指数");
    copied = i = after + word;
  }
  out.append(para.substr(copied));
  return out;
}

/// Opens brackets that hold index moves of their own (市场风险偏好回升（上证指数上涨1.09%，创业板
/// 指上涨3.17%））: their text becomes clauses of the sentence, set off by commas, so the grammar
/// reads them as it reads any clause. Brackets that only qualify (a code, a date, a restated
/// number) stay as they are.
std::string open_index_asides(std::string_view para) {
  if (!contains(para, "（") || !contains(para, "%")) return std::string(para);
  std::string out;
  size_t copied = 0;
  std::vector<IndexHit> hits;
  for (size_t open = para.find("（"); open != std::string_view::npos; open = para.find("（", open + 3)) {
    const size_t inner = open + 3;
    const size_t close = para.find("）", inner);
    if (close == std::string_view::npos) break;
    std::string_view in = para.substr(inner, close - inner);
    if (contains(in, "（")) continue;  // nested: leave it alone
    hits.clear();
    find_index_names(in, hits);
    bool move = false;
    for (std::string_view w : {"上涨", "下跌", "下降", "上升", "收涨", "收跌", "涨幅", "跌幅"})
      move = move || contains(in, w);
    if (hits.empty() || hits[0].begin != 0 || !move || !contains(in, "%")) continue;
    out.append(para.substr(copied, open - copied));
    out.append("，");
    out.append(in);
    out.append("，");
    copied = close + 3;
    open = close;
  }
  out.append(para.substr(copied));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Topic.

std::optional<std::string> find_topic(std::string_view text) {
  static constexpr std::string_view kLabels[] = {"本周专题", "本期专题", "周专题", "专题研究", "专题"};
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = scan::trim(text.substr(start, nl - start));
    start = nl + 1;
    if (at(line, 0, "# ")) line = scan::trim(line.substr(2));
    // Numbered headings: 一、本周专题：… / 3. 专题：…
    for (std::string_view num : {"一、", "二、", "三、", "四、", "五、", "六、", "1.", "2.", "3.", "4.", "5."})
      if (at(line, 0, num)) line = scan::trim(line.substr(num.size()));
    // 【本周专题】… / [本期专题] …
    bool boxed = at(line, 0, "【") || at(line, 0, "[");
    if (boxed) line.remove_prefix(line[0] == '[' ? 1 : 3);
    std::string_view label = scan::match_any(line, 0, kLabels);
    if (label.empty()) continue;
    std::string_view rest = scan::trim(line.substr(label.size()));
    if (boxed && at(rest, 0, "】")) rest.remove_prefix(3);
    else if (boxed && at(rest, 0, "]")) rest.remove_prefix(1);
    else if (at(rest, 0, "：")) rest.remove_prefix(3);
    else if (at(rest, 0, ":")) rest.remove_prefix(1);
    else continue;
    if (at(scan::trim(rest), 0, "：")) rest = scan::trim(rest).substr(3);
    rest = scan::trim(rest);
    while (scan::ends_at(rest, rest.size(), "。")) rest = scan::trim(rest.substr(0, rest.size() - 3));
    if (!rest.empty()) return std::string(rest);
  }
  return std::nullopt;
}

}  // namespace yanbao::market
