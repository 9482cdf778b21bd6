#include "extract/lists_stock.h"

#include <algorithm>
#include <cstdint>

#include "extract/codes.h"

namespace yanbao::lists {

namespace {

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
    "提速", "模型", "国内", "海外", "全球", "美联储", "国产", "替代", "升级", "迭代", "扩产", "纳斯达克", "标普",
    "道琼斯", "日经", "富时", "纳指", "道指", "沪深", "上证", "深证", "创业板", "中证", "国证", "恒指", "会议", "议息", "社融", "居前", "前列", "位居", "表现", "占比", "排名", "收益率", "涨幅", "跌幅"};

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

}  // namespace

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
  // 的 is a particle of prose ("跨年行情的进攻"); listed names hold it only second (美的集团,
  // 绿的谐波).
  for (size_t p = find_word(name, "的"); p != std::string_view::npos; p = find_word(name, "的", p + 1))
    if (cp_count(name.substr(0, p)) != 1) return false;
  // A printed code vouches for the name, but one Han character ("份" of 汇金股份) is never one.
  if (has_code) return (han >= 2 || latin >= 2) && total <= 20;
  std::string core = base_name(name);
  size_t core_han = 0;
  for (size_t i = 0; i < core.size();) {
    auto c = decode_at(core, i);
    if (is_han(c.cp)) ++core_han;
    i += c.len;
  }
  if (core_han < 2 || core_han > 8 || cp_count(core) > 12 || digits > 3) return false;
  // A-share short names are at most four Han characters, Hong Kong ones a few more: in a bare
  // "关注X、Y" a longer "name" (美联储议息会议) is a phrase.
  if (weak && core_han > 6) return false;
  if (weak && digits > 0) return false;  // 标普500, 中证1000: indices, not names
  if (kBadLead.find(decode_at(name, 0).cp) != std::u32string_view::npos) return false;
  // Listed names that hold a word of kNotInNames (公司, 投资).
  static constexpr std::string_view kKnownNames[] = {"中微公司", "中金公司", "国投资本", "中国中免"};
  if (equals_any(core, kKnownNames)) return true;
  static const WordSet kNotInNamesSet(kNotInNames);  // immutable after first use
  if (kNotInNamesSet.occurs_in(name)) return false;
  if (weak && is_industry_word(core)) return false;
  return true;
}

bool is_industry_word(std::string_view name) {
  std::string core = base_name(trim(name));
  if (equals_any(core, kIndustryWords)) return true;
  // 半导体设备, 算力链, 储能电池, 光伏设备: an industry word and a product, or a product tail.
  // Industry words that do begin listed names (金融街, 创新医疗, 生物股份, 卫星化学,
  // 电子城, 黄金…) are not used as prefixes.
  static constexpr std::string_view kNotPrefixes[] = {"金融", "创新", "生物", "卫星", "电子", "黄金", "消费", "科技",
                                                      "成长", "周期", "食品", "医药", "通信", "核电", "农业"};
  for (std::string_view w : kIndustryWords)
    if (core.size() > w.size() && starts_with(core, w) && !equals_any(w, kNotPrefixes)) return true;
  static constexpr std::string_view kProductTails[] = {"设备", "链", "电池", "芯片", "器件", "模组", "组件", "零部件",
                                                       "整机", "耗材", "产品", "板块", "环节"};
  for (std::string_view t : kProductTails)
    if (core.size() > t.size() && ends_with(core, t)) return true;
  return false;
}

bool is_name_sep(char32_t c) { return c == U'、' || c == U',' || c == U'/'; }

namespace {

/// Suffixes that make "X（A、B）" a theme group even with one member.
constexpr std::string_view kGroupSuffixes[] = {"主题", "板块", "方向", "领域", "赛道", "产业链", "概念", "组合"};

}  // namespace

/// Strips a leading time expression (三月, 2025年3月, 本月, 12月份) from a 金股 prefix.
std::string_view strip_time_prefix(std::string_view s) {
  static constexpr std::u32string_view kTime = U"0123456789一二三四五六七八九十年月份度季周本下次第上旬期双 ";  // blank: "1 月"
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
      "投资建议", "投资策略", "我们", "建议", "相关", "本期", "当期", "最新", "以下", "如下", "继续", "持续", "重点", "维持", "积极", "依然", "仍然", "仍",
      "坚定", "首次", "此外", "另外", "同时", "其中", "因此", "综上", "总体", "整体上", "整体", "具体",
      "个股上", "个股", "标的上", "标的", "主要", "可以", "可", "也", "亦", "均", "都", "还", "并", "和",
      "及", "与", "在", "对于", "关于", "聚焦", "短期", "中长期", "长期", "中期", "近期", "当前", "目前",
      "本周", "下周", "本月", "后续", "未来", "板块上", "方面", "核心", "优先", "强烈", "首选", "精选", "优选",
      "月度", "年度", "季度", "周度"};
  static constexpr std::string_view kTail[] = {
      "方面", "领域", "方向", "板块", "主题", "赛道", "主线", "建议", "我们", "继续", "持续", "重点", "可",
      "也", "均", "都", "仍", "积极", "相关标的", "受益标的", "标的", "个股"};
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

namespace {

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

}  // namespace

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
                                                             "『", "』", "‘", "’", "■", "□", "▪", "●", "○",
                                                             "◆", "◇", "➢", "➤", "►", "▶", "⚫", "•", "★", "☆"};
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

/// Splits a list on 、，,/ and parses each entry. Entries that are "A及B"/"A和B"/"A与B" are
/// split further only when the whole is not a name but both halves are (和而泰 stays whole).
namespace {

/// Splits "【A】【B】 【C】" (bracketed names printed side by side, with no separator) into
/// its bracketed parts; any other piece is returned whole.
void split_adjacent_brackets(std::string_view piece, std::vector<std::string_view>& out) {
  static constexpr std::string_view kOpen = "【", kClose = "】";
  size_t close = find_word(piece, kClose);
  if (close == std::string_view::npos || !contains(piece.substr(close), kOpen)) {
    out.push_back(piece);
    return;
  }
  size_t start = 0;
  while (start < piece.size()) {
    size_t c = find_word(piece, kClose, start);
    if (c == std::string_view::npos) break;
    std::string_view after = trim(piece.substr(c + kClose.size()));
    if (!starts_with(after, kOpen)) break;
    out.push_back(trim(piece.substr(start, c + kClose.size() - start)));
    start = static_cast<size_t>(after.data() - piece.data());
  }
  if (start < piece.size()) out.push_back(trim(piece.substr(start)));
}

}  // namespace

std::vector<Item> parse_items(std::string_view list, bool weak, bool allow_group) {
  std::vector<Item> out;
  std::vector<std::string_view> pieces;
  for (auto piece : split_top(list, is_name_sep)) split_adjacent_brackets(piece, pieces);
  for (auto piece : pieces) {
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
      if (!it.members.empty()) {
        it.kind = Item::kGroup;
        it.theme = clean_theme(before);
        return it;
      }
      // "中际旭创（800G龙头、1.6T领先）": no member is a stock, so the bracket is a note.
      if (suffix || cp_count(inner) > 24) return it;
    } else if (cp_count(inner) > 10) {
      return it;  // a long aside, not an annotation such as （港股） or （买入）
    }
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

}  // namespace yanbao::lists
