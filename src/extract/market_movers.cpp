#include "extract/market_movers.h"

#include <optional>
#include <string>

#include "extract/codes.h"
#include "extract/market_names.h"
#include "extract/scan.h"

namespace yanbao::market {
namespace {

using scan::at;
using scan::decode;

enum class Dir { kUp, kDown };

/// Words that open a rank phrase and its direction (longest first).
struct DirWord {
  std::string_view text;
  Dir dir;
  bool alone;  ///< 领涨/领跌 rank by themselves; 涨幅 needs 居前/前五/最大 …
};
constexpr DirWord kDirWords[] = {
    {"表现最好", Dir::kUp, true}, {"表现最佳", Dir::kUp, true}, {"表现最差", Dir::kDown, true},
    {"领涨", Dir::kUp, true},
    {"领跌", Dir::kDown, true},  {"涨幅", Dir::kUp, false},     {"跌幅", Dir::kDown, false},
    {"上涨", Dir::kUp, false},   {"下跌", Dir::kDown, false},   {"涨", Dir::kUp, false},
    {"跌", Dir::kDown, false},
};

constexpr std::string_view kRankWords[] = {"居前", "靠前", "领先", "前列", "最大", "最高", "最多", "较大",
                                           "居首", "第一", "排名前", "排行前", "榜前", "排名居前", "榜单前",
                                           "榜", "前", "TOP", "Top", "top"};

/// Entities a rank phrase may name. Industries and the like make the list no movers.
constexpr std::string_view kStockEntities[] = {"个股", "股票", "公司", "标的", "成分股", "企业", "成份股"};
constexpr std::string_view kOtherEntities[] = {"二级行业", "三级行业", "子行业", "行业", "板块", "概念",
                                               "指数", "ETF", "基金", "主题", "赛道", "方向", "风格"};

constexpr std::string_view kListIntros[] = {"分别为：", "分别为:", "分别为", "分别是", "依次为", "依次是",
                                            "如下：", "为：", "为:", "是：", "是:", "有：", "有:",
                                            "包括：", "包括", "为", "是", "有", "：", ":"};

/// Words trimmed from the end of a list written before its rank phrase.
constexpr std::string_view kTrailing[] = {"本周", "上周", "当周", "周内", "年内", "本期", "期间", "近期",
                                          "股价", "分别", "均", "等", "个股", "表现", "今年以来", "年初至今",
                                          "的", "位列", "位居", "分列", "排名", "居"};
/// Words trimmed from the start of such a list.
constexpr std::string_view kLeading[] = {"个股方面", "个股中", "个股上", "个股", "其中", "本周", "上周", "当周",
                                         "期间", "另外", "此外", "同时", "而"};

constexpr std::u32string_view kItemSeps = U"、，,;/";

using scan::contains;

std::string_view strip_leading(std::string_view s) {
  for (bool again = true; again;) {
    again = false;
    s = scan::trim(s);
    if (auto t = scan::match_any(s, 0, kLeading); !t.empty()) {
      s.remove_prefix(t.size());
      again = true;
    }
  }
  return s;
}

std::string_view strip_trailing(std::string_view s) {
  for (bool again = true; again;) {
    again = false;
    s = scan::trim(s);
    if (auto t = scan::ends_any(s, s.size(), kTrailing); !t.empty() && t.size() < s.size()) {
      s.remove_suffix(t.size());
      again = true;
    }
  }
  return s;
}

/// A few listed companies end in 公司 (中微公司): four letters, two of them a name, not a
/// quantifier or an adjective (龙头公司, 相关公司, 上市公司).
bool is_company_named_gongsi(std::string_view n, int cps) {
  static constexpr std::string_view kGeneric[] = {"龙头", "相关", "上市", "多家", "重点", "部分", "个别", "一些", "这些",
                                                  "优质", "头部", "核心", "其他", "其余", "该类", "此类", "母公", "子公",
                                                  "标的", "各家", "两家", "三家", "五家", "中小", "大型", "小型", "同类"};
  if (cps != 4 || !scan::ends_at(n, n.size(), "公司")) return false;
  std::string_view head = n.substr(0, n.size() - std::string_view("公司").size());
  for (std::string_view g : kGeneric)
    if (head == g) return false;
  return true;
}

/// Plausible security name: 2..12 letters, Chinese or Latin, with the usual -W/-U, *ST forms,
/// and nothing that reads as a phrase, an industry or a group of stocks.
bool is_stock_name(std::string_view n) {
  static constexpr std::string_view kBad[] = {"涨", "跌", "行业", "板块", "指数", "概念", "个股", "公司",
                                              "股票", "标的", "方面", "本周", "上周", "居前", "分别", "市场",
                                              "风格", "主题", "赛道", "表现", "的是", "的为", "为：", "是："};
  if (n.empty()) return false;
  int cps = 0;
  bool letter = false;
  for (size_t i = 0; i < n.size();) {
    size_t len = 1;
    char32_t c = scan::fold(decode(n, i, &len));
    bool ok = scan::is_name_char(c) || c == U'*' || c == U'-' || c == U'·';
    if (!ok) return false;
    if (c == U'-') {  // -W, -U, -SW: a short Latin suffix that does not count toward the length
      std::string_view suffix = n.substr(i + len);
      if (suffix.empty() || suffix.size() > 3) return false;
      for (char sc : suffix)
        if (!((sc >= 'A' && sc <= 'Z') || (sc >= 'a' && sc <= 'z'))) return false;
      break;
    }
    if (!(c >= U'0' && c <= U'9') && c != U'*') letter = true;
    i += len;
    ++cps;
  }
  // Security names are short (A shares at most 4 letters, Hong Kong names a few more); a longer
  // run is a phrase that swallowed a name (受益于算力政策的中科曙光).
  if (cps < 2 || cps > 8 || !letter) return false;
  for (std::string_view b : kBad)
    if (contains(n, b) && !(b == "公司" && is_company_named_gongsi(n, cps))) return false;
  // 小盘股, 科技股, 权重股 are groups; 股份 and 控股 are company names.
  if (scan::ends_at(n, n.size(), "股") && !scan::ends_at(n, n.size(), "控股")) return false;
  return !is_industry_name(n);
}

/// Sign of a change written in an aside: explicit sign, else 涨/跌 inside, else the list's.
double signed_change(const scan::Number& num, std::string_view context, Dir dir) {
  if (num.has_sign) return num.value;
  if (contains(context, "跌")) return -num.value;
  if (contains(context, "涨")) return num.value;
  return dir == Dir::kDown ? -num.value : num.value;
}

/// Reads code and change from the text after a name: （688521.SH，+38.12%）, (+38.12%), +38.12%.
void read_details(std::string_view t, Dir dir, Mover& m) {
  size_t i = 0;
  while (i < t.size()) {
    size_t len = 1;
    char32_t c = scan::fold(decode(t, i, &len));
    bool starts = scan::is_digit_at(t, i) || c == U'+' || c == U'-' || c == U'−' ||
                  ((c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z'));
    if (!starts) {
      i += len;
      continue;
    }
    // A run of code letters: digits, letters and a dot (688521.SH, SZ300223, 0700.HK).
    size_t j = i;
    while (j < t.size()) {
      size_t l2 = 1;
      char32_t d = scan::fold(decode(t, j, &l2));
      if (!((d >= U'0' && d <= U'9') || (d >= U'A' && d <= U'Z') || (d >= U'a' && d <= U'z') || d == U'.'))
        break;
      j += l2;
    }
    if (j > i && !m.code) {
      if (auto code = normalize_code(t.substr(i, j - i))) {
        m.code = *code;
        i = j;
        continue;
      }
    }
    if (auto num = scan::read_number(t, i)) {
      if (num->unit == scan::Unit::kPercent && !m.change_pct) m.change_pct = signed_change(*num, t, dir);
      i = num->end > i ? num->end : i + len;
      continue;
    }
    i = j > i ? j : i + len;
  }
}

/// One list item: a name and what follows it. Returns nullopt when it is no stock name.
std::optional<Mover> read_item(std::string_view item, Dir dir) {
  item = scan::trim(item);
  // Quotes and list trailers: “芯原股份”, 博济医药等.
  for (std::string_view q : {"“", "”", "\"", "'", "《", "》", "「", "」"}) {
    if (at(item, 0, q)) item.remove_prefix(q.size());
    if (scan::ends_at(item, item.size(), q)) item.remove_suffix(q.size());
  }
  for (std::string_view t : {"等个股", "等公司", "等股票", "等标的", "等"})
    if (scan::ends_at(item, item.size(), t) && item.size() > t.size()) {
      item.remove_suffix(t.size());
      break;
    }
  // The name ends where an aside, a sign or a digit begins.
  size_t end = 0;
  while (end < item.size()) {
    if (scan::is_open_bracket(item, end) || scan::is_digit_at(item, end)) break;
    size_t len = 1;
    char32_t c = decode(item, end, &len);
    if (c == U'+' || c == U'＋' || c == U'−' || c == U'－' || c == U' ' || c == 0x3000) break;
    // '-' opens a suffix (经纬恒润-W) unless a digit follows (a negative change).
    if (c == U'-' && scan::is_digit_at(item, end + 1)) break;
    end += len;
  }
  std::string_view name = scan::trim(item.substr(0, end));
  if (!is_stock_name(name)) return std::nullopt;
  Mover m;
  m.name = std::string(name);
  m.direction = dir == Dir::kUp ? "up" : "down";
  read_details(item.substr(end), dir, m);
  return m;
}

/// Calls f for each item of a list separated by 、，, and, within an item, by 和/及/与/以及
/// when both sides are names on their own (润和软件 stays whole; 浙江世宝和金固股份 splits).
template <class F>
void for_each_item(std::string_view text, F&& f) {
  scan::split(text, kItemSeps, [&](std::string_view item) {
    for (std::string_view j : {"以及", "和", "及", "与"}) {
      size_t p = item.find(j);
      while (p != std::string_view::npos) {
        std::string_view a = scan::trim(item.substr(0, p));
        std::string_view b = scan::trim(item.substr(p + j.size()));
        size_t a_end = 0;
        while (a_end < a.size() && !scan::is_open_bracket(a, a_end)) a_end += scan::u8len(static_cast<unsigned char>(a[a_end]));
        if (is_stock_name(a.substr(0, a_end)) && read_item(b, Dir::kUp)) {
          f(a);
          f(b);
          return;
        }
        p = item.find(j, p + j.size());
      }
    }
    f(item);
  });
}

class MoverReader {
 public:
  explicit MoverReader(std::vector<Mover>& out) : out_(out) {}

  /// One sentence up to 。！？ or a line end; ；-separated parts share the scope.
  void sentence(std::string_view s) {
    industry_scope_ = false;
    scan::split(s, U"；;", [&](std::string_view part) { this->part(part); });
  }

 private:
  void part(std::string_view s) {
    size_t clause_start = 0;
    for (size_t i = 0; i < s.size();) {
      if (size_t past = scan::skip_bracket(s, i)) {
        i = past;
        continue;
      }
      size_t len = 1;
      char32_t c = decode(s, i, &len);
      if (c == U'，' || c == U',' || c == U'：' || c == U':') {
        clause_start = i + len;
        i += len;
        continue;
      }
      if (c == U'行' && at(s, i, "行业")) industry_scope_ = true;
      if (!scan::match_any(s, i, kStockEntities).empty()) industry_scope_ = false;
      if (at(s, i, "涨跌")) {  // 涨跌幅 ranks nothing
        i += 6;
        continue;
      }
      if (size_t e = rank_phrase(s, i, clause_start)) {
        i = e;
        continue;
      }
      i += len;
    }
  }

  /// Reads a rank phrase at s[i]; returns the byte after everything it consumed, or 0.
  size_t rank_phrase(std::string_view s, size_t i, size_t clause_start) {
    const DirWord* dw = nullptr;
    for (const DirWord& w : kDirWords)
      if (at(s, i, w.text)) {
        dw = &w;
        break;
      }
    if (!dw) return 0;
    size_t p = i + dw->text.size();
    std::string_view rank = scan::match_any(s, p, kRankWords);
    if (rank.empty() && !dw->alone) return 0;
    p += rank.size();
    if (rank == "前" || rank == "TOP" || rank == "Top" || rank == "top" || rank == "排名前" || rank == "排行前" ||
        rank == "榜前" || rank == "榜单前") {
      // 前五 / 前10 / TOP5, then 名/位/只/家.
      size_t q = p;
      while (q < s.size()) {
        size_t len = 1;
        char32_t c = decode(s, q, &len);
        if (!(scan::is_digit_at(s, q) || std::u32string_view(U"一二三四五六七八九十两 ").find(c) !=
                                              std::u32string_view::npos))
          break;
        q += len;
      }
      if (q == p) return 0;  // 前 alone is no rank
      p = q;
      for (std::string_view u : {"名", "位", "只", "家", "大"})
        if (at(s, p, u)) {
          p += u.size();
          break;
        }
    }
    size_t after_rank = p;
    // …的个股为： / …个股有 / …为 / …者为
    size_t q = p;
    for (std::string_view t : {"的", "者"})
      if (at(s, q, t)) q += t.size();
    // …的三只个股 / 的5家公司: a count before the entity.
    for (size_t k = q; k < s.size();) {
      size_t len = 1;
      char32_t c = decode(s, k, &len);
      if (scan::is_digit_at(s, k) || std::u32string_view(U"一二三四五六七八九十两").find(c) != std::u32string_view::npos) {
        k += len;
        continue;
      }
      if (k > q && (c == U'只' || c == U'家' || c == U'个' || c == U'支' || c == U'名')) q = k + len;
      break;
    }
    bool stock_entity = false;
    if (auto e = scan::match_any(s, q, kOtherEntities); !e.empty()) return q + e.size();
    if (auto e = scan::match_any(s, q, kStockEntities); !e.empty()) {
      q += e.size();
      stock_entity = true;
    }
    if (at(s, q, "则")) q += 3;
    std::string_view intro = scan::match_any(s, q, kListIntros);
    Dir dir = dw->dir;
    if (!intro.empty()) {
      if (industry_scope_ && !stock_entity) return q + intro.size();
      return list_after(s, q + intro.size(), dir);
    }
    if (stock_entity) return q;  // 涨幅居前的个股多为…: no list
    // The list precedes the phrase, from the start of its clause.
    if (industry_scope_) return after_rank;
    list_before(s.substr(clause_start, i - clause_start), dir);
    // …涨幅居前，分别上涨20.1%、15.2%
    size_t t = after_rank;
    for (std::string_view sep : {"，", ",", " "})
      if (at(s, t, sep)) t += sep.size();
    if (at(s, t, "分别") || at(s, t, "依次")) {
      size_t e = t;
      while (e < s.size() && !at(s, e, "，") && s[e] != ',') e += scan::u8len(static_cast<unsigned char>(s[e]));
      fill_changes(s.substr(t, e - t), dir);
      return e;
    }
    return after_rank;
  }

  void list_before(std::string_view text, Dir dir) {
    text = strip_trailing(strip_leading(text));
    begin_ = out_.size();
    for_each_item(text, [&](std::string_view item) {
      if (auto m = read_item(item, dir)) add(std::move(*m));
    });
  }

  /// Reads items from s[p] on; stops at the first that is not a stock. A trailing
  /// "分别上涨a%、b%" fills the changes in order. Returns where reading stopped.
  size_t list_after(std::string_view s, size_t p, Dir dir) {
    std::string_view rest = s.substr(p);
    // A list written with 、 ends at the first comma: what follows (，均为AI标的 / ，分别上涨…)
    // is about the list, not part of it.
    size_t comma = std::string_view::npos;
    bool dun_first = false;
    for (size_t i = 0; i < rest.size();) {
      if (size_t past = scan::skip_bracket(rest, i)) {
        i = past;
        continue;
      }
      if (at(rest, i, "、")) {
        dun_first = comma == std::string_view::npos;
        if (dun_first) break;
      }
      if (comma == std::string_view::npos && (at(rest, i, "，") || rest[i] == ',')) comma = i;
      if (comma != std::string_view::npos) break;
      i += scan::u8len(static_cast<unsigned char>(rest[i]));
    }
    if (dun_first) {
      for (size_t i = 0; i < rest.size();) {
        if (size_t past = scan::skip_bracket(rest, i)) {
          i = past;
          continue;
        }
        if (at(rest, i, "，") || rest[i] == ',') {
          std::string_view tail = scan::trim(rest.substr(i + (rest[i] == ',' ? 1 : 3)));
          rest = rest.substr(0, i);
          size_t end = p + rest.size();
          begin_ = out_.size();
          for_each_item(rest, [&](std::string_view item) {
            if (auto m = read_item(item, dir)) add(std::move(*m));
          });
          if (at(tail, 0, "分别") || at(tail, 0, "依次")) fill_changes(tail, dir);
          return end;
        }
        i += scan::u8len(static_cast<unsigned char>(rest[i]));
      }
    }
    begin_ = out_.size();
    size_t stop = s.size();
    bool done = false;
    for_each_item(rest, [&](std::string_view item) {
      if (done) return;
      auto m = read_item(item, dir);
      if (!m) {
        done = true;
        size_t off = static_cast<size_t>(item.data() - s.data());
        stop = off;
        std::string_view tail = scan::trim(s.substr(off));
        if (at(tail, 0, "分别") || at(tail, 0, "依次")) fill_changes(tail, dir);
        return;
      }
      add(std::move(*m));
    });
    return stop;
  }

  void fill_changes(std::string_view tail, Dir dir) {
    size_t k = begin_;
    for (size_t i = 0; i < tail.size() && k < out_.size();) {
      if (scan::is_digit_at(tail, i) || at(tail, i, "+") || at(tail, i, "-") || at(tail, i, "−") ||
          at(tail, i, "－")) {
        if (auto n = scan::read_number(tail, i); n && n->unit == scan::Unit::kPercent) {
          if (!out_[k].change_pct) out_[k].change_pct = signed_change(*n, tail.substr(0, i), dir);
          ++k;
          i = n->end;
          continue;
        }
      }
      size_t len = 1;
      decode(tail, i, &len);
      i += len;
    }
  }

  void add(Mover m) {
    for (const Mover& o : out_)
      if (o.name == m.name && o.direction == m.direction) return;
    out_.push_back(std::move(m));
  }

  std::vector<Mover>& out_;
  bool industry_scope_ = false;
  size_t begin_ = 0;
};

}  // namespace

void extract_movers(std::string_view text, std::vector<Mover>& out) {
  MoverReader reader(out);
  // Every rank phrase has 涨 or 跌: other paragraphs and sentences are not read.
  int line = 0;
  for (size_t start = 0; start < text.size();) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view para = text.substr(start, nl - start);
    start = nl + 1;
    ++line;
    const size_t before = out.size();
    auto relevant = [](std::string_view t) {
      return contains(t, "涨") || contains(t, "跌") || contains(t, "表现最");
    };
    if (!relevant(para)) continue;
    scan::split(para, U"。！？!?", [&](std::string_view s) {
      if (relevant(s)) reader.sentence(s);
    });
    for (size_t k = before; k < out.size(); ++k) out[k].line = line;  // the paragraph's line
  }
}

}  // namespace yanbao::market
