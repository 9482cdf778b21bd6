#include "extract/lists.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "extract/codes.h"
#include "extract/dates.h"
#include "extract/lists_text.h"

// How a body is read
// ------------------
// 1. Lines are cleaned of Markdown noise (lists_text.h) and classified: a line may open a
//    section with a heading, either on its own ("风险提示", "**本周要闻**", "## 重点推荐个股")
//    or inline ("本周要闻：A；B。"). A heading's label is mapped to a section kind by keyword
//    (classify_label). An inline heading's section ends with its paragraph; a heading on its
//    own line governs the following lines until the next heading.
// 2. News, event and risk sections are lists: split on ；/; (outside brackets and quotes)
//    and on inline enumeration ("（1）…（2）…").
// 3. Picks come from a clause grammar run over every line that is not news/events/risks:
//        [THEME] KIND-WORD [decoration] [：] ITEM、ITEM…
//    where KIND-WORD is 推荐/重点推荐/建议关注/受益标的/金股/… (kKindWords), and ITEM is a
//    stock name with an optional code, or a theme group "THEME主题（A、B）". Segments of a
//    paragraph without a kind word inherit the previous clause's kind (and a picks heading's
//    kind), but then every item must look like a stock.
//    A clause is "strong" when its intro names a list (推荐标的, 受益个股, a colon, "…的标的，
//    如") or an item prints a code; a bare verb in prose ("关注A、B") needs every item to be a
//    name and at least two of them, so "关注CXO景气回升" or "关注IP与内容龙头" yield nothing.
// 4. A company note's rating (维持“买入”评级) becomes a pick for the company in the title.
// 5. Sentences inside a paragraph that open with a list label ("…。风险提示：A；B") are split
//    off first, so the label governs them like a line of its own.
//
// Every table (kKindWords, kNotInNames, kIndustryWords, kHeadingWords, kRatings, …) is an
// immutable word list; there is no state beyond one call.

namespace yanbao {
namespace {

using namespace lists;

// ---------------------------------------------------------------------------------------
// Stock items

struct Stock {
  std::string name;
  std::optional<std::string> code;
};

/// Words that never occur in a security's short name but do in prose and in lists of
/// industries ("关注IP与内容龙头", "受益于国产化"). Only applied when no code is printed:
/// a printed code is a stronger signal than any word list.
constexpr std::string_view kNotInNames[] = {
    "龙头", "产业链", "板块", "方向", "机会", "行业", "领域", "赛道", "标的", "个股", "公司", "相关",
    "企业", "厂商", "环节", "主线", "概念", "主题", "评级", "买入", "增持", "减持", "持有", "国产化",
    "自主可控", "兑现", "拐点", "逻辑", "趋势", "政策", "风险", "估值", "业绩", "复苏", "修复", "弹性",
    "优质", "细分", "头部", "份额", "渗透", "名单", "计划", "规划", "以及", "其中", "有望", "持续",
    "不及", "预期", "进展", "指数", "资金", "价格", "涨价", "订单", "需求", "景气", "布局", "投资",
    "配置", "受益", "建议", "我们", "关注", "推荐", "发布", "推出", "实现", "同比", "环比", "增长",
    "下降", "上涨", "下跌", "提升", "回升", "加速", "落地", "突破", "应用", "核心", "市场", "回暖",
    "提速", "模型"};

/// Industries and styles that read like names. Rejected only in weak clauses (a bare
/// "关注X、Y" in prose); in a stated stock list a name such as 机器人 (300024) is trusted.
constexpr std::string_view kIndustryWords[] = {
    "半导体", "机器人", "人形机器人", "消费电子", "新能源", "新能源车", "光伏", "储能", "风电", "锂电",
    "军工", "医药", "创新药", "白酒", "家电", "汽车", "整车", "零部件", "算力", "芯片", "存储", "设备",
    "材料", "券商", "银行", "保险", "地产", "房地产", "煤炭", "有色", "化工", "电力", "传媒", "游戏",
    "通信", "计算机", "软件", "云计算", "数据中心", "光模块", "低空经济", "智能驾驶", "智驾", "高股息",
    "红利", "出海", "消费", "科技", "成长", "周期", "金融", "基建", "建筑", "建材", "钢铁", "交运", "航运",
    "物流", "农业", "养殖", "食品饮料", "纺织服装", "轻工", "电子", "机械", "环保", "公用事业", "石油石化",
    "黄金", "稀土", "大模型", "端侧", "服务器", "液冷", "光通信", "信创", "卫星", "商业航天", "核电", "电网",
    "医疗器械", "创新", "医药生物", "生物医药", "食品", "饮料", "纺织", "服装", "商贸", "零售", "社服",
    "美容护理", "农林牧渔", "交通运输", "国防军工", "电力设备", "通信设备", "汽车零部件", "非银金融", "非银",
    "基础化工", "有色金属", "传媒互联网", "互联网", "生物", "中药", "器械", "疫苗", "宏观", "固收", "策略",
    "港股", "美股", "A股"};

/// Code points a stock name may not begin with: particles and connectives, which mean the
/// "item" is really the tail of a sentence.
constexpr std::u32string_view kBadLead = U"的是到于了在对将为把被从等及或而";

/// An immutable word list indexed by first code point, so that "does any word occur in s"
/// costs one lookup per code point of s instead of one substring search per word.
class WordSet {
 public:
  template <size_t N>
  explicit WordSet(const std::string_view (&words)[N]) : first_bits_(0x10000 / 64, 0) {
    for (auto w : words) entries_.push_back({decode_at(w, 0).cp, w});
    for (const auto& e : entries_)
      if (e.first < 0x10000) first_bits_[e.first >> 6] |= uint64_t{1} << (e.first & 63);
    std::sort(entries_.begin(), entries_.end(),
              [](const Entry& a, const Entry& b) { return a.first < b.first; });
  }
  bool occurs_in(std::string_view s) const {
    for (size_t i = 0; i < s.size();) {
      auto c = decode_at(s, i);
      if (c.cp < 0x10000 && !((first_bits_[c.cp >> 6] >> (c.cp & 63)) & 1)) {  // no word starts here
        i += c.len;
        continue;
      }
      auto it = std::lower_bound(entries_.begin(), entries_.end(), c.cp,
                                 [](const Entry& e, char32_t cp) { return e.first < cp; });
      for (; it != entries_.end() && it->first == c.cp; ++it)
        if (starts_with(s.substr(i), it->word)) return true;
      i += c.len;
    }
    return false;
  }

 private:
  struct Entry {
    char32_t first;
    std::string_view word;
  };
  std::vector<uint64_t> first_bits_;  ///< one bit per BMP code point that starts a word
  std::vector<Entry> entries_;
};

bool any_of_words(std::string_view s, const auto& words) {
  for (std::string_view w : words)
    if (contains(s, w)) return true;
  return false;
}

bool equals_any(std::string_view s, const auto& words) {
  for (std::string_view w : words)
    if (s == w) return true;
  return false;
}

/// Whether `name` (wrappers and code already removed) reads as a security's short name.
/// Names are 2–8 Han characters, optionally with Latin letters (TCL科技), an ST prefix or a
/// -W/-U/-SW style suffix; Latin-only names need a printed code.
bool is_stock_name(std::string_view name, bool has_code, bool weak) {
  name = trim(name);
  if (name.empty()) return false;
  size_t han = 0, latin = 0, digits = 0, total = 0;
  for (size_t i = 0; i < name.size();) {
    auto c = decode_at(name, i);
    char32_t f = fold(c.cp);
    i += c.len;
    ++total;
    if (is_han(c.cp)) ++han;
    else if ((f >= U'a' && f <= U'z') || (f >= U'A' && f <= U'Z')) ++latin;
    else if (f >= U'0' && f <= U'9') ++digits;
    else if (f == U'-' || f == U'*' || f == U'&' || f == U'.' || f == U'·') {
    } else if (f == U' ' && has_code) {
    } else {
      return false;
    }
  }
  if (has_code) return han + latin >= 1 && total <= 20;
  std::string core = base_name(name);
  size_t core_han = 0;
  for (size_t i = 0; i < core.size();) {
    auto c = decode_at(core, i);
    if (is_han(c.cp)) ++core_han;
    i += c.len;
  }
  if (core_han < 2 || core_han > 8 || cp_count(core) > 12 || digits > 3) return false;
  if (kBadLead.find(decode_at(name, 0).cp) != std::u32string_view::npos) return false;
  static const WordSet kNotInNamesSet(kNotInNames);  // immutable after first use
  if (kNotInNamesSet.occurs_in(name)) return false;
  if (weak && equals_any(core, kIndustryWords)) return false;
  return true;
}

bool is_name_sep(char32_t c) { return c == U'、' || c == U',' || c == U'/'; }
bool is_semicolon(char32_t c) { return c == U';'; }
bool is_segment_sep(char32_t c) { return c == U';' || c == U'。'; }

/// Suffixes that make "X（A、B）" a theme group even with one member.
constexpr std::string_view kGroupSuffixes[] = {"主题", "板块", "方向", "领域", "赛道", "产业链", "概念", "组合"};

/// Strips a leading time expression (三月, 2025年3月, 本月, 12月份) from a 金股 prefix.
std::string_view strip_time_prefix(std::string_view s) {
  static constexpr std::u32string_view kTime = U"0123456789一二三四五六七八九十年月份度季周本下次第上旬期双";
  size_t end = 0;
  bool has_unit = false;
  for (size_t i = 0; i < s.size();) {
    auto c = decode_at(s, i);
    char32_t f = fold(c.cp);
    if (kTime.find(f) == std::u32string_view::npos) break;
    // A unit counts only after a number or 本/下/上/次 ("本周", "3月"), so 周期 stays.
    if ((f == U'年' || f == U'月' || f == U'周' || f == U'季') && end > 0) has_unit = true;
    i += c.len;
    end = i;
  }
  return has_unit ? s.substr(end) : s;
}

/// A cleaned theme: stop words and group suffixes removed; nullopt when nothing meaningful
/// is left (我们/建议/个股/行业 are not themes).
std::optional<std::string> clean_theme(std::string_view raw) {
  static constexpr std::string_view kLead[] = {
      "投资建议", "投资策略", "我们", "建议", "继续", "持续", "重点", "维持", "积极", "依然", "仍然", "仍",
      "坚定", "首次", "此外", "另外", "同时", "其中", "因此", "综上", "总体", "整体上", "整体", "具体",
      "个股上", "个股", "标的上", "标的", "主要", "可以", "可", "也", "亦", "均", "都", "还", "并", "和",
      "及", "与", "在", "对于", "关于", "聚焦", "短期", "中长期", "长期", "中期", "近期", "当前", "目前",
      "本周", "下周", "本月", "后续", "未来", "板块上", "方面", "核心", "优先", "强烈", "首选", "精选", "优选",
      "月度", "年度", "季度", "周度"};
  static constexpr std::string_view kTail[] = {
      "方面", "领域", "方向", "板块", "主题", "赛道", "主线", "建议", "我们", "继续", "持续", "重点", "可",
      "也", "均", "都", "仍", "积极"};
  std::string_view s = strip_time_prefix(trim_trailing_punct(trim(raw)));
  for (bool changed = true; changed && !s.empty();) {
    changed = false;
    for (auto w : kLead)
      if (starts_with(s, w) && s.size() > 0) {
        s = trim(s.substr(w.size()));
        changed = true;
        break;
      }
    for (auto w : kTail)
      if (ends_with(s, w)) {
        s = trim(s.substr(0, s.size() - w.size()));
        changed = true;
        break;
      }
  }
  if (s.empty() || cp_count(s) > 14) return std::nullopt;
  for (size_t i = 0; i < s.size();) {
    auto c = decode_at(s, i);
    char32_t f = fold(c.cp);
    if (f == U',' || f == U'。' || f == U';' || f == U':' || f == U'(' || f == U')') return std::nullopt;
    i += c.len;
  }
  if (s == "行业" || s == "公司" || s == "其他" || s == "其它") return std::nullopt;
  return std::string(s);
}

/// Whether s ends with ')' or '）': the cheap precondition of trailing_bracket, checked
/// first so that most items (bare names) need no nesting().
bool ends_with_closing_paren(std::string_view s) {
  if (s.empty()) return false;
  size_t k = s.size() - 1;
  while (k > 0 && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
  return fold(decode_at(s, k).cp) == U')';
}

/// Position of the top-level closer ending s and its opener, if s ends with "（…）".
bool trailing_bracket(std::string_view s, const std::vector<unsigned char>& depth, size_t& open, size_t& close) {
  if (s.empty()) return false;
  size_t k = s.size() - 1;
  while (k > 0 && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
  if (fold(decode_at(s, k).cp) != U')' || depth[k] != 0) return false;
  // Walk back to the opener: the last top-level '(' before k.
  size_t i = 0, found = std::string_view::npos;
  while (i < k) {
    auto c = decode_at(s, i);
    if (depth[i] == 0 && fold(c.cp) == U'(') found = i;
    i += c.len;
  }
  if (found == std::string_view::npos) return false;
  open = found;
  close = k;
  return true;
}

/// A code printed in brackets: the first comma-separated part ("300223.SZ，买入" → code).
std::optional<std::string> code_in(std::string_view inner) {
  // Without a digit (ASCII, or full-width behind 0xEF) no part can be a code: skip the split.
  bool digit_or_wide = false;
  for (char c : inner)
    if ((c >= '0' && c <= '9') || static_cast<unsigned char>(c) == 0xEF) {
      digit_or_wide = true;
      break;
    }
  if (!digit_or_wide) return std::nullopt;
  auto parts = split_top(inner, [](char32_t c) { return c == U',' || c == U';' || c == U' ' || c == U'、'; });
  if (parts.empty()) return std::nullopt;
  return normalize_code(parts.front());
}

struct Item {
  enum Kind { kInvalid, kStock, kGroup } kind = kInvalid;
  Stock stock;                       // kStock
  std::optional<std::string> theme;  // kGroup
  std::vector<Stock> members;        // kGroup
};

std::string_view strip_wrappers(std::string_view s) {
  auto wrapper_byte = [](char c) {
    auto b = static_cast<unsigned char>(c);
    return b == 0xE2 || b == 0xE3 || b == '"' || b == '*' || b == ' ' || b == '\t';
  };
  // Wrappers are ASCII or 3-byte characters led by 0xE2/0xE3: test the first and last one.
  if (s.empty() || (!wrapper_byte(s.front()) && !wrapper_byte(s.back()) &&
                    !(s.size() >= 3 && wrapper_byte(s[s.size() - 3]))))
    return s;
  static constexpr std::string_view kWrap[] = {"【", "】", "《", "》", "“", "”", "\"", "「", "」",
                                                             "『", "』", "‘", "’"};
  for (bool changed = true; changed;) {
    changed = false;
    s = trim(s);
    // *italic* wraps a name, but a lone leading '*' belongs to *ST.
    if (s.size() > 2 && s.front() == '*' && s.back() == '*') {
      s = s.substr(1, s.size() - 2);
      changed = true;
    }
    for (auto w : kWrap) {
      if (starts_with(s, w)) {
        s.remove_prefix(w.size());
        changed = true;
      }
      if (ends_with(s, w)) {
        s.remove_suffix(w.size());
        changed = true;
      }
    }
  }
  return s;
}

Item parse_item(std::string_view raw, bool weak, bool allow_group);

/// Splits a list on 、，,/ and parses each entry. Entries that are "A及B"/"A和B"/"A与B" are
/// split further only when the whole is not a name but both halves are (和而泰 stays whole).
std::vector<Item> parse_items(std::string_view list, bool weak, bool allow_group) {
  std::vector<Item> out;
  for (auto piece : split_top(list, is_name_sep)) {
    Item it = parse_item(piece, weak, allow_group);
    if (it.kind == Item::kInvalid) {
      bool split = false;
      for (std::string_view conj : {"以及", "及", "和", "与"}) {
        size_t p = find_word(piece, conj);
        if (p == std::string_view::npos || p == 0) continue;
        Item a = parse_item(piece.substr(0, p), weak, false);
        Item b = parse_item(piece.substr(p + conj.size()), weak, false);
        if (a.kind == Item::kStock && b.kind == Item::kStock) {
          out.push_back(std::move(a));
          out.push_back(std::move(b));
          split = true;
          break;
        }
      }
      if (split) continue;
    }
    out.push_back(std::move(it));
  }
  return out;
}

Item parse_item(std::string_view raw, bool weak, bool allow_group) {
  Item it;
  std::string_view s = trim_trailing_punct(strip_enumeration(trim(raw)));
  // Not 和/有/如 alone: 和而泰, 有研新材 and 如意集团 start with them.
  for (std::string_view lead : {"包括", "例如", "比如", "诸如", "以及", "及", "与"}) {
    if (starts_with(s, lead) && s.size() > lead.size()) {
      s = trim(s.substr(lead.size()));
      break;
    }
  }
  // "A、B等" / "B等公司": the tail after 等 says what the list is. When it names industries
  // or directions (等环节, 等方向) the list is not one of stocks.
  if (contains(s, "等")) {
    auto depth = nesting(s);
    for (size_t i = 0; i < s.size();) {
      auto c = decode_at(s, i);
      if (depth[i] == 0 && c.cp == U'等' && i > 0) {
        std::string_view tail = s.substr(i + c.len);
        if (contains(tail, "环节") || contains(tail, "方向") || contains(tail, "板块") || contains(tail, "领域") ||
            contains(tail, "赛道") || contains(tail, "行业") || contains(tail, "机会") || contains(tail, "产业"))
          return it;
        if (cp_count(tail) <= 8 && tail.find('(') == std::string_view::npos && !contains(tail, "（")) {
          s = trim(s.substr(0, i));
          break;
        }
      }
      i += c.len;
    }
  }
  s = strip_wrappers(s);
  if (s.empty()) return it;
  size_t open = 0, close = 0;
  if (ends_with_closing_paren(s) && trailing_bracket(s, nesting(s), open, close)) {
    std::string_view before = strip_wrappers(s.substr(0, open));
    std::string_view inner = trim(s.substr(open + decode_at(s, open).len, close - open - decode_at(s, open).len));
    if (auto code = code_in(inner)) {
      if (!is_stock_name(before, true, weak)) return it;
      it.kind = Item::kStock;
      it.stock = {std::string(before), code};
      return it;
    }
    auto inner_parts = split_top(inner, is_name_sep);
    bool suffix = false;
    for (auto g : kGroupSuffixes) suffix = suffix || ends_with(before, g);
    if (allow_group && (inner_parts.size() >= 2 || suffix)) {
      for (auto& m : parse_items(inner, weak, false))
        if (m.kind == Item::kStock) it.members.push_back(std::move(m.stock));
      if (it.members.empty()) return it;
      it.kind = Item::kGroup;
      it.theme = clean_theme(before);
      return it;
    }
    // An annotation such as （港股） or （买入）: keep the name.
    if (cp_count(inner) > 10) return it;
    s = before;
  } else {
    // A code printed without brackets: "贵州茅台 600519.SH", "贵州茅台600519".
    size_t k = s.size();
    while (k > 0) {
      char ch = s[k - 1];
      if ((ch >= '0' && ch <= '9') || ch == '.' || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z')) --k;
      else break;
    }
    std::string_view tail = s.substr(k);
    size_t nd = 0;
    for (char ch : tail) nd += ch >= '0' && ch <= '9';
    if (nd >= 4 && k > 0) {
      if (auto code = normalize_code(tail)) {
        std::string_view before = trim(s.substr(0, k));
        if (!is_stock_name(before, true, weak)) return it;
        it.kind = Item::kStock;
        it.stock = {std::string(before), code};
        return it;
      }
    }
  }
  if (!is_stock_name(s, false, weak)) return it;
  it.kind = Item::kStock;
  it.stock = {std::string(trim(s)), std::nullopt};
  return it;
}

// ---------------------------------------------------------------------------------------
// Picks

struct KindWord {
  std::string_view word;
  std::string_view kind;
  bool intro;  ///< the word itself announces a list of stocks (推荐标的, 金股), not a verb
};

// 相关标的/相关个股 name stocks "related" to a theme without endorsing them: closer to
// 建议关注 than to 推荐, so they are kind "watch". 受益标的/受益个股/受益公司 are "beneficiary".
constexpr std::array<KindWord, 22> kKindWords = {{
    {"重点推荐", "recommend", false},  {"推荐标的", "recommend", true},   {"推荐关注", "recommend", false},
    {"推荐", "recommend", false},      {"首推", "recommend", false},      {"重点标的", "recommend", true},
    {"核心标的", "recommend", true},   {"金股", "recommend", true},       {"建议关注", "watch", false},
    {"重点关注", "watch", false},      {"关注标的", "watch", true},       {"可关注", "watch", false},
    {"关注", "watch", false},          {"相关标的", "watch", true},       {"相关个股", "watch", true},
    {"相关公司", "watch", true},       {"受益标的", "beneficiary", true}, {"受益个股", "beneficiary", true},
    {"受益公司", "beneficiary", true}, {"受益股", "beneficiary", true},   {"优选标的", "recommend", true},
    {"推荐个股", "recommend", true},
}};

/// Words between a kind word and its list: 重点推荐[主题和个股]：, 受益标的[包括], 推荐[个股]为.
constexpr std::string_view kDecorations[] = {
    "主题和个股", "主题及个股", "个股", "标的", "公司", "组合", "股票", "名单", "池", "包括", "如下", "主要有",
    "分别为", "分别是", "关注", "例如", "比如", "为", "是", "的"};

/// kKindWords grouped by their first character, longest word first, so that a lookup
/// compares only the two or three words that share it.
struct KindBucket {
  std::string_view lead;  ///< the first character's UTF-8 bytes
  std::vector<const KindWord*> words;
};

const std::vector<KindBucket>& kind_buckets() {
  static const std::vector<KindBucket> buckets = [] {
    std::vector<KindBucket> out;
    for (const auto& k : kKindWords) {
      std::string_view lead = k.word.substr(0, 3);
      auto it = std::find_if(out.begin(), out.end(), [&](const KindBucket& b) { return b.lead == lead; });
      if (it == out.end()) it = out.insert(out.end(), KindBucket{lead, {}});
      it->words.push_back(&k);
    }
    for (auto& b : out)
      std::stable_sort(b.words.begin(), b.words.end(),
                       [](const KindWord* a, const KindWord* c) { return a->word.size() > c->word.size(); });
    return out;
  }();
  return buckets;
}

/// The longest kind word that s starts with, or null.
const KindWord* kind_word_at(std::string_view s) {
  // Fast reject on the UTF-8 bytes of the first character: every kind word starts with one
  // of 重推首核金建可关相受优 (keep in sync with kKindWords).
  if (s.size() < 6) return nullptr;
  auto u = [&](size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(s[k])); };
  switch ((u(0) << 16) | (u(1) << 8) | u(2)) {
    case 0xE9878D: case 0xE68EA8: case 0xE9A696: case 0xE6A0B8: case 0xE98791: case 0xE5BBBA:
    case 0xE58FAF: case 0xE585B3: case 0xE79BB8: case 0xE58F97: case 0xE4BC98:
      break;
    default:
      return nullptr;
  }
  for (const auto& b : kind_buckets()) {
    if (!starts_with(s, b.lead)) continue;
    for (const KindWord* k : b.words)  // longest first: the first match is the longest
      if (starts_with(s, k->word)) return k;
    return nullptr;
  }
  return nullptr;
}

/// Whether the 3-byte sequence at s[i] (i + 2 < s.size()) is the first character of some
/// kind word: a bit per (second, third) byte pair, tested before calling kind_word_at,
/// since most prose lines have no kind word and has_kind_word runs over all of them.
bool may_start_kind_word(std::string_view s, size_t i) {
  static const auto kBits = [] {
    std::array<uint64_t, 65536 / 64> bits{};
    for (const auto& k : kKindWords) {
      unsigned v = (static_cast<unsigned char>(k.word[1]) << 8) | static_cast<unsigned char>(k.word[2]);
      bits[v >> 6] |= uint64_t{1} << (v & 63);
    }
    return bits;
  }();
  unsigned v = (static_cast<unsigned char>(s[i + 1]) << 8) | static_cast<unsigned char>(s[i + 2]);
  return (kBits[v >> 6] >> (v & 63)) & 1;
}

bool has_kind_word(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0xE0 && i + 6 <= s.size() && may_start_kind_word(s, i) && kind_word_at(s.substr(i))) return true;
    i += b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
  }
  return false;
}

struct PickCtx {
  bool active = false;
  std::string kind;
  std::optional<std::string> theme;
  bool item_line = false;  ///< the line is a bullet or numbered entry, so one bare name is a list
  bool list_open = false;  ///< a stated list ("受益标的：A；B") runs on in this paragraph
};

class PickSink {
 public:
  explicit PickSink(std::vector<Pick>& out) : out_(out) {}
  void add(const std::optional<std::string>& theme, const Stock& s, std::string_view kind,
           std::optional<std::string> rating = std::nullopt) {
    // A hash of (name, kind, theme) keeps de-duplication linear: a list of a million names
    // must not cost a million squared comparisons.
    key_.assign(s.name).append(1, '\x1f').append(kind).append(1, '\x1f');
    if (theme) key_.append(1, '+').append(*theme);
    auto [it, inserted] = seen_.try_emplace(key_, out_.size());
    if (!inserted) {
      Pick& p = out_[it->second];
      if (!p.code && s.code) p.code = s.code;
      return;
    }
    out_.push_back(Pick{theme, s.name, s.code, std::string(kind), std::move(rating)});
  }

 private:
  std::vector<Pick>& out_;
  std::unordered_map<std::string, size_t> seen_;
  std::string key_;  // scratch, reused for every add
};

/// Emits parsed items; returns how many stocks were emitted.
size_t emit_items(const std::vector<Item>& items, const std::optional<std::string>& theme, std::string_view kind,
                  PickSink& sink) {
  size_t n = 0;
  for (const auto& it : items) {
    if (it.kind == Item::kStock) {
      sink.add(theme, it.stock, kind);
      ++n;
    } else if (it.kind == Item::kGroup) {
      for (const auto& m : it.members) {
        sink.add(it.theme ? it.theme : theme, m, kind);
        ++n;
      }
    }
  }
  return n;
}

bool is_clause_delim(char32_t f) { return f == U',' || f == U':' || f == U'。' || f == U';'; }

/// Splits a leading "1）低空经济：" sub-heading off a list: strips the enumeration and, when
/// a short label that is not itself a stock precedes a colon, returns it and advances `list`
/// past the colon.
std::optional<std::string_view> sublabel(std::string_view& list) {
  list = strip_enumeration(trim(list));
  auto depth = nesting(list);
  size_t n = 0;
  for (size_t i = 0; i < list.size() && n <= 14; ++n) {
    auto c = decode_at(list, i);
    char32_t f = fold(c.cp);
    if (depth[i] == 0 && (f == U'、' || f == U',' || f == U'。' || f == U';')) return std::nullopt;
    if (depth[i] == 0 && f == U':') {
      std::string_view label = trim(list.substr(0, i));
      std::string_view after = list.substr(i + c.len);
      // "低空经济：A、B" or "算力：工业富联（601138.SH）" labels a list; "贵州茅台：高端白酒
      //龙头" is a stock and its thesis.
      if (label.empty()) return std::nullopt;
      Item head = parse_item(label, false, false);
      if (head.kind == Item::kStock && head.stock.code) return std::nullopt;
      auto items = parse_items(after, false, true);
      bool all_stocks = !items.empty();
      for (const auto& it : items) all_stocks = all_stocks && it.kind != Item::kInvalid;
      if (!all_stocks && head.kind == Item::kStock) return std::nullopt;
      list = after;
      return label;
    }
    i += c.len;
  }
  return std::nullopt;
}

/// A segment without a kind word, read as a continuation of the current list: "机器人主题
/// （A、B）", "港股：C、D" or "- E（000001.SZ）". Every item must be a stock (or a group).
void continue_list(std::string_view seg, const PickCtx& ctx, PickSink& sink) {
  std::optional<std::string> theme = ctx.theme;
  std::string_view list = seg;
  bool labelled = false;
  if (auto label = sublabel(list)) {
    if (cp_count(*label) > 14) return;
    if (auto t = clean_theme(*label)) theme = t;
    labelled = true;
  } else {
    auto depth = nesting(list);
    for (size_t i = 0; i < list.size(); i += decode_at(list, i).len) {
      if (depth[i] == 0 && fold(decode_at(list, i).cp) == U':') {
        // "贵州茅台（600519.SH）：高端白酒龙头…" — a stock followed by its thesis.
        Item head = parse_item(trim(list.substr(0, i)), false, false);
        if (head.kind == Item::kStock && (head.stock.code || ctx.item_line)) sink.add(theme, head.stock, ctx.kind);
        return;
      }
    }
  }
  // Continuations have no kind word to vouch for them: industry words (消费电子、汽车电子)
  // are not names here.
  auto items = parse_items(list, true, true);
  if (items.empty()) return;
  for (const auto& it : items)
    if (it.kind == Item::kInvalid) return;
  // A lone bare name in running text ("静待花开。") is too weak; in a bullet it is an entry.
  if (items.size() == 1 && items[0].kind == Item::kStock && !items[0].stock.code && !ctx.item_line && !labelled &&
      !ctx.list_open)
    return;
  emit_items(items, theme, ctx.kind, sink);
}

struct Hit {
  size_t start, end;  // the kind word
  const KindWord* word;
};

/// Runs the clause grammar over one line of a picks-bearing section. `ctx` carries the kind
/// of a picks heading into the line and is updated with the last clause's kind/theme.
void scan_picks(std::string_view text, PickCtx& ctx, PickSink& sink) {
  const bool section_ctx = ctx.active;  // a picks heading vouches for the lists under it
  if (!section_ctx && !has_kind_word(text)) return;  // most prose: nothing to do
  auto depth = nesting(text);
  // Segments: split at top-level ；/; and 。. Only ';' and 3-byte sequences can match.
  std::vector<std::pair<size_t, size_t>> segs;
  size_t start = 0;
  for (size_t i = 0; i < text.size();) {
    auto b = static_cast<unsigned char>(text[i]);
    if (b != ';' && b != 0xE3 && b != 0xEF) {
      i += b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
      continue;
    }
    auto c = decode_at(text, i);
    if (depth[i] == 0 && is_segment_sep(fold(c.cp))) {
      segs.emplace_back(start, i);
      start = i + c.len;
    }
    i += c.len;
  }
  segs.emplace_back(start, text.size());

  for (auto [sb, se] : segs) {
    std::string_view seg = text.substr(sb, se - sb);
    if (trim(seg).empty()) continue;
    std::vector<Hit> hits;
    for (size_t i = sb; i < se;) {
      auto b = static_cast<unsigned char>(text[i]);
      if (b < 0xE0) {  // every kind word starts with a 3-byte character
        i += b < 0x80 ? 1 : 2;
        continue;
      }
      auto c = decode_at(text, i);
      if (depth[i] == 0) {
        if (const KindWord* k = kind_word_at(text.substr(i, se - i))) {
          // Adjacent kind words name one list: 金股推荐, 重点推荐关注 — the first decides.
          if (!hits.empty() && hits.back().end == i) hits.back().end = i + k->word.size();
          else hits.push_back({i, i + k->word.size(), k});
          i += k->word.size();
          continue;
        }
      }
      i += c.len;
    }
    if (hits.empty()) {
      if (ctx.active) continue_list(trim(seg), ctx, sink);
      continue;
    }
    // The delimiter (，：) before each hit bounds its theme prefix and the previous list.
    std::vector<size_t> prefix_start(hits.size());
    for (size_t h = 0; h < hits.size(); ++h) {
      size_t lo = h == 0 ? sb : hits[h - 1].end;
      size_t p = lo;
      for (size_t i = lo; i < hits[h].start;) {
        auto c = decode_at(text, i);
        if (depth[i] == 0 && is_clause_delim(fold(c.cp))) p = i + c.len;
        i += c.len;
      }
      prefix_start[h] = (h > 0 && p == lo) ? hits[h].start : p;
    }
    for (size_t h = 0; h < hits.size(); ++h) {
      const Hit& hit = hits[h];
      std::string_view prefix = text.substr(prefix_start[h], hit.start - prefix_start[h]);
      // Items run from after the decoration to the delimiter before the next hit.
      size_t list_end = se;
      if (h + 1 < hits.size()) {
        list_end = prefix_start[h + 1];
        if (list_end > hit.end) {
          // Back up over the delimiter itself.
          size_t k = list_end;
          while (k > hit.end && (static_cast<unsigned char>(text[k - 1]) & 0xC0) == 0x80) --k;
          if (k > hit.end) --k;
          if (k < list_end && is_clause_delim(fold(decode_at(text, k).cp))) list_end = k;
        }
      }
      std::string_view rest = text.substr(hit.end, list_end > hit.end ? list_end - hit.end : 0);
      bool strong = hit.word->intro;
      bool colon = false;
      for (bool changed = true; changed;) {
        changed = false;
        rest = trim(rest);
        for (auto d : kDecorations) {
          if (starts_with(rest, d)) {
            if (d == "个股" || d == "标的" || d == "公司" || d == "组合" || d == "股票" || d == "名单" || d == "池")
              strong = true;
            rest.remove_prefix(d.size());
            changed = true;
            break;
          }
        }
        if (size_t n = folded_char_len(rest, ':')) {
          rest.remove_prefix(n);
          strong = true;
          colon = true;
          changed = true;
        }
        // "推荐标的（按首字母排序）：" — an annotation before the colon.
        if (folded_char_len(rest, '(')) {
          auto d = nesting(rest);
          size_t k = 0;
          while (k < rest.size() && !(d[k] == 0 && k > 0 && fold(decode_at(rest, k).cp) == U')'))
            k += decode_at(rest, k).len;
          if (k < rest.size()) {
            std::string_view after = trim(rest.substr(k + decode_at(rest, k).len));
            if (folded_char_len(after, ':') && code_in(rest.substr(0, k)) == std::nullopt) {
              rest = after;
              changed = true;
            }
          }
        }
      }
      // "关注业绩确定性强的标的，如A、B" / "关注以下个股：A、B": an intro naming stocks, then
      // the list after 如/例如/包括 or a colon.
      if (!colon) {
        auto d = nesting(rest);
        for (size_t i = 0; i < rest.size();) {
          auto c = decode_at(rest, i);
          char32_t f = fold(c.cp);
          if (d[i] == 0 && (f == U',' || f == U':')) {
            std::string_view intro = rest.substr(0, i);
            std::string_view after = trim(rest.substr(i + c.len));
            bool marker = f == U':';
            for (std::string_view m : {"例如", "比如", "包括", "如"})
              if (!marker && starts_with(after, m)) {
                after.remove_prefix(m.size());
                marker = true;
              }
            bool names_stocks = contains(intro, "标的") || contains(intro, "个股") || contains(intro, "公司") ||
                                contains(intro, "龙头") || contains(intro, "企业") || contains(intro, "股票");
            if (marker && names_stocks && cp_count(intro) <= 20) {
              rest = after;
              colon = strong = true;
            }
            break;
          }
          i += c.len;
        }
      }
      // Theme: the words before the kind word (整车推荐, 港股金股), else a preceding
      // "X方面，" clause.
      std::optional<std::string> theme;
      if (hit.word->word == "金股") {
        auto t = clean_theme(strip_time_prefix(trim(prefix)));
        theme = t ? *t + "金股" : std::string("金股");
      } else {
        theme = clean_theme(prefix);
        if (!theme && trim(prefix).empty() && prefix_start[h] > sb) {
          size_t pe = prefix_start[h];
          size_t k = pe;
          while (k > sb && (static_cast<unsigned char>(text[k - 1]) & 0xC0) == 0x80) --k;
          if (k > sb) --k;  // the delimiter
          size_t ps = sb;
          for (size_t i = sb; i < k;) {
            auto c = decode_at(text, i);
            if (depth[i] == 0 && is_clause_delim(fold(c.cp))) ps = i + c.len;
            i += c.len;
          }
          std::string_view prev = trim(text.substr(ps, k - ps));
          bool grouping = false;
          for (std::string_view suf : {"方面", "领域", "方向", "板块", "赛道", "主线", "主题"})
            grouping = grouping || ends_with(prev, suf);
          if (grouping && fold(decode_at(text, k).cp) == U',') theme = clean_theme(prev);
        }
      }
      if (hit.word->word != "金股") {
        if (auto label = sublabel(rest))
          if (auto t = clean_theme(*label)) theme = t;
      }
      bool heading_ctx = section_ctx;
      std::string_view kind = hit.word->kind;
      auto items = parse_items(rest, !(strong || heading_ctx), true);
      size_t valid = 0, coded = 0, invalid = 0;
      for (const auto& it : items) {
        if (it.kind == Item::kInvalid) ++invalid;
        else ++valid;
        if (it.kind == Item::kStock && it.stock.code) ++coded;
      }
      bool accept;
      if (colon || heading_ctx || coded > 0) accept = valid > 0;
      else if (strong) accept = valid >= 2;  // "受益标的包括A、B等", not "本月金股表现优异"
      else accept = invalid == 0 && valid >= 2;  // bare "关注X、Y" in prose
      if (accept) {
        // In a weakly introduced list, drop the invalid entries but keep the stocks.
        emit_items(items, theme, kind, sink);
      }
      if (accept || strong || (items.empty() && trim(rest).empty())) {
        ctx.active = true;
        ctx.kind = std::string(kind);
        ctx.theme = theme;
        ctx.list_open = strong && accept;
      }
    }
  }
}

/// Table rows under a picks heading: "| 贵州茅台 | 600519.SH | 买入 |".
void table_row(std::string_view row, const PickCtx& ctx, PickSink& sink) {
  std::vector<std::string_view> cells;
  size_t start = 0;
  for (size_t i = 0; i <= row.size(); ++i) {
    if (i == row.size() || row[i] == '|') {
      auto cell = trim(row.substr(start, i - start));
      if (!cell.empty()) cells.push_back(cell);
      start = i + 1;
    }
  }
  std::optional<std::string> code;
  size_t code_cell = cells.size();
  for (size_t i = 0; i < cells.size() && !code; ++i)
    if ((code = normalize_code(cells[i]))) code_cell = i;
  if (!code) return;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i == code_cell) continue;
    auto name = strip_wrappers(cells[i]);
    if (is_stock_name(name, false, false) || (i + 1 == code_cell && is_stock_name(name, true, false))) {
      sink.add(ctx.theme, Stock{std::string(name), code}, ctx.kind.empty() ? "recommend" : ctx.kind);
      return;
    }
  }
}

// ---------------------------------------------------------------------------------------
// Ratings (company notes)

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
  if (colon == s.size()) return std::nullopt;
  head = strip_wrappers(head);
  static constexpr std::string_view kReportWords[] = {"周报", "月报", "日报", "报告", "点评", "策略",
                                                                   "研究", "专题", "深度", "年报", "季报", "快评"};
  if (any_of_words(head, kReportWords)) return std::nullopt;
  if (is_stock_name(head, false, true)) return Stock{std::string(head), std::nullopt};
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------
// News, events, risks

/// Splits a list paragraph on top-level ；/; and on inline enumeration ("（1）A。（2）B。").
std::vector<std::string_view> list_items(std::string_view text) {
  std::vector<std::string_view> out;
  for (auto piece : split_top(text, is_semicolon)) {
    int n = 0;
    strip_enumeration(piece, &n);
    if (n != 1) {
      out.push_back(piece);
      continue;
    }
    // Enumerated: cut before "2…", "3…" markers that follow a sentence end or a blank.
    auto depth = nesting(piece);
    int next = 2;
    size_t start = 0;
    char32_t prev = U'。';
    for (size_t i = 0; i < piece.size();) {
      auto c = decode_at(piece, i);
      if (i > start && depth[i] == 0 && (prev == U'。' || prev == U',' || prev == U' ' || prev == U'.')) {
        int m = 0;
        strip_enumeration(piece.substr(i), &m);
        if (m == next) {
          out.push_back(trim(piece.substr(start, i - start)));
          start = i;
          ++next;
        }
      }
      prev = fold(c.cp);
      i += c.len;
    }
    out.push_back(trim(piece.substr(start)));
  }
  std::vector<std::string_view> clean;
  for (auto p : out) {
    p = trim_trailing_punct(strip_enumeration(p));
    if (!p.empty()) clean.push_back(p);
  }
  return clean;
}

/// Reads "M月D日" (optionally "YYYY年M月D日") at s[i]; advances i past it on success.
bool read_month_day(std::string_view s, size_t& i, int& y, int& m, int& d) {
  auto num = [&](size_t& k, size_t max) {
    int v = 0;
    size_t n = 0;
    while (k < s.size() && n < max) {
      auto c = decode_at(s, k);
      char32_t f = fold(c.cp);
      if (f < U'0' || f > U'9') break;
      v = v * 10 + static_cast<int>(f - U'0');
      k += c.len;
      ++n;
    }
    return n ? v : -1;
  };
  size_t k = i;
  y = 0;
  int a = num(k, 4);
  if (a < 0) return false;
  if (starts_with(s.substr(k), "年")) {
    y = a;
    k += std::string_view("年").size();
    a = num(k, 2);
    if (a < 0) return false;
  }
  if (!starts_with(s.substr(k), "月")) return false;
  k += std::string_view("月").size();
  int b = num(k, 2);
  if (b < 0) return false;
  if (starts_with(s.substr(k), "日")) k += std::string_view("日").size();
  else if (starts_with(s.substr(k), "号")) k += std::string_view("号").size();
  else return false;
  m = a;
  d = b;
  i = k;
  return true;
}

std::optional<std::string> resolve_date(int y, int m, int d, const ExtractContext& ctx) {
  if (y > 0) return format_date(y, m, d);
  return resolve_month_day(m, d, ctx.report_date);
}

/// Words that end an event's subject: 青鸟消防[公告]…, 精智达[发布]…, 公司[控股股东]…
constexpr std::string_view kEventVerbs[] = {
    "发布", "公告", "披露", "宣布", "公布", "拟", "召开", "完成", "获得", "获", "签署", "签订", "收到", "中标",
    "与", "通过", "发行", "回购", "预计", "预告", "实现", "控股股东", "实控人", "实际控制人", "股东", "董事",
    "监事", "高管", "子公司", "全资", "旗下", "的", "将", "于", "在", "已", "正式", "成功", "推出", "入选",
    "启动", "终止", "减持", "增持", "计划", "表示", "称", "申请", "递交", "登陆", "新增", "设立", "成立",
    "收购", "出售", "转让", "举办", "举行", "荣获", "斩获", "被", "向"};

void parse_event(std::string_view item, const ExtractContext& ctx, std::vector<Event>& out) {
  Event ev;
  ev.text = std::string(item);
  std::string_view s = item;
  size_t i = 0;
  int y = 0, m = 0, d = 0;
  if (read_month_day(s, i, y, m, d)) {
    ev.event_date = resolve_date(y, m, d, ctx);
    s = s.substr(i);
    for (std::string_view w : {"晚间", "早间", "盘后", "午间", "晚", "讯"})
      if (starts_with(s, w)) s.remove_prefix(w.size());
    for (bool changed = true; changed;) {
      changed = false;
      s = trim(s);
      auto c = s.empty() ? CodePoint{0, 0} : decode_at(s, 0);
      char32_t f = fold(c.cp);
      if (f == U',' || f == U'、' || f == U':') {
        s.remove_prefix(c.len);
        changed = true;
      }
    }
  }
  s = strip_wrappers(s);
  // The subject ends at the first verb, code bracket, date or punctuation after 2 chars.
  auto depth = nesting(s);
  size_t pos = 0, n = 0, end = s.size();
  for (; pos < s.size(); ++n) {
    auto c = decode_at(s, pos);
    char32_t f = fold(c.cp);
    if (depth[pos] == 0 && f == U'(') {
      size_t j = pos + c.len, e = j;
      while (e < s.size() && fold(decode_at(s, e).cp) != U')') e += decode_at(s, e).len;
      if (auto code = code_in(s.substr(j, e - j))) ev.code = code;
      end = pos;
      break;
    }
    if (f == U',' || f == U'。' || f == U':' || f == U';' || f == U'、' || f == U' ') {
      end = pos;
      break;
    }
    if (n >= 2) {
      size_t k = pos;
      int yy, mm, dd;
      if (f >= U'0' && f <= U'9') {
        if (read_month_day(s, k, yy, mm, dd) && !ev.event_date) ev.event_date = resolve_date(yy, mm, dd, ctx);
        end = pos;
        break;
      }
      bool verb = false;
      for (auto v : kEventVerbs)
        if (starts_with(s.substr(pos), v)) verb = true;
      if (verb) {
        end = pos;
        break;
      }
    }
    pos += c.len;
  }
  std::string_view company = strip_wrappers(s.substr(0, end));
  if (cp_count(company) > 20) company = {};
  // "胜宏科技（300476.SZ）：2月19日发布…": the date may follow the subject.
  if (!ev.event_date) {
    size_t k = end, steps = 0;
    while (k < s.size() && steps++ < 16) {
      size_t j = k;
      int yy, mm, dd;
      if (read_month_day(s, j, yy, mm, dd)) {
        ev.event_date = resolve_date(yy, mm, dd, ctx);
        break;
      }
      k += decode_at(s, k).len;
    }
  }
  ev.company = std::string(company);
  if (ev.company.empty() && !ev.event_date) return;
  out.push_back(std::move(ev));
}

/// Event items: ；-separated, and also split at "。" when a new dated item follows.
std::vector<std::string_view> event_items(std::string_view text) {
  std::vector<std::string_view> out;
  for (auto piece : list_items(text)) {
    auto depth = nesting(piece);
    size_t start = 0;
    for (size_t i = 0; i < piece.size();) {
      auto c = decode_at(piece, i);
      if (depth[i] == 0 && c.cp == U'。') {
        size_t k = i + c.len;
        int y, m, d;
        std::string_view rest = trim(piece.substr(k));
        size_t j = 0;
        if (read_month_day(rest, j, y, m, d)) {
          out.push_back(trim_trailing_punct(piece.substr(start, i - start)));
          start = k;
        }
      }
      i += c.len;
    }
    auto last = trim_trailing_punct(piece.substr(start));
    if (!last.empty()) out.push_back(last);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Sections

/// Mixed: a heading naming both news and company events (行业要闻及公司动态): dated items
/// ("2月3日，甲科技发布…") are events, the rest news.
enum class Sec { Other, Ignore, News, Events, Mixed, Risks, Picks };


/// Maps a heading's label to the section it opens; Other for headings of anything else
/// (行情回顾, 投资建议, 来源), which end a list section.
Sec classify_label(std::string_view label) {
  if (label.empty()) return Sec::Other;
  if (contains(label, "风险提示") || contains(label, "风险因素") || contains(label, "风险分析") ||
      contains(label, "风险警示") || (ends_with(label, "风险") && cp_count(label) <= 6))
    return Sec::Risks;
  // 本周市场表现及要闻 titles a section about the market; it is not a news list.
  bool market = contains(label, "表现") || contains(label, "行情") || contains(label, "复盘") ||
                (contains(label, "回顾") && contains(label, "市场"));  // 一周要闻回顾 is news
  if (contains(label, "重大事项") || contains(label, "重要事项") || contains(label, "公告") ||
      (contains(label, "公司") && (contains(label, "动态") || contains(label, "要闻") || contains(label, "新闻") ||
                                    contains(label, "事件") || contains(label, "跟踪"))) ||
      contains(label, "个股动态")) {
    if (market) return Sec::Ignore;
    bool news_too = contains(label, "行业") && (contains(label, "要闻") || contains(label, "新闻") || contains(label, "动态"));
    return news_too ? Sec::Mixed : Sec::Events;
  }
  if (contains(label, "要闻") || contains(label, "新闻") || contains(label, "动态") || contains(label, "资讯") ||
      contains(label, "快讯") || contains(label, "大事") || contains(label, "热点"))
    return market ? Sec::Ignore : Sec::News;
  if (has_kind_word(label)) return Sec::Picks;
  return Sec::Other;
}

bool has_sentence_punct(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    auto c = decode_at(s, i);
    char32_t f = fold(c.cp);
    if (f == U'。' || f == U',' || f == U';' || f == U'、' || f == U'!' || f == U'?') return true;
    i += c.len;
  }
  return false;
}

bool has_digit(std::string_view s) {
  for (char c : s)
    if (c >= '0' && c <= '9') return true;
  return contains(s, "月") && contains(s, "日");
}

struct Heading {
  bool found = false;
  Sec sec = Sec::Other;
  std::string_view label;
  std::string_view rest;  ///< text after the label's colon; empty for a heading on its own line
};

/// Footer lines that end any list (sources, disclaimers).
constexpr std::string_view kFooters[] = {"来源", "资料来源", "数据来源", "免责声明", "分析师",
                                                      "请务必阅读", "特别声明", "法律声明", "重要声明"};

/// Words of section headings other than lists (行情回顾, 投资建议, 本周专题…). Inside a news,
/// event or risk list an unknown label ends the list only when it reads like one of these;
/// otherwise "小米发布AI眼镜：6月26日…" is the next item.
constexpr std::string_view kHeadingWords[] = {
    "回顾", "表现", "建议", "要点", "观点", "专题", "事件", "点评", "来源", "策略", "展望", "结论", "摘要", "数据",
    "行情", "估值", "配置", "投资", "分析", "总结", "研究", "跟踪", "复盘", "板块", "市场", "指数", "个股", "资金",
    "盈利预测", "评级", "声明", "附录", "目录", "图表", "概览", "综述", "思路", "周报", "月报"};

Heading detect_heading(const CleanLine& line, bool in_list, bool in_picks) {
  Heading h;
  const bool text_list = in_list && !in_picks;
  auto headingish = [](std::string_view label) {
    for (auto w : kHeadingWords)
      if (contains(label, w)) return true;
    return false;
  };
  std::string_view text = line.text;
  for (auto f : kFooters)
    if (starts_with(text, f)) {
      h.found = true;
      h.sec = Sec::Other;
      h.label = text;
      return h;
    }
  // Only the first 24 code points can hold a label; bracket depth beyond ~40 is irrelevant.
  size_t scan_end = 0;
  for (size_t k = 0; k < 40 && scan_end < text.size(); ++k) scan_end += decode_at(text, scan_end).len;
  auto depth = nesting(text.substr(0, scan_end));
  size_t n = 0;
  for (size_t i = 0; i < scan_end && n < 24; ++n) {
    auto c = decode_at(text, i);
    char32_t f = fold(c.cp);
    if (depth[i] == 0 && f == U':') {
      std::string_view label = trim(text.substr(0, i));
      std::string_view rest = trim(text.substr(i + c.len));
      if (label.empty() || has_sentence_punct(label)) break;
      Sec sec = classify_label(label);
      size_t len = cp_count(label);
      // A short unknown label is a heading too (行情回顾：, 投资建议：) — but not inside a list
      // of bullets, where "小米：发布AI眼镜" is an item, and not a date (2月7日：).
      // Under a picks heading "有研新材：靶材国产替代加速" is an entry, not a heading.
      bool generic = sec == Sec::Other && len <= 10 && !has_digit(label) && !(in_list && line.bullet) &&
                     !(in_picks && parse_item(label, false, false).kind == Item::kStock) &&
                     !(text_list && !headingish(label));
      if ((sec != Sec::Other && len <= 20) || generic || line.heading) {
        h.found = true;
        h.sec = sec;
        h.label = label;
        h.rest = rest;
      }
      return h;
    }
    if (f == U'。' || f == U';') break;
    i += c.len;
  }
  if (cp_count(text) <= 20 && !has_sentence_punct(text)) {
    Sec sec = classify_label(text);
    if ((sec != Sec::Other && cp_count(text) <= 14) || line.heading ||
        (line.bold && !(text_list && !headingish(text)))) {
      h.found = true;
      h.sec = sec;
      h.label = text;
    }
  }
  if (!h.found && line.heading) {
    h.found = true;
    h.sec = Sec::Other;
    h.label = text;
  }
  return h;
}

/// Splits a line before each sentence that opens with a news/event/risk label
/// ("…迎来拐点。风险提示：A；B。"); returns the whole line when there is none.
std::vector<std::string_view> embedded_headings(std::string_view text) {
  std::vector<std::string_view> parts;
  if (!contains(text, "。") || (!contains(text, "：") && !contains(text, ":"))) return {text};
  std::vector<unsigned char> depth;  // computed only once a candidate label is seen
  size_t start = 0;
  for (size_t i = 0; i < text.size();) {
    auto c = decode_at(text, i);
    i += c.len;
    if (c.cp != U'。' || i >= text.size()) continue;
    size_t n = 0;
    for (size_t j = i; j < text.size() && n <= 12; ++n) {
      auto d = decode_at(text, j);
      char32_t f = fold(d.cp);
      if (f == U':') {
        Sec sec = classify_label(trim(text.substr(i, j - i)));
        if (depth.empty() && (sec == Sec::News || sec == Sec::Events || sec == Sec::Mixed || sec == Sec::Risks))
          depth = nesting(text);
        if ((sec == Sec::News || sec == Sec::Events || sec == Sec::Mixed || sec == Sec::Risks) && depth[i - 3] == 0) {
          parts.push_back(text.substr(start, i - start));
          start = i;
        }
        break;
      }
      if (f == U'。' || f == U',' || f == U';') break;
      j += d.len;
    }
  }
  parts.push_back(text.substr(start));
  return parts;
}

class ListExtractor {
 public:
  ListExtractor(const ExtractContext& ctx, Extraction& out) : ctx_(ctx), out_(out), sink_(out.picks) {}

  void run(std::string_view body) {
    Sec cur = Sec::Other;
    PickCtx sec_ctx;
    size_t pos = 0;
    while (pos <= body.size()) {
      size_t nl = body.find('\n', pos);
      if (nl == std::string_view::npos) nl = body.size();
      std::string_view raw = body.substr(pos, nl - pos);
      pos = nl + 1;
      CleanLine line = clean_line(raw);
      if (line.text.empty()) {
        if (nl == body.size()) break;
        continue;
      }
      auto parts = embedded_headings(line.text);
      if (parts.size() > 1) {
        // "…拐点。风险提示：A；B。" — each sentence run opened by a list label is its own line.
        for (size_t k = 0; k < parts.size(); ++k) {
          CleanLine part;
          part.text = std::string(parts[k]);
          if (k == 0) {
            part.bullet = line.bullet;
            part.heading = line.heading;
          }
          handle(part, cur, sec_ctx);
        }
      } else {
        handle(line, cur, sec_ctx);
      }
      if (nl == body.size()) break;
    }
    if (rating_) {
      if (auto company = title_company(ctx_.title)) sink_.add(std::nullopt, *company, "rating", rating_);
    }
  }

 private:
  /// One cleaned line: a heading switches the current section (an inline one only for its
  /// own text); any other line belongs to the current section.
  void handle(const CleanLine& line, Sec& cur, PickCtx& sec_ctx) {
    bool in_list = cur == Sec::News || cur == Sec::Events || cur == Sec::Mixed || cur == Sec::Risks ||
                   cur == Sec::Picks;
    Heading h = detect_heading(line, in_list, cur == Sec::Picks);
    if (!h.found) {
      PickCtx ctx = sec_ctx;
      ctx.item_line = line.bullet;
      process(cur, line.text, ctx, line);
      return;
    }
    if (h.rest.empty()) {
      // A heading on its own line governs the following lines.
      cur = h.sec;
      sec_ctx = PickCtx{};
      if (cur == Sec::Picks) scan_picks(h.label, sec_ctx, sink_);
      if (cur == Sec::Picks && !sec_ctx.active) {
        // "关注要点": the label's first kind word still says what the lists under it are.
        std::string kind = "recommend";
        for (size_t i = 0; i < h.label.size(); i += decode_at(h.label, i).len)
          if (const KindWord* k = kind_word_at(h.label.substr(i))) {
            kind = std::string(k->kind);
            break;
          }
        sec_ctx = PickCtx{true, kind, std::nullopt};
      }
      return;
    }
    // An inline heading: its section is its own text. Picks and other text are scanned whole,
    // so that the label's kind word ("推荐标的：") is part of the clause; a '#' title is not.
    PickCtx ctx;
    bool scan_whole = h.sec == Sec::Picks || h.sec == Sec::Other;
    if (!(line.heading && h.sec == Sec::Other)) process(h.sec, scan_whole ? std::string_view(line.text) : h.rest, ctx, line);
    cur = Sec::Other;
    sec_ctx = PickCtx{};
  }

  void process(Sec sec, std::string_view text, PickCtx& ctx, const CleanLine& line) {
    switch (sec) {
      case Sec::News:
        for (auto item : list_items(text)) out_.news.push_back(NewsItem{std::string(item)});
        break;
      case Sec::Risks:
        for (auto item : list_items(text)) out_.risks.push_back(Risk{std::string(item)});
        break;
      case Sec::Events:
        for (auto item : event_items(text)) parse_event(item, ctx_, out_.events);
        break;
      case Sec::Mixed:
        for (auto item : event_items(text)) {
          size_t i = 0;
          int y, m, d;
          if (read_month_day(item, i, y, m, d)) parse_event(item, ctx_, out_.events);
          else out_.news.push_back(NewsItem{std::string(item)});
        }
        break;
      case Sec::Ignore:
        break;
      case Sec::Picks:
      case Sec::Other:
        if (line.table) {
          if (ctx.active) table_row(text, ctx, sink_);
          break;
        }
        scan_picks(text, ctx, sink_);
        if (!rating_) rating_ = find_rating(text);
        break;
    }
  }

  const ExtractContext& ctx_;
  Extraction& out_;
  PickSink sink_;
  std::optional<std::string> rating_;
};

}  // namespace

void extract_lists(std::string_view body, const ExtractContext& ctx, Extraction& out) {
  ListExtractor(ctx, out).run(body);
}

}  // namespace yanbao
