#include "extract/picks_rating.h"

#include "extract/codes.h"

namespace yanbao::lists {

namespace {

constexpr std::string_view kRatings[] = {
    "强烈推荐", "谨慎推荐", "审慎推荐", "推荐", "买入", "强烈买入", "增持", "谨慎增持", "审慎增持", "中性",
    "持有", "减持", "卖出", "回避", "跑赢行业", "跑输行业", "优于大市", "同步大市", "弱于大市", "强于大市",
    "跑赢大市", "跑输大市", "优于行业", "超配", "标配", "低配", "强推", "观望", "区间操作", "outperform"};

bool is_rating(std::string_view s) { return equals_any(s, kRatings); }

bool is_close_quote(char32_t c) { return c == U'”' || c == U'"' || c == U'’' || c == U'」' || c == U'』' || c == U'\''; }
bool is_open_quote(char32_t c) { return c == U'“' || c == U'"' || c == U'‘' || c == U'「' || c == U'『' || c == U'\''; }

/// The last n code points of s.
std::string_view last_cps(std::string_view s, size_t n) {
  size_t k = s.size();
  while (k > 0 && n > 0) {
    --k;
    while (k > 0 && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
    --n;
  }
  return s.substr(k);
}

/// A quoted word ending s ("维持“买入”" → 买入), or a rating word ending s ("维持买入" → 买入).
std::optional<std::string_view> rating_before(std::string_view s) {
  s = trim(s);
  if (s.empty()) return std::nullopt;
  size_t k = s.size() - 1;
  while (k > 0 && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
  if (is_close_quote(fold(decode_at(s, k).cp))) {
    for (size_t j = k; j-- > 0;) {
      if ((static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) continue;
      if (is_open_quote(fold(decode_at(s, j).cp))) {
        auto inner = trim(s.substr(j + decode_at(s, j).len, k - j - decode_at(s, j).len));
        if (is_rating(inner) || (!inner.empty() && cp_count(inner) <= 6)) return inner;
        return std::nullopt;
      }
    }
    return std::nullopt;
  }
  std::string_view best;
  for (auto r : kRatings)
    if (ends_with(s, r) && r.size() > best.size()) best = r;
  if (!best.empty()) return best;
  return std::nullopt;
}

std::optional<std::string_view> rating_after(std::string_view s) {
  for (bool changed = true; changed;) {
    changed = false;
    s = trim(s);
    for (std::string_view w : {"为", "是", "维持", "调整为", "上调至", "上调为", "下调至", "下调为", "给予"}) {
      if (starts_with(s, w)) {
        s.remove_prefix(w.size());
        changed = true;
      }
    }
    if (size_t n = folded_char_len(s, ':')) {
      s.remove_prefix(n);
      changed = true;
    }
  }
  if (s.empty()) return std::nullopt;
  auto first = decode_at(s, 0);
  if (is_open_quote(fold(first.cp))) {
    for (size_t j = first.len; j < s.size();) {
      auto c = decode_at(s, j);
      if (is_close_quote(fold(c.cp))) {
        auto inner = trim(s.substr(first.len, j - first.len));
        if (is_rating(inner)) return inner;
        return std::nullopt;
      }
      j += c.len;
    }
    return std::nullopt;
  }
  std::string_view best;
  for (auto r : kRatings)
    if (starts_with(s, r) && r.size() > best.size()) best = r;
  if (!best.empty()) return best;
  return std::nullopt;
}

}  // namespace

/// The company rating a note states: 维持“买入”评级, 首次覆盖，给予“增持”评级, 评级为“推荐”,
/// 投资评级：买入. Ratings of the industry (维持行业“推荐”评级) are skipped.
std::optional<std::string> find_rating(std::string_view text) {
  for (size_t p = find_word(text, "评级"); p != std::string_view::npos; p = find_word(text, "评级", p + 1)) {
    std::string_view before = last_cps(text.substr(0, p), 14);
    if (ends_with(before, "投资")) before.remove_suffix(std::string_view("投资").size());
    if (contains(last_cps(before, 10), "行业")) continue;
    if (auto r = rating_before(before)) {
      std::string_view ctx = before.substr(0, before.size() >= r->size() ? before.size() - r->size() : 0);
      // An unknown quoted word counts only after 维持/给予 (维持“优于大市”评级).
      if (is_rating(*r) || contains(ctx, "维持") || contains(ctx, "给予") || contains(ctx, "上调") ||
          contains(ctx, "下调") || contains(ctx, "首次"))
        return std::string(*r);
    }
    if (auto r = rating_after(text.substr(p + std::string_view("评级").size())))
      return std::string(*r);
  }
  // "维持“买入”" without the word 评级.
  for (std::string_view verb : {"维持", "给予"}) {
    for (size_t p = find_word(text, verb); p != std::string_view::npos; p = find_word(text, verb, p + 1)) {
      std::string_view after = text.substr(p + verb.size());
      for (std::string_view obj : {"公司", "其"})
        if (starts_with(after, obj)) after.remove_prefix(obj.size());
      auto first = after.empty() ? CodePoint{0, 0} : decode_at(after, 0);
      if (!after.empty() && is_open_quote(fold(first.cp)))
        if (auto r = rating_after(after)) return std::string(*r);
    }
  }
  return std::nullopt;
}

/// The rated company of a company note's title: "汇川技术（300124.SZ）：…",
/// "北京君正(300223)：…", or "北京君正：…" when the part before the colon reads as a name.
std::optional<Stock> title_company(std::string_view title) {
  std::string_view s = trim(title);
  // Leading 【broker】 or [tag] stamps.
  while (starts_with(s, "【") || starts_with(s, "[")) {
    size_t e = starts_with(s, "【") ? s.find("】") : s.find(']');
    if (e == std::string_view::npos) break;
    s = trim(s.substr(e + (starts_with(s, "【") ? std::string_view("】").size() : 1)));
  }
  // "公司点评｜北京君正（300223）：…": keep what follows the last tag separator.
  for (std::string_view sep : {"｜", "|", "丨"}) {
    size_t p = s.rfind(sep);
    if (p != std::string_view::npos) s = trim(s.substr(p + sep.size()));
  }
  auto depth = nesting(s);
  size_t colon = s.size();
  for (size_t i = 0; i < s.size();) {
    auto c = decode_at(s, i);
    if (depth[i] == 0 && fold(c.cp) == U':') {
      colon = i;
      break;
    }
    i += c.len;
  }
  std::string_view head = s.substr(0, colon);
  for (size_t i = 0; i < head.size();) {
    auto c = decode_at(head, i);
    if (depth[i] == 0 && fold(c.cp) == U'(') {
      size_t j = i + c.len;
      size_t e = j;
      while (e < head.size() && fold(decode_at(head, e).cp) != U')') e += decode_at(head, e).len;
      if (auto code = code_in(head.substr(j, e - j))) {
        auto name = strip_wrappers(head.substr(0, i));
        if (is_stock_name(name, true, false)) return Stock{std::string(name), code};
      }
      return std::nullopt;
    }
    i += c.len;
  }
  // "汇川技术-300124-2024年报点评：…": name and code joined by dashes (mirrored titles).
  for (std::string_view dash : {"-", "－", "—"}) {
    size_t d1 = s.find(dash);
    if (d1 == std::string_view::npos || d1 == 0) continue;
    std::string_view after = s.substr(d1 + dash.size());
    size_t d2 = after.find(dash);
    std::string_view code_part = trim(after.substr(0, d2));
    if (auto code = normalize_code(code_part)) {
      auto name = strip_wrappers(s.substr(0, d1));
      if (is_stock_name(name, true, false)) return Stock{std::string(name), code};
    }
  }
  if (colon == s.size()) return std::nullopt;
  head = strip_wrappers(head);
  static constexpr std::string_view kReportWords[] = {"周报", "月报", "日报", "报告", "点评", "策略",
                                                                   "研究", "专题", "深度", "年报", "季报", "快评",
                                                                   "晨报", "早报", "晚报", "晨会", "周刊", "月刊", "纪要",
                                                                   "简报", "速递", "日评", "周评", "月评", "要闻"};
  if (any_of_words(head, kReportWords)) return std::nullopt;
  if (is_stock_name(head, false, true)) return Stock{std::string(head), std::nullopt};
  return std::nullopt;
}

}  // namespace yanbao::lists
