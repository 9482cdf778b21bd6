#include "extract/market.h"

#include <cmath>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "extract/dates.h"
#include "extract/market_dates.h"
#include "extract/market_movers.h"
#include "extract/market_clauses.h"
#include "extract/market_names.h"
#include "extract/market_words.h"
#include "extract/scan.h"

// How index moves are read. Reports phrase moves in endless ways, so instead of one pattern per
// sentence a paragraph is cut into sentences (。；!?) and clauses (，：) and each clause is lexed
// left to right into a few kinds of token: index names (market_names), period phrases (本周,
// 年初至今, 2024年以来, 本月 …), cue words (上涨/下跌/持平, 收于/报, 跑赢 …) and numbers with
// units (scan::read_number). A small state machine turns them into rows:
//  - a name becomes the subject; names joined by 、/和 form a group for 分别/均;
//  - a percent after a move cue (or with an explicit sign) is the subject's change, a number
//    of 点 after a level cue (or none) its close;
//  - the period in force when the change is read is the row's: the paragraph's default (a
//    weekly report, a review heading or label), then whatever period phrase came last in the
//    sentence; 周涨/周跌幅 force the week for their own move;
//  - a clause without a name continues the previous clause's subject only when it opens with
//    a move, level or period word (…收于3304点，上涨1.63%), so a clause about something else
//    (其中电子行业上涨5%) cannot lend its number to an index;
//  - after 跑赢/跑输/相对 or in a clause about turnover, valuation or stocks, numbers are not
//    moves; spreads (个百分点, pct, bp) never are.

namespace yanbao {
namespace {

using namespace market;  // the vocabulary (market_words.h) and the clause helpers
using scan::contains;

using scan::at;
using scan::decode;
using scan::ends_at;
using scan::Unit;

// ---------------------------------------------------------------------------------------------
// Index moves.

struct Draft {
  std::string name, raw, period;
  std::optional<double> close, change;
};

struct NameRef {
  std::string canon;
  std::string raw;
};

/// State of the index grammar while reading one paragraph.
class IndexReader {
 public:
  IndexReader(const ExtractContext& ctx, std::vector<IndexMove>& out) : ctx_(ctx), out_(out) {
    if (ctx.report_date.size() >= 10) ytd_ = "since:" + ctx.report_date.substr(0, 4) + "-01-01";
  }

  /// Reads one paragraph whose default period (from a heading, a label or the report kind)
  /// is default_period ("week" or "").
  void paragraph(std::string_view para, std::string_view default_period) {
    default_period_ = default_period;
    drafts_.clear();
    subject_.reset();
    group_.clear();
    size_t start = 0;
    bool hard_stop = true;
    // Sentences end at 。；;！？!?; after ； the subject may carry on, after 。 it may not.
    scan::split(para, scan::kSentenceSeps, [&](std::string_view sentence) {
      size_t off = static_cast<size_t>(sentence.data() - para.data());
      if (off > start) {
        std::string_view sep = para.substr(start, off - start);
        hard_stop = !(contains(sep, "；") || contains(sep, ";"));
      }
      start = off + sentence.size();
      this->sentence(sentence, hard_stop);
    });
    flush();
  }

  /// Reads a markdown table of index moves: one index per row, a header naming a change
  /// column (涨跌幅, 周涨幅 …) and maybe a level column (收盘, 收盘点位 …). A change column's
  /// header picks its period (周涨跌幅 → week, 年初至今 → since the report year, 本月 → none),
  /// else default_period applies.
  void table(const std::vector<std::string_view>& lines, std::string_view default_period) {
    if (lines.size() < 2) return;
    std::vector<std::string_view> head, cells;
    split_cells(lines[0], head);
    struct Column {
      size_t index;
      std::string period;
      bool negative;  ///< a 跌幅 column lists falls unsigned
    };
    std::vector<Column> changes;
    std::optional<size_t> close_col;
    in_table_ = true;
    for (size_t j = 0; j < head.size(); ++j) {
      std::string_view h = head[j];
      if (contains(h, "收盘") || contains(h, "点位") || contains(h, "收于") || contains(h, "最新")) {
        if (!close_col) close_col = j;
        continue;
      }
      if (!(contains(h, "涨跌") || contains(h, "涨幅") || contains(h, "跌幅") || contains(h, "变动") ||
            contains(h, "回报")))
        continue;
      period_ = std::string(default_period);
      for (size_t i = 0; i < h.size();) {  // the same period words as in prose
        size_t e = 0;
        if (scan::is_digit_at(h, i)) e = date_phrase(h, i);
        if (!e) e = marker(h, i);
        i = e ? e : i + scan::u8len(static_cast<unsigned char>(h[i]));
      }
      if (contains(h, "周")) period_ = "week";
      changes.push_back({j, period_, contains(h, "跌幅") && !contains(h, "涨")});
    }
    in_table_ = false;
    if (changes.empty()) return;
    drafts_.clear();
    floor_ = 0;
    for (size_t r = 1; r < lines.size(); ++r) {
      split_cells(lines[r], cells);
      if (cells.empty() || cells[0].find("---") != std::string_view::npos) continue;
      std::optional<NameRef> name;
      for (std::string_view cell : cells) {
        hits_.clear();
        market::find_index_names(cell, hits_);
        if (hits_.size() == 1 && !hits_[0].benchmark && hits_[0].end - hits_[0].begin + 6 >= cell.size()) {
          std::string_view raw = cell.substr(hits_[0].begin, hits_[0].end - hits_[0].begin);
          name = NameRef{market::canonical_index_name(raw), std::string(raw)};
          break;
        }
      }
      if (!name) continue;
      bool first = true;
      for (const Column& col : changes) {
        if (col.index >= cells.size() || col.period.empty()) continue;
        auto n = cell_number(cells[col.index]);
        if (!n) continue;
        double v = n->has_sign || !col.negative ? n->value : -n->value;
        std::optional<double> close;
        if (first && close_col && *close_col < cells.size())
          if (auto c = cell_number(cells[*close_col]); c && c->unit != Unit::kPercent) close = c->value;
        drafts_.push_back({name->canon, name->raw, col.period, close, v});
        first = false;
      }
    }
    flush();
  }

  static void split_cells(std::string_view line, std::vector<std::string_view>& out) {
    out.clear();
    line = scan::trim(line);
    if (!line.empty() && line.front() == '|') line.remove_prefix(1);
    if (!line.empty() && line.back() == '|') line.remove_suffix(1);
    for (size_t start = 0; start <= line.size();) {
      size_t bar = line.find('|', start);
      if (bar == std::string_view::npos) bar = line.size();
      out.push_back(scan::trim(line.substr(start, bar - start)));
      start = bar + 1;
    }
  }

  /// The number a table cell holds ("+1.56%", "3,372.55", "-0.52"), or nullopt.
  static std::optional<scan::Number> cell_number(std::string_view cell) {
    cell = scan::trim(cell);
    if (cell.empty()) return std::nullopt;
    auto n = scan::read_number(cell, 0);
    if (!n || (n->unit != Unit::kPercent && n->unit != Unit::kNone && n->unit != Unit::kPoints)) return std::nullopt;
    return n;
  }

 private:
  void sentence(std::string_view s, bool hard_stop) {
    period_ = std::string(default_period_);
    if (hard_stop) {
      subject_.reset();
      group_.clear();
    }
    scan::split(s, scan::kClauseSeps, [&](std::string_view clause) { this->clause(clause); });
  }

  static bool opener(std::string_view clause) {
    clause = scan::trim(clause);
    if (scan::is_digit_at(clause, 0)) {
      // 2024年以来… and a level or a percent (上证综指：3304点，+1.63%) continue the subject.
      if (auto d = market::read_date(clause, 0, false))
        return at(clause, d->end, "以来") || at(clause, d->end, "初以来") || at(clause, d->end, "至今");
      auto n = scan::read_number(clause, 0);
      return n && (n->unit == Unit::kPoints || n->unit == Unit::kPercent);
    }
    if (!scan::match_any(clause, 0, kOpeners).empty()) return true;
    // Any move or level word, or a week or year-to-date phrase, continues the subject too.
    if (int k = marker_table().match(clause, 0); k >= 0 && marker_kind(k) != Mark::kOther) return true;
    int k = cue_table().match(clause, 0);
    return k >= 0 && kCues[k].cue != Cue::kPoison && kCues[k].cue != Cue::kOther;
  }

  void clause(std::string_view c) {
    hits_.clear();
    market::find_index_names(c, hits_);
    if (!opener(c)) {
      subject_.reset();
      group_.clear();
    }
    last_cue_ = Cue::kNone;
    cue_end_ = 0;
    week_override_ = false;
    fenbie_ = jun_ = false;
    k_change_ = k_close_ = 0;
    bench_ = poison_ = false;
    flat_pending_ = false;
    group_open_ = false;
    lex(c, false);
    if (flat_pending_)
      for_targets([&](const NameRef& n) { set_change(n, 0.0); });
  }

  /// Reads a clause (or, when in_aside, a bracketed aside of one) left to right.
  void lex(std::string_view c, bool in_aside) {
    size_t h = in_aside ? hits_.size() : 0;
    for (size_t i = 0; i < c.size();) {
      if (h < hits_.size() && hits_[h].begin <= i) {
        if (hits_[h].begin == i) {
          name(c.substr(hits_[h].begin, hits_[h].end - hits_[h].begin), hits_[h].benchmark);
          i = hits_[h].end;
        }
        ++h;
        continue;
      }
      if (size_t past = scan::skip_bracket(c, i)) {
        if (!in_aside) aside(c.substr(i, past - i));
        i = past;
        continue;
      }
      size_t len = 1;
      char32_t cp = decode(c, i, &len);
      if (scan::is_digit_at(c, i) && !(i > 0 && scan::is_digit_at(c, scan::prev(c, i)))) {
        if (size_t e = date_phrase(c, i)) {
          i = e;
          continue;
        }
      }
      if (cp == U'+' || cp == U'-' || cp == U'−' || cp == U'－' || cp == U'＋' || scan::is_digit_at(c, i)) {
        if (auto n = scan::read_number(c, i)) {
          number(c, *n);
          i = n->end;
          group_open_ = false;
          continue;
        }
      }
      if (cp >= 0x80) {
        if (size_t e = marker(c, i)) {
          i = e;
          continue;
        }
        if (size_t e = cue(c, i)) {
          i = e;
          group_open_ = false;
          continue;
        }
        if (at(c, i, "分别") || at(c, i, "依次")) {
          fenbie_ = true;
          group_open_ = false;
          i += 6;
          continue;
        }
      } else if (cp == U'P' || cp == U'Y' || cp == U'y') {
        if (size_t e = marker(c, i)) {
          i = e;
          continue;
        }
        if (size_t e = cue(c, i)) {
          i = e;
          continue;
        }
      }
      if (cp == U'均' || cp == U'都' || cp == U'齐') jun_ = true;
      if (kJoiners.find(cp) == std::u32string_view::npos && cp != U'、') group_open_ = false;
      i += len;
    }
  }

  void name(std::string_view raw, bool benchmark) {
    if (benchmark) {
      bench_ = true;
      group_open_ = false;
      return;
    }
    NameRef ref{market::canonical_index_name(raw), std::string(raw)};
    if (!group_open_) {
      group_.clear();
      floor_ = drafts_.size();
    }
    group_.push_back(ref);
    subject_ = std::move(ref);
    group_open_ = true;
    last_cue_ = Cue::kNone;
    week_override_ = false;
    fenbie_ = jun_ = false;
    k_change_ = k_close_ = 0;
    bench_ = poison_ = false;
  }

  /// A bracketed aside after a subject may carry its move or level: 上证综指（+1.2%）,
  /// （涨1.2%）, （收盘3,950.12点）. What it says about periods, cues and quantities stays inside.
  void aside(std::string_view a) {
    if (!subject_ || bench_ || poison_ || a.size() < 2) return;
    size_t open = scan::u8len(static_cast<unsigned char>(a[0]));
    size_t close = scan::prev(a, a.size());
    std::string saved_period = period_;
    Cue saved_cue = last_cue_;
    size_t saved_cue_end = cue_end_;
    bool saved_week = week_override_;
    last_cue_ = Cue::kNone;
    in_aside_ = true;
    lex(a.substr(open, close - open), true);
    in_aside_ = false;
    period_ = std::move(saved_period);
    last_cue_ = saved_cue;
    cue_end_ = saved_cue_end;
    week_override_ = saved_week;
    bench_ = poison_ = false;
  }

  /// A date at c[i]: a range sets the week, a since-date sets since:, another date or month
  /// or year sets no period. Returns the end of what it read, or 0.
  size_t date_phrase(std::string_view c, size_t i) {
    if (auto r = market::read_date_range(c, i, ctx_.report_date, false)) {
      period_ = "week";
      return r->end_pos;
    }
    auto d = market::read_date(c, i, false);
    if (!d) return 0;
    size_t e = d->end;
    bool since = false;
    for (std::string_view t : {"初以来", "初至今", "以来", "至今", "迄今"})
      if (at(c, e, t)) {
        e += t.size();
        since = true;
        break;
      }
    if (since) {
      int y = d->y;
      int m = d->m < 0 ? 1 : d->m;
      int day = d->d < 0 ? 1 : d->d;
      std::optional<std::string> date;
      if (y >= 0) date = format_date(y, m, day);
      else if (d->m >= 0) date = resolve_month_day(m, day, ctx_.report_date);
      period_ = date ? "since:" + *date : std::string();
      return e;
    }
    // 截至2月7日 is an as-of date, not a different period.
    if (ends_at(c, i, "截至") || ends_at(c, i, "截止") || ends_at(c, i, "截至到")) return e;
    // A month on its own, the report's or the one before (7月上证指数上涨…): the month's move.
    period_ = d->d < 0 && d->m >= 0 && recent_month(d->y, d->m) ? "month" : "";
    return e;
  }

  /// Whether month m (of year y, or of an unstated year) is the report's month or the one
  /// before it.
  bool recent_month(int y, int m) const {
    const std::string& rd = ctx_.report_date;
    if (rd.size() < 7) return false;
    const int ry = std::stoi(rd.substr(0, 4)), rm = std::stoi(rd.substr(5, 2));
    const int py = rm == 1 ? ry - 1 : ry, pm = rm == 1 ? 12 : rm - 1;
    return (m == rm && (y < 0 || y == ry)) || (m == pm && (y < 0 || y == py));
  }

  size_t marker(std::string_view c, size_t i) {
    int k = marker_table().match(c, i);
    if (k < 0) return 0;
    switch (marker_kind(k)) {
      case Mark::kYtd: period_ = ytd_; break;
      case Mark::kWeek:
        // 较上周 compares with last week; it does not set the period.
        if (scan::ends_any(c, i, kComparatives).empty()) {
          period_ = "week";
          // Once a paragraph speaks of this week, its later sentences do too (下同).
          if (!in_table_) default_period_ = "week";
        }
        break;
      case Mark::kOther: period_.clear(); break;
    }
    return i + marker_table().word(k).size();
  }

  size_t cue(std::string_view c, size_t i) {
    int k = cue_table().match(c, i);
    if (k < 0) return 0;
    const CueWord& w = kCues[k];
    switch (w.cue) {
      case Cue::kPoison: poison_ = true; break;
      case Cue::kFlat: flat_pending_ = true; [[fallthrough]];
      default:
        last_cue_ = w.cue;
        if (w.week) week_override_ = true;
    }
    cue_end_ = i + w.text.size();
    return cue_end_;
  }

  void number(std::string_view c, const scan::Number& n) {
    if (bench_ || poison_ || !subject_) return;
    if (n.unit == Unit::kPercent) {
      double v = n.value;
      if (!n.has_sign) {
        switch (last_cue_) {
          case Cue::kUp:
          case Cue::kNeutral:
          case Cue::kFlat: break;
          case Cue::kDown: v = -v; break;
          default: return;
        }
      }
      flat_pending_ = false;
      for_targets([&](const NameRef& r) { set_change(r, v); });
      return;
    }
    bool close = false;
    if (n.unit == Unit::kPoints)
      close = last_cue_ == Cue::kNone || last_cue_ == Cue::kClose;
    else if (n.unit == Unit::kNone && last_cue_ == Cue::kClose && std::fabs(n.value) >= 100) {
      size_t k = cue_end_;
      while (k < c.size() && c[k] == ' ') ++k;
      close = k == n.begin;
    }
    if (close && !n.has_sign) for_targets([&](const NameRef& r) { set_close(r, n.value); }, true);
  }

  /// Calls f for the names a value belongs to: the next of a 分别 list, every name of a 均
  /// list, else the subject.
  template <class F>
  void for_targets(F&& f, bool close = false) {
    if (group_.size() > 1 && fenbie_) {
      size_t& k = close ? k_close_ : k_change_;
      if (k < group_.size()) f(group_[k++]);
      return;
    }
    if (group_.size() > 1 && jun_) {
      for (const NameRef& r : group_) f(r);
      return;
    }
    if (subject_) f(*subject_);
  }

  std::string current_period() const { return week_override_ ? std::string("week") : period_; }

  void set_change(const NameRef& r, double v) {
    std::string p = current_period();
    // An aside restates or qualifies a move already given (前值-0.5%): it adds none.
    if (in_aside_)
      for (size_t k = floor_; k < drafts_.size(); ++k)
        if (drafts_[k].name == r.canon && drafts_[k].change && drafts_[k].period == p) return;
    for (size_t k = floor_; k < drafts_.size(); ++k) {
      Draft& d = drafts_[k];
      if (d.name == r.canon && !d.change) {
        d.change = v;
        d.period = p;
        return;
      }
    }
    drafts_.push_back({r.canon, r.raw, p, std::nullopt, v});
  }

  void set_close(const NameRef& r, double v) {
    for (size_t k = drafts_.size(); k-- > floor_;) {
      Draft& d = drafts_[k];
      if (d.name == r.canon) {
        if (!d.close) d.close = v;
        return;
      }
    }
    drafts_.push_back({r.canon, r.raw, current_period(), v, std::nullopt});
  }

  void flush() {
    for (Draft& d : drafts_) {
      if (!d.change || d.period.empty()) continue;
      bool dup = false;
      for (IndexMove& m : out_)
        if (m.name == d.name && m.period == d.period && m.change_pct &&
            std::fabs(*m.change_pct - *d.change) < 1e-9) {
          if (!m.close) m.close = d.close;
          dup = true;
        }
      if (dup) continue;
      // An industry's index (申万电子, 机械设备（申万）) is a sector move, not a market index.
      if (auto sector = sector_of(d.raw, d.name)) {
        if (sectors_) sectors_->push_back({sector->first, sector->second, d.period, *d.change, line_});
        continue;
      }
      out_.push_back({std::move(d.name), std::move(d.raw), std::move(d.period), d.close, d.change, line_});
    }
    drafts_.clear();
    floor_ = 0;
  }

  const ExtractContext& ctx_;
  std::vector<IndexMove>& out_;

 public:
  std::vector<SectorMove>* sectors_ = nullptr;  ///< where industry moves go (none: dropped)
  int line_ = 0;                                ///< the body line of the paragraph being read

 private:
  std::string ytd_;
  std::string_view default_period_;
  std::string period_;
  std::vector<market::IndexHit> hits_;
  std::vector<Draft> drafts_;
  size_t floor_ = 0;
  std::optional<NameRef> subject_;
  std::vector<NameRef> group_;
  bool group_open_ = false;
  Cue last_cue_ = Cue::kNone;
  size_t cue_end_ = 0;
  bool week_override_ = false;
  bool fenbie_ = false, jun_ = false;
  size_t k_change_ = 0, k_close_ = 0;
  bool bench_ = false, poison_ = false, flat_pending_ = false;
  bool in_aside_ = false;
  bool in_table_ = false;
};

/// "市场表现：…" → true when the label before the first colon is a review label.
bool has_review_label(std::string_view para) {
  size_t colon = para.find("：");
  if (colon == std::string_view::npos) colon = para.find(':');
  if (colon == std::string_view::npos || colon > 60) return false;
  return contains_any(para.substr(0, colon), kReviewWords);
}

}  // namespace

void extract_market(std::string_view body, const ExtractContext& ctx, Extraction& out) {
  std::string text = scan::clean_markdown(body);
  std::string_view tv = text;

  // A morning digest covers a day; the week ranges in it belong to the weeklies it digests.
  const bool morning = contains_any(std::string_view(ctx.title), kMorningTitle);
  auto week = morning ? std::nullopt : market::find_report_week(tv, ctx.report_date);
  if (week) {
    out.period_start = week->start;
    out.period_end = week->end;
  }
  out.topic = find_topic(tv);

  // In a weekly report (by its title or a stated week) unmarked moves are the week's.
  bool weekly = week.has_value() || contains_any(std::string_view(ctx.title), kWeeklyTitle);
  // A monthly review's unmarked moves are the month's (7月行情回顾：…上证指数上涨3.74%).
  const bool monthly = !weekly && contains_any(std::string_view(ctx.title), kMonthlyTitle);
  const std::string_view review_period = monthly ? "month" : "week";
  if (monthly && !morning) {
    if (auto month = market::find_report_week(tv, ctx.report_date, true)) {
      out.period_start = month->start;
      out.period_end = month->end;
    }
  }
  IndexReader reader(ctx, out.indices);
  reader.sectors_ = &out.sectors;
  bool review_section = false;
  size_t start = 0;
  int line = 0;
  while (start < tv.size()) {
    size_t nl = tv.find('\n', start);
    if (nl == std::string_view::npos) nl = tv.size();
    std::string_view para = scan::trim(tv.substr(start, nl - start));
    start = nl + 1;
    reader.line_ = ++line;
    if (para.empty()) continue;
    if (at(para, 0, "# ")) {
      review_section = contains_any(para, kReviewWords);
      continue;
    }
    if (para.front() == '|') {  // a markdown table: gather its lines
      std::vector<std::string_view> lines{para};
      while (start < tv.size() && tv[start] == '|') {
        size_t e = tv.find('\n', start);
        if (e == std::string_view::npos) e = tv.size();
        lines.push_back(tv.substr(start, e - start));
        start = e + 1;
      }
      reader.table(lines, weekly || review_section ? review_period : "");
      continue;
    }
    // Only a percent or a flat move makes a row: skip the grammar for every other paragraph.
    if (!contains(para, "%") && !contains(para, "％") && !contains(para, "持平") && !contains(para, "收平") &&
        !contains(para, "平盘"))
      continue;
    bool week_para = weekly || review_section || has_review_label(para);
    reader.paragraph(open_index_asides(scheme_prefixed(para)), week_para ? review_period : "");
  }

  market::extract_movers(tv, out.movers);
}

}  // namespace yanbao
