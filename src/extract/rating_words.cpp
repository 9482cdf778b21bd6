// Rating words and target prices in text (the public parts are declared in ratings.h).
#include "extract/rating_words.h"

#include <algorithm>

#include "extract/codes.h"
#include "extract/ratings.h"
#include "extract/scan.h"

namespace yanbao {
namespace rating_words {

using scan::contains;
using scan::decode;
using scan::fold;

// Longest first where one word starts another (强烈推荐 before 推荐 does not matter for exact
// matches, but does for prefixes).
constexpr std::string_view kRatingWords[] = {
    "强烈推荐", "谨慎推荐", "审慎推荐", "推荐", "强烈买入", "买入", "谨慎增持", "审慎增持", "增持", "中性",
    "持有", "谨慎减持", "减持", "卖出", "回避", "跑赢行业", "跑输行业", "优于大市", "同步大市", "弱于大市",
    "强于大市", "跑赢大市", "跑输大市", "优于行业", "同步行业", "弱于行业", "中性偏强", "超配", "标配",
    "低配", "强推", "看好", "观望", "区间操作", "领先大市", "落后大市", "outperform", "Outperform", "Buy",
    "BUY", "Overweight", "Neutral"};

bool is_rating_word(std::string_view s) {
  return std::find(std::begin(kRatingWords), std::end(kRatingWords), s) != std::end(kRatingWords);
}

/// The rating word s starts with (longest), or empty.
std::string_view rating_prefix(std::string_view s) {
  std::string_view best;
  for (std::string_view w : kRatingWords)
    if (scan::at(s, 0, w) && w.size() > best.size()) best = w;
  return best;
}

bool is_open_quote(char32_t c) {
  return c == U'“' || c == U'"' || c == U'‘' || c == U'「' || c == U'『' || c == U'【';
}
bool is_close_quote(char32_t c) {
  return c == U'”' || c == U'"' || c == U'’' || c == U'」' || c == U'』' || c == U'】';
}


/// The last n code points of s.
std::string_view last_cps(std::string_view s, size_t n) {
  size_t k = s.size();
  while (k > 0 && n > 0) {
    k = scan::prev(s, k);
    --n;
  }
  return s.substr(k);
}

bool ends_with(std::string_view s, std::string_view t) { return scan::ends_at(s, s.size(), t); }
bool starts_with(std::string_view s, std::string_view t) { return scan::at(s, 0, t); }

/// The action a parenthetical says: 维持 → keep, 首次 → first, 上调/调高 → up, 下调/调低 → down.
std::optional<std::string> action_word(std::string_view s) {
  if (contains(s, "首次")) return "first";
  if (contains(s, "上调") || contains(s, "调高") || contains(s, "提升") || contains(s, "上修")) return "up";
  if (contains(s, "下调") || contains(s, "调低") || contains(s, "下修")) return "down";
  if (contains(s, "维持") || contains(s, "持续")) return "keep";
  return std::nullopt;
}

/// The text inside a leading bracket of s ("（维持）…" → 维持) and the rest after it.
std::optional<std::pair<std::string_view, std::string_view>> leading_paren(std::string_view s) {
  size_t len = 0;
  char32_t c = fold(decode(s, 0, &len));
  if (c != U'(' || s.empty()) return std::nullopt;
  for (size_t j = len; j < s.size();) {
    size_t l2 = 1;
    char32_t d = fold(decode(s, j, &l2));
    if (d == U')') return std::pair{s.substr(len, j - len), s.substr(j + l2)};
    j += l2;
  }
  return std::nullopt;
}

std::string_view strip_markers(std::string_view s) {
  s = scan::trim(s);
  for (bool changed = true; changed && !s.empty();) {
    changed = false;
    while (!s.empty() && (s.front() == '#' || s.front() == '>' || s.front() == '*' || s.front() == '-')) {
      s = scan::trim(s.substr(1));
      changed = true;
    }
    for (std::string_view m : {"■", "●", "◆", "➢", "•", "⚫", "▪", "◼", "❖", "Ø"}) {
      if (starts_with(s, m)) {
        s = scan::trim(s.substr(m.size()));
        changed = true;
      }
    }
    if (!s.empty() && s.front() == '[') {  // [Table_Invest]
      size_t e = s.find(']');
      if (e != std::string_view::npos && e < 40) {
        s = scan::trim(s.substr(e + 1));
        changed = true;
      }
    }
  }
  while (s.size() > 2 && (s.back() == '*')) s.remove_suffix(1);
  return scan::trim(s);
}

bool is_name_byte_char(char32_t c) {
  return scan::is_cjk(c) || (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z') || (c >= U'0' && c <= U'9') ||
         c == U'-' || c == U'*' || c == U'－';
}

/// A number at s[i] (ASCII digits, commas, one point).
std::optional<std::pair<double, size_t>> number_at(std::string_view s, size_t i) {
  auto n = scan::read_number(s, i);
  if (!n || n->has_sign) return std::nullopt;
  // read_number's end includes a unit; we want the digits only.
  size_t e = i;
  while (e < s.size() && ((s[e] >= '0' && s[e] <= '9') || s[e] == '.' || s[e] == ',')) ++e;
  if (e == i) return std::nullopt;
  return std::pair{n->value, e};
}

/// The industry a series names: "电子行业周报" → 电子, "机械设备行业月报：…" → 机械设备,
/// "银行业周报" → 银行. Empty when the text does not start with one.
std::string industry_of(std::string_view s) {
  s = scan::trim(s);
  size_t p = s.find("行业");
  size_t cut = p;
  if (p == std::string_view::npos) {
    for (std::string_view t : {"业周报", "业月报", "业点评"}) {
      size_t q = s.find(t);
      if (q != std::string_view::npos && q < cut) cut = q;
    }
    if (cut == std::string_view::npos) return {};
  }
  std::string_view name = s.substr(0, cut);
  size_t n = cp_count(name);
  if (n < 2 || n > 8) return {};
  for (size_t i = 0; i < name.size();) {
    size_t len = 1;
    if (!scan::is_cjk(decode(name, i, &len))) return {};
    i += len;
  }
  return std::string(name);
}

/// A heading or series naming an industry anywhere: "…——通信行业周报2025/7/7" → 通信,
/// "机械行业快评：…" → 机械. The CJK run before the last 行业 of s.
std::string industry_mentioned(std::string_view s) {
  std::string best;
  for (size_t p = s.find("行业"); p != std::string_view::npos; p = s.find("行业", p + 1)) {
    std::string_view after = s.substr(p + std::string_view("行业").size());
    bool series = false;
    for (std::string_view t : {"周报", "月报", "点评", "快评", "简评", "深度", "专题", "跟踪", "动态", "研究", "策略",
                               "投资策略", "年度策略", "中期策略", "报告"})
      if (starts_with(after, t)) series = true;
    if (!series) continue;
    size_t b = p;
    while (b > 0) {
      size_t q = scan::prev(s, b);
      if (!scan::is_cjk(decode(s, q))) break;
      b = q;
    }
    std::string_view name = s.substr(b, p - b);
    size_t n = cp_count(name);
    if (n >= 2 && n <= 8) best = std::string(name);
  }
  return best;
}


}  // namespace rating_words

using namespace rating_words;
using scan::contains;
using scan::decode;
using scan::fold;

std::optional<std::pair<double, std::string>> target_price(std::string_view text) {
  constexpr std::string_view kTarget = "目标价";
  for (size_t p = text.find(kTarget); p != std::string_view::npos; p = text.find(kTarget, p + 1)) {
    std::string_view s = text.substr(p + kTarget.size());
    std::string currency;
    for (bool changed = true; changed;) {
      changed = false;
      s = scan::trim(s);
      for (std::string_view w : {"格", "位", "区间", "为", "至", "上调至", "下调至", "调整为", "：", ":", "是", "达"}) {
        if (starts_with(s, w)) {
          s.remove_prefix(w.size());
          changed = true;
        }
      }
      if (auto par = leading_paren(s)) {  // （人民币） / (港元)
        std::string_view in = par->first;
        if (contains(in, "港")) currency = "HKD";
        else if (contains(in, "美")) currency = "USD";
        else if (contains(in, "人民币") || in == "元") currency = "CNY";
        s = par->second;
        changed = true;
      }
    }
    for (std::pair<std::string_view, std::string_view> pre :
         {std::pair<std::string_view, std::string_view>{"HK$", "HKD"}, {"HKD", "HKD"}, {"US$", "USD"},
          {"USD", "USD"}, {"$", "USD"}, {"￥", "CNY"}, {"¥", "CNY"}, {"RMB", "CNY"}}) {
      if (starts_with(s, pre.first)) {
        currency = std::string(pre.second);
        s = scan::trim(s.substr(pre.first.size()));
        break;
      }
    }
    auto n = number_at(s, 0);
    if (!n) continue;
    double value = n->first;
    s = s.substr(n->second);
    // A range: 480-520元 / 480～520 → the upper end.
    for (std::string_view dash : {"-", "～", "~", "—", "至", "－"}) {
      if (starts_with(s, dash)) {
        std::string_view rest = s.substr(dash.size());
        for (std::string_view pre : {"HK$", "US$", "$"})
          if (starts_with(rest, pre)) rest.remove_prefix(pre.size());
        if (auto m = number_at(rest, 0)) {
          value = std::max(value, m->first);
          s = rest.substr(m->second);
        }
        break;
      }
    }
    s = scan::trim(s);
    if (starts_with(s, "港元") || starts_with(s, "港币") || starts_with(s, "HKD")) currency = "HKD";
    else if (starts_with(s, "美元") || starts_with(s, "USD")) currency = "USD";
    else if (starts_with(s, "元") || starts_with(s, "人民币")) {
      if (currency.empty()) currency = "CNY";
    }
    if (currency.empty() || value <= 0) continue;
    return std::pair{value, currency};
  }
  return std::nullopt;
}

std::optional<RatingWord> header_rating(std::string_view raw) {
  std::string_view s = strip_markers(raw);
  if (s.empty() || cp_count(s) > 30) return std::nullopt;
  bool industry = false;
  // Label forms: 评级：买入（维持）, 投资评级：看好, 行业评级：…, 行业投资评级：…, 公司评级：…
  for (std::string_view label : {"行业投资评级", "行业评级", "投资评级", "公司评级", "股票评级", "评级"}) {
    if (!starts_with(s, label)) continue;
    industry = starts_with(label, "行业");
    s = scan::trim(s.substr(label.size()));
    if (starts_with(s, "：")) s.remove_prefix(std::string_view("：").size());
    else if (starts_with(s, ":")) s.remove_prefix(1);
    else if (!starts_with(s, " ") && s.find("：") != 0) {
      // 评级买入 without a colon is not a label line we know.
    }
    s = scan::trim(s);
    break;
  }
  if (!s.empty() && is_open_quote(fold(decode(s, 0)))) {
    size_t len = 0;
    decode(s, 0, &len);
    s.remove_prefix(len);
  }
  std::string_view word = rating_prefix(s);
  if (word.empty()) return std::nullopt;
  std::string_view rest = scan::trim(s.substr(word.size()));
  if (!rest.empty() && is_close_quote(fold(decode(rest, 0)))) {
    size_t len = 0;
    decode(rest, 0, &len);
    rest = scan::trim(rest.substr(len));
  }
  RatingWord r{std::string(word), std::nullopt, industry, {}, {}};
  // 买入-A（维持）: a risk grade after the word.
  if (rest.size() >= 2 && (rest[0] == '-' || starts_with(rest, "－")) ) {
    std::string_view g = rest.substr(rest[0] == '-' ? 1 : std::string_view("－").size());
    if (!g.empty() && g[0] >= 'A' && g[0] <= 'Z') rest = scan::trim(g.substr(1));
  }
  if (rest.empty()) return r;
  // 买入 维持 / 增持 首次覆盖: the action written after a space.
  for (std::string_view a : {"维持评级", "首次评级", "首次覆盖", "维持", "首次", "上调", "下调"})
    if (rest == a) {
      r.action = action_word(a);
      return r;
    }
  auto par = leading_paren(rest);
  if (!par || !scan::trim(par->second).empty()) return std::nullopt;  // the line says more: not a masthead
  r.action = action_word(par->first);
  if (!r.action && !contains(par->first, "评级")) return std::nullopt;
  return r;
}

std::optional<RatingWord> sentence_rating(std::string_view s) {
  // Most sentences rate nothing: a few searches rule them out before the scan by code point.
  bool may = false;
  for (std::string_view cue : {"评级", "维持", "给予", "上调", "下调", "首予", "重申", "调升", "调降", "予以"})
    if (contains(s, cue)) may = true;
  if (!may) return std::nullopt;
  for (size_t i = 0; i < s.size();) {
    size_t len = 1;
    char32_t c = fold(decode(s, i, &len));
    size_t word_begin = i, word_end = 0, after = 0;
    bool quoted = false;
    if (is_open_quote(c)) {
      size_t j = i + len;
      while (j < s.size() && j - i < 40) {
        size_t l2 = 1;
        char32_t d = fold(decode(s, j, &l2));
        if (is_close_quote(d)) {
          word_end = j;
          after = j + l2;
          break;
        }
        j += l2;
      }
      if (!word_end) {
        i += len;
        continue;
      }
      word_begin = i + len;
      quoted = true;
    } else {
      std::string_view w = rating_prefix(s.substr(i));
      if (w.empty()) {
        i += len;
        continue;
      }
      word_end = i + w.size();
      after = word_end;
    }
    std::string_view word = scan::trim(s.substr(word_begin, word_end - word_begin));
    std::string_view tail = s.substr(after);
    bool then_rating = starts_with(tail, "评级") || starts_with(tail, "投资评级");
    std::string_view before = s.substr(0, quoted ? i : word_begin);
    // What stands right before the word: a verb, maybe 公司/行业/X行业/X业 between.
    std::string_view near = last_cps(before, 24);
    struct Verb {
      std::string_view text;
      const char* action;
    };
    static constexpr Verb kVerbs[] = {{"上调至", "up"},    {"上调为", "up"},    {"调高至", "up"},
                                      {"上调评级至", "up"}, {"下调至", "down"},  {"下调为", "down"},
                                      {"调低至", "down"},  {"下调评级至", "down"}, {"维持", "keep"},
                                      {"首次给予", "first"}, {"给予", ""},        {"评级为", ""},
                                      {"评级：", ""},      {"评级:", ""},       {"调整为", ""},
                                      {"首予", "first"},   {"首次予以", "first"}, {"重申", "keep"},
                                      {"调升至", "up"},    {"调降至", "down"},  {"予以", ""}};
    std::optional<RatingWord> found;
    for (const auto& v : kVerbs) {
      size_t p = near.rfind(v.text);
      if (p == std::string_view::npos) continue;
      std::string_view between = near.substr(p + v.text.size());
      // Only a short object may stand between the verb and the word.
      if (cp_count(between) > 20 || contains(between, "，") || contains(between, "。") || contains(between, "、"))
        continue;
      if (!is_rating_word(word) && !(then_rating && cp_count(word) <= 6)) continue;
      RatingWord r{std::string(word), std::nullopt, false, {}, {}};
      if (*v.action) r.action = v.action;
      if (!r.action || std::string_view(v.text) == "给予") {
        // 首次覆盖，给予“买入”评级: 首次 in the clause before.
        std::string_view wider = last_cps(before, 24);
        size_t stop = std::max(wider.rfind("。"), wider.rfind("；"));
        if (stop != std::string_view::npos && stop < wider.size()) wider = wider.substr(stop);
        if (contains(wider, "首次")) r.action = "first";
      }
      std::string_view obj = scan::trim(between);
      if (ends_with(obj, "投资")) obj.remove_suffix(std::string_view("投资").size());
      // 银行业 is 银行 + 业, not 银 + 行业: a one-character industry is no industry.
      if (obj == "行业" || (ends_with(obj, "行业") && cp_count(obj) != 3)) {
        r.industry = true;
        r.industry_name = std::string(obj.substr(0, obj.size() - std::string_view("行业").size()));
      } else if (ends_with(obj, "业") && cp_count(obj) >= 3 && obj != "公司") {
        r.industry = true;  // 银行业, 保险业
        r.industry_name = std::string(obj.substr(0, obj.size() - std::string_view("业").size()));
      } else if (!obj.empty() && obj != "公司" && obj != "其" && obj != "该股" && obj != "公司股票") {
        // 维持盈利预测“…”: not the rating's object; 维持恒立液压“买入”评级: the caller checks the name.
        for (std::string_view no : {"预测", "盈利", "目标", "估值", "判断", "观点", "板块", "推荐", "组合", "配置"})
          if (contains(obj, no)) obj = {};
        if (obj.empty()) continue;
        r.object = std::string(obj);
      }
      if (ends_with(r.industry_name, "板块")) r.industry_name.clear();
      found = r;
      break;
    }
    if (!found && then_rating && is_rating_word(word)) {
      // “买入”评级（维持） / “增持”评级 with no verb: the word alone.
      RatingWord r{std::string(word), std::nullopt, false, {}, {}};
      std::string_view rest = tail.substr(starts_with(tail, "评级") ? std::string_view("评级").size()
                                                                     : std::string_view("投资评级").size());
      if (auto par = leading_paren(rest)) r.action = action_word(par->first);
      std::string_view wider = last_cps(before, 12);
      if (contains(wider, "行业")) {
        r.industry = true;
        r.industry_name = industry_mentioned(std::string(wider) + "周报");
      }
      if (contains(last_cps(before, 24), "首次")) r.action = "first";
      found = r;
    }
    if (found) return found;
    i = after > i ? after : i + len;
  }
  return std::nullopt;
}

}  // namespace yanbao
