#include "extract/market_names.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <vector>

#include "extract/codes.h"
#include "extract/scan.h"

namespace yanbao::market {
namespace {

using scan::at;
using scan::decode;
using scan::ends_at;

struct Alias {
  std::string_view written;    ///< spaces removed, half-width
  std::string_view canonical;
};

/// Written forms of the indices the issue names; lookups happen after spaces are removed and
/// full-width letters folded, with and without a trailing 指数.
constexpr Alias kAliases[] = {
    {"上证综合指数", "上证综指"}, {"上证指数", "上证综指"},   {"上证综指", "上证综指"},
    {"沪综指", "上证综指"},       {"沪指", "上证综指"},       {"深证成份指数", "深证成指"},
    {"深证成分指数", "深证成指"}, {"深证成指", "深证成指"},   {"深成指", "深证成指"},
    {"深圳成指", "深证成指"},     {"创业板指数", "创业板指"}, {"创业板指", "创业板指"},
    {"沪深300", "沪深300"},       {"恒生指数", "恒生指数"},   {"恒指", "恒生指数"},
    {"科创50", "科创50"},         {"科创板50", "科创50"},     {"北证50", "北证50"},
    {"上证50", "上证50"},         {"中证500", "中证500"},     {"中证1000", "中证1000"},
    {"中证2000", "中证2000"},
};

/// Names found anywhere in a clause even without 指数 (longest first per start letter).
constexpr std::string_view kBareNames[] = {
    "上证综合指数", "上证综指", "上证指数", "沪综指", "沪指", "深证成份指数", "深证成分指数",
    "深证成指", "深圳成指", "深证综指", "深成指", "创业板指数", "创业板指", "恒生科技指数",
    "恒生科技", "恒生国企指数", "恒生指数", "恒指", "纳斯达克综合指数", "纳斯达克指数", "纳斯达克",
    "纳指", "道琼斯工业平均指数", "道琼斯工业指数", "道琼斯指数", "道琼斯", "道指", "万得全A指数",
    "万得全A", "Wind全A", "中证全指", "国企指数",
};

/// Families written as prefix + digits: 上证50, 中证A500, 国证2000, 标普500, 日经225 …
constexpr std::string_view kDigitFamilies[] = {"上证", "深证", "中证", "国证", "沪深", "科创板", "科创",
                                               "北证", "创业板", "标普", "日经", "富时", "恒生"};

/// Where a name read backwards from 指数 must stop: the text before it ends with one of these.
constexpr std::string_view kStopBefore[] = {
    "本周", "上周", "当周", "这周", "全周", "周内", "单周", "同期", "期间", "本月", "当月",
    "今年", "年初", "以来", "至今", "迄今", "年内", "其中", "之中", "方面", "来看", "而言",
    "看", "的", "和", "与", "及", "而", "则", "但", "且", "或", "同时", "此外", "另外",
    "跑赢", "跑输", "跑平", "相对", "相较", "较", "对比", "超越", "落后", "领先", "强于",
    "弱于", "优于", "劣于", "不及", "低于", "高于", "于", "为", "是", "在", "从", "由",
    "截至", "截止", "累计", "合计", "整体", "回顾", "表现", "显示", "包括", "带动", "推动",
    "受", "随着", "伴随", "全部", "均", "都", "也", "亦", "仍", "继续", "分别", "个股",
};

/// Where a benchmark is introduced: 跑赢沪深300指数, 相对沪深300, 较上证综指 …
constexpr std::string_view kBenchBefore[] = {
    "跑赢", "跑输", "跑平", "相对于", "相对", "相较于", "相较", "较", "对比", "超越", "落后于",
    "落后", "领先于", "领先", "强于", "弱于", "优于", "劣于", "不及", "低于", "高于", "胜过",
    "vs.", "vs", "VS", "比",
};

/// Letters that may start a name read from a 指数 whose start is unclear (anchors).
constexpr std::string_view kAnchors[] = {"申万", "中信", "中证", "国证", "万得", "恒生", "标普", "纳斯达克",
                                         "道琼斯", "SW", "Wind", "wind"};

/// Bases that are not one index but a phrase (主要指数, 三大指数, 宽基指数) or an indicator.
constexpr std::string_view kGenericParts[] = {
    "主要", "三大", "各大", "宽基", "大类", "两市", "各", "多数", "部分", "全部", "所有", "重要",
    "相关", "主流", "个", "该", "此", "这", "风格", "情绪", "恐慌", "景气", "价格", "物价",
    "信心", "采购经理", "PMI", "CPI", "PPI", "拥挤", "热度", "活跃", "一级行业", "二级行业",
};

/// What may not follow 指数 for it to name an index: 指数级, 指数化, 指数基金 …
constexpr std::string_view kBadAfter[] = {"级", "化", "型", "基金", "增强", "成分", "成份", "权重", "期货",
                                          "期权", "样本", "编制", "产品", "投资", "ETF", "etf"};

constexpr std::string_view kIndustries[] = {
    "农林牧渔", "基础化工", "钢铁", "有色金属", "电子", "汽车", "家用电器", "食品饮料",
    "纺织服饰", "轻工制造", "医药生物", "公用事业", "交通运输", "房地产", "商贸零售", "社会服务",
    "银行", "非银金融", "综合", "建筑材料", "建筑装饰", "电力设备", "机械设备", "国防军工",
    "计算机", "传媒", "通信", "煤炭", "石油石化", "环保", "美容护理",
    // Common level-two industries, which lists of "movers" also name.
    "半导体", "消费电子", "元件", "光学光电子", "其他电子", "电子化学品", "白酒", "中药", "化学制药",
    "生物制品", "医疗器械", "医疗服务", "医药商业", "电池", "光伏设备", "风电设备", "电网设备",
    "电机", "软件开发", "IT服务", "计算机设备", "游戏", "影视院线", "广告营销", "出版", "数字媒体",
    "通信设备", "通信服务", "军工电子", "航空装备", "航天装备", "地面兵装", "航海装备",
    "汽车零部件", "乘用车", "商用车", "摩托车及其他", "汽车服务", "工程机械", "专用设备",
    "通用设备", "自动化设备", "轨交设备", "贵金属", "工业金属", "小金属", "能源金属", "稀土",
    "证券", "保险", "多元金融", "国有大型银行", "股份制银行", "城商行", "农商行", "房地产开发",
    "饮料乳品", "食品加工", "休闲食品", "调味发酵品", "养殖业", "种植业", "饲料", "化学原料",
    "化学制品", "化学纤维", "塑料", "橡胶", "农化制品", "非金属材料", "水泥", "玻璃玻纤",
    "装修建材", "电力", "燃气", "物流", "航运港口", "航空机场", "铁路公路", "煤炭开采", "焦炭",
    "油服工程", "炼化及贸易", "白色家电", "黑色家电", "小家电", "厨卫电器", "家电零部件",
    "纺织制造", "服装家纺", "饰品", "造纸", "包装印刷", "家居用品", "文娱用品", "旅游及景区",
    "酒店餐饮", "教育", "专业服务", "体育", "一般零售", "互联网电商", "贸易", "个护用品",
    "化妆品", "医疗美容", "环境治理", "环保设备", "机器人", "人形机器人", "算力", "光模块",
    "存储", "芯片", "AI应用", "低空经济", "固态电池", "创新药", "CXO",
    // Older or colloquial names of the same industries.
    "化工", "医药", "家电", "食品", "纺织服装", "商业贸易", "休闲服务", "非银", "建材", "电气设备",
    "机械", "军工", "有色", "农业", "地产", "电新", "电力及公用事业", "石油", "石化",
};

constexpr std::string_view kIndexWord = "指数";

using scan::contains;

/// Spaces removed and full-width folded: the key aliases are looked up by.
std::string key_of(std::string_view raw) {
  std::string out;
  for (char c : to_halfwidth(raw))
    if (c != ' ' && c != '\t') out += c;
  return out;
}

/// Index name that starts at clause[i] from the bare-name list or a digit family; returns its
/// end or 0.
size_t match_known(std::string_view s, size_t i) {
  // Most positions start no known name: rule them out by their first letter.
  static const scan::WordTable leads = [] {
    std::vector<std::string_view> words;
    for (std::string_view n : kBareNames) words.push_back(n);
    for (std::string_view f : kDigitFamilies) words.push_back(f);
    return scan::WordTable(std::move(words));
  }();
  if (leads.match(s, i) < 0) return 0;
  size_t best = 0;
  for (std::string_view n : kBareNames)
    if (at(s, i, n) && i + n.size() > best) best = i + n.size();
  for (std::string_view f : kDigitFamilies) {
    if (!at(s, i, f)) continue;
    size_t j = i + f.size();
    while (j < s.size() && s[j] == ' ') ++j;
    if (at(s, j, "A") || at(s, j, "Ａ")) j += s[j] == 'A' ? 1 : 3;
    size_t digits_start = j, ndigits = 0;
    while (scan::is_digit_at(s, j)) {
      size_t len = 1;
      decode(s, j, &len);
      j += len;
      ++ndigits;
    }
    if (ndigits == 0 || ndigits > 4 || j == digits_start) continue;
    // 上证3000点 is a level, 沪深300.5 a number: not names.
    if (at(s, j, "点") || at(s, j, ".") || at(s, j, "%") || at(s, j, "％") || at(s, j, "亿") ||
        at(s, j, "万") || at(s, j, "只") || at(s, j, "家"))
      continue;
    if (j > best) best = j;
  }
  if (best && at(s, best, kIndexWord)) best += kIndexWord.size();
  return best;
}

bool bad_after_index_word(std::string_view s, size_t j) {
  for (std::string_view b : kBadAfter)
    if (at(s, j, b)) return true;
  return false;
}

/// True when the text before byte i ends with a digit followed by a date letter (2月 7日 2024年).
bool ends_with_date(std::string_view s, size_t i) {
  for (std::string_view d : {"年", "月", "日", "号"})
    if (ends_at(s, i, d) && scan::is_digit_at(s, scan::prev(s, i - d.size()))) return true;
  return false;
}

bool is_benchmark_position(std::string_view s, size_t begin) {
  size_t i = begin;
  // 跑赢同期沪深300指数 / 跑赢了沪深300
  for (std::string_view filler : {"同期的", "同期", "了"})
    if (ends_at(s, i, filler)) i -= filler.size();
  return !scan::ends_any(s, i, kBenchBefore).empty();
}

/// The start of a name that ends at byte e (just before 指数), read backwards but not past lower.
size_t name_start(std::string_view s, size_t lower, size_t e) {
  size_t b = e;
  int cps = 0;
  while (b > lower) {
    std::string_view left = s.substr(0, b);
    if (!scan::ends_any(left, b, kStopBefore).empty() || ends_with_date(s, b)) break;
    size_t p = scan::prev(s, b);
    if (p < lower) break;
    char32_t c = decode(s, p);
    if (!scan::is_name_char(c) && c != U'-' && c != U'&') break;
    b = p;
    ++cps;
    if (cps > 16) break;
  }
  return b;
}

}  // namespace

void find_index_names(std::string_view s, std::vector<IndexHit>& out) {
  size_t i = 0, lower = 0;
  while (i < s.size()) {
    if (size_t past = scan::skip_bracket(s, i)) {
      i = lower = past;
      continue;
    }
    if (size_t e = match_known(s, i)) {
      // A known name may open a longer 指数 name: 沪深300成长指数, 纳斯达克中国金龙指数.
      size_t j = e, cps = 0;
      if (!ends_at(s, e, kIndexWord)) {
        while (j < s.size() && cps < 8 && !at(s, j, kIndexWord)) {
          size_t len = 1;
          char32_t c = decode(s, j, &len);
          if (!scan::is_name_char(c) || std::u32string_view(U"涨跌收报较跑累周上下持为是的和与及均").find(c) !=
                                            std::u32string_view::npos)
            break;
          j += len;
          ++cps;
        }
        if (at(s, j, kIndexWord) && !bad_after_index_word(s, j + kIndexWord.size()))
          e = j + kIndexWord.size();
      }
      out.push_back({i, e, is_benchmark_position(s, i)});
      i = lower = e;
      continue;
    }
    if (at(s, i, kIndexWord) && !bad_after_index_word(s, i + kIndexWord.size())) {
      size_t b = name_start(s, lower, i);
      std::string_view base = s.substr(b, i - b);
      // Cut a run that has a known anchor inside it: 带动申万电子 → 申万电子.
      for (std::string_view a : kAnchors)
        if (size_t p = base.find(a); p != std::string_view::npos && p > 0) {
          b += p;
          base = s.substr(b, i - b);
          break;
        }
      bool ok = !base.empty() && base.size() <= 12 * 3;
      for (std::string_view g : kGenericParts)
        if (ok && contains(base, g)) ok = false;
      if (ok) {
        // A base of digits alone (3个指数 was caught above; 2024指数) is no name.
        bool letters = false;
        for (size_t k = 0; k < base.size();) {
          size_t len = 1;
          char32_t c = scan::fold(decode(base, k, &len));
          if (!(c >= U'0' && c <= U'9')) letters = true;
          k += len;
        }
        ok = letters;
      }
      size_t e = i + kIndexWord.size();
      if (ok) out.push_back({b, e, is_benchmark_position(s, b)});
      i = lower = e;
      continue;
    }
    size_t len = 1;
    char32_t c = decode(s, i, &len);
    if (!scan::is_name_char(c) && c != U'-' && c != U'&') lower = i + len;
    i += len;
  }
}

std::string canonical_index_name(std::string_view raw) {
  std::string k = key_of(raw);
  for (const Alias& a : kAliases)
    if (k == a.written) return std::string(a.canonical);
  std::string_view base = k;
  if (base.size() > kIndexWord.size() && base.substr(base.size() - kIndexWord.size()) == kIndexWord)
    base.remove_suffix(kIndexWord.size());
  for (const Alias& a : kAliases)
    if (base == a.written) return std::string(a.canonical);
  return std::string(base);
}

bool is_industry_name(std::string_view name) {
  std::string k = key_of(name);
  std::string_view n = k;
  for (std::string_view p : {"申万", "SW", "中信"})
    if (n.substr(0, p.size()) == p) n.remove_prefix(p.size());
  for (std::string_view suf : {"指数", "行业", "板块", "(申万)", "Ⅱ", "II"})
    if (n.size() > suf.size() && n.substr(n.size() - suf.size()) == suf) n.remove_suffix(suf.size());
  // Sorted once: a binary search instead of ~200 compares for every candidate name.
  static const std::vector<std::string_view> sorted = [] {
    std::vector<std::string_view> v(std::begin(kIndustries), std::end(kIndustries));
    std::sort(v.begin(), v.end());
    return v;
  }();
  return std::binary_search(sorted.begin(), sorted.end(), n);
}

}  // namespace yanbao::market
