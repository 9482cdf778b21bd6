#include "extract/lists.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "extract/lists_sections.h"
#include "extract/lists_text.h"
#include "extract/picks_clause.h"
#include "extract/picks_rating.h"

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
//
// 6. Cues stand apart from their lists in real reports: "建议重点关注两机产业链：1）叶片：
//    【A】、【B】；2）…" (a distant colon, numbered sub-themes as themes), "建议关注X产业链。
//    1）…" (a theme cue whose labelled sub-lists follow), a cue line ending in ：/； whose list
//    runs on over the item lines after it, portfolios named by 组合 (成长&前瞻方向组合：…).
// 7. Precision first: a cue inside a word (汇金股份, 政策组合拳) is none; a list holding an
//    industry or product (半导体设备, 算力链) is a theme list; author lines (证券分析师：…),
//    lists of older reports (相关研究) and tables of contents are never lists.
//
// Files: lists_text (line cleaning), lists_stock (stock items), picks_cues (cue words),
// picks_clause (the clause grammar), picks_table (table rows), picks_rating (a note's own
// rating), lists_sections (headings, news/events/risks items). Every row records its line.

namespace yanbao {
namespace {

using namespace lists;

class ListExtractor {
 public:
  ListExtractor(const ExtractContext& ctx, Extraction& out) : ctx_(ctx), out_(out), sink_(out.picks) {}

  void run(std::string_view body) {
    size_t pos = 0;
    int lineno = 0;
    while (pos <= body.size()) {
      size_t nl = body.find('\n', pos);
      if (nl == std::string_view::npos) nl = body.size();
      feed_line(body.substr(pos, nl - pos), ++lineno);
      if (nl == body.size()) break;
      pos = nl + 1;
    }
    finish();
  }

  void run(const Document& doc) {
    std::string text;
    for (const Block& b : doc.blocks) {
      switch (b.kind) {
        case BlockKind::kHeading:
          text.assign(static_cast<size_t>(std::clamp(b.level, 1, 6)), '#').append(" ").append(b.text);
          break;
        case BlockKind::kItem:
          text.assign("- ").append(b.text);
          break;
        case BlockKind::kParagraph:
          text = b.text;
          break;
        case BlockKind::kTable:
          feed_table(b);
          continue;
      }
      feed_line(text, b.line);
    }
    finish();
  }

 private:
  /// One raw body line.
  void feed_line(std::string_view raw, int lineno) {
    line_ = lineno;
    sink_.set_line(lineno);
    CleanLine line = clean_line(raw);
    if (line.text.empty()) {
      if (after_table_) carry_ = PickCtx{};  // a blank line ends a table and the list it held
      after_table_ = false;
      return;
    }
    after_table_ = line.table;
    unbracket_label(line);
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
        handle(part, cur_, sec_ctx_);
      }
    } else {
      handle(line, cur_, sec_ctx_);
    }
  }

  /// A table block: its rows are pick rows when its caption ("表1：12月金股组合") or the
  /// picks heading above it says so. A table ends any inline list.
  void feed_table(const Block& b) {
    carry_ = PickCtx{};
    PickCtx ctx;
    if (!b.text.empty()) {
      line_ = b.line;
      sink_.set_line(b.line);
      CleanLine caption = clean_line(b.text);
      if (has_kind_word(caption.text)) scan_picks(caption.text, ctx, sink_);
      if (ctx.labels_only) ctx = PickCtx{};
    }
    if (!ctx.active && cur_ == Sec::Picks) ctx = sec_ctx_;
    if (!ctx.active) return;
    ctx.name_col = -1;
    std::string row;
    // Rows carry the table's line: an HTML table's rows all stand on one line.
    sink_.set_line(b.line);
    for (const auto& cells : b.table.rows) {
      row = "|";
      for (const auto& cell : cells) row.append(" ").append(cell).append(" |");
      table_row(row, ctx, sink_);
    }
  }

  /// "【重点推荐】A、B" / "【本周要闻】甲；乙": a leading 【label】 that names a section reads
  /// as "label：…" (a line of its own when nothing follows). 【沪电股份】2月18日… stays.
  static void unbracket_label(CleanLine& line) {
    static constexpr std::string_view kOpen = "【", kClose = "】";
    std::string_view t = line.text;
    if (!starts_with(t, kOpen)) return;
    size_t close = find_word(t, kClose);
    if (close == std::string_view::npos) return;
    std::string_view label = trim(t.substr(kOpen.size(), close - kOpen.size()));
    if (label.empty() || cp_count(label) > 12 || contains(label, kOpen)) return;
    if (classify_label(label) == Sec::Other) return;
    std::string_view rest = trim(t.substr(close + kClose.size()));
    if (size_t n = folded_char_len(rest, ':')) rest = trim(rest.substr(n));
    line.text = rest.empty() ? std::string(label) : std::string(label) + "：" + std::string(rest);
  }

  void finish() {
    if (rating_) {
      sink_.set_line(rating_line_);
      if (auto company = title_company(ctx_.title)) sink_.add(std::nullopt, *company, "rating", rating_);
    }
  }

  /// One cleaned line: a heading switches the current section (an inline one only for its
  /// own text); any other line belongs to the current section.
  void handle(const CleanLine& line, Sec& cur, PickCtx& sec_ctx) {
    if (is_toc_line(line.text)) return;  // a table of contents names sections, it holds none
    if (cur == Sec::Refs && !line.heading && !line.bold) {
      // A list of older reports runs until a known section or a real paragraph.
      Heading h = detect_heading(line, false, false);
      bool section = !line.bullet && h.found && h.sec != Sec::Other && h.sec != Sec::Refs;
      bool paragraph = cp_count(line.text) > 60 && !contains(line.text, "《");
      if (!section && !paragraph) return;
      cur = Sec::Other;
    }
    bool in_list = cur == Sec::News || cur == Sec::Events || cur == Sec::Mixed || cur == Sec::Risks ||
                   cur == Sec::Picks;
    if (in_list && cur != Sec::Picks && is_caption_line(line.text)) return;
    Heading h = detect_heading(line, in_list, cur == Sec::Picks);
    // "…建议重点关注以下环节：" then "1）叶片：A、B" lines: the cue line's list runs on over
    // the item lines right after it (which may read as inline "叶片：" headings).
    bool carried = carry_.active && !sec_ctx.active && (line.bullet || line.table || carry_fresh_) &&
                   (!h.found || (h.sec == Sec::Other && !h.rest.empty() && !line.heading));
    if (!carried) carry_ = PickCtx{};
    carry_fresh_ = false;
    if (!h.found) {
      PickCtx ctx = carried ? carry_ : sec_ctx;
      ctx.item_line = line.bullet;
      process(cur, line.text, ctx, line);
      if (line.table) (carried ? carry_ : sec_ctx).name_col = ctx.name_col;  // a header row names the columns
      carry_after(cur, ctx, line);
      return;
    }
    if (h.rest.empty()) {
      // A heading on its own line governs the following lines.
      cur = h.sec;
      sec_ctx = PickCtx{};
      if (cur == Sec::Picks) scan_picks(h.label, sec_ctx, sink_);
      // A heading's own words are no theme list ("关注要点"), unless they name directions
      // ("关注方向"): then only the labelled lists under it are stocks.
      if (sec_ctx.labels_only && !has_direction_word(h.label)) sec_ctx = PickCtx{};
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
      // "下周关注", "市场关注", "关注要点": things to watch, not a stock list — only coded or
      // labelled entries under it are stocks.
      if (cur == Sec::Picks && sec_ctx.kind == "watch" && is_watch_agenda(h.label)) sec_ctx.labels_only = true;
      return;
    }
    // An inline heading: its section is its own text. Picks and other text are scanned whole,
    // so that the label's kind word ("推荐标的：") is part of the clause; a '#' title is not.
    PickCtx ctx = carried ? carry_ : PickCtx{};
    ctx.item_line = line.bullet;
    bool scan_whole = h.sec == Sec::Picks || h.sec == Sec::Other;
    if (!(line.heading && h.sec == Sec::Other)) process(h.sec, scan_whole ? std::string_view(line.text) : h.rest, ctx, line);
    cur = Sec::Other;
    sec_ctx = PickCtx{};
    if (scan_whole && !line.heading) carry_after(cur, ctx, line);
  }

  /// After a line read as text: a list still open at its end ("…以下环节：", or "1）X：A、B；"
  /// wrapped before "2）Y：C") runs on over the item lines that follow.
  void carry_after(Sec cur, const PickCtx& ctx, const CleanLine& line) {
    if (cur != Sec::Other || !ctx.active) return;
    std::string_view t = trim(line.text);
    bool colon = ends_with(t, ":") || ends_with(t, "：");
    bool semicolon = ends_with(t, ";") || ends_with(t, "；");
    if (!colon && !semicolon) return;
    carry_ = ctx;
    carry_fresh_ = colon;
  }

  void process(Sec sec, std::string_view text, PickCtx& ctx, const CleanLine& line) {
    switch (sec) {
      case Sec::News:
        for (auto item : list_items(text)) out_.news.push_back(NewsItem{std::string(item), line_});
        break;
      case Sec::Risks:
        for (auto item : list_items(text)) out_.risks.push_back(Risk{std::string(item), line_});
        break;
      case Sec::Events:
        for (auto item : event_items(text)) add_event(item);
        break;
      case Sec::Mixed:
        for (auto item : event_items(text)) {
          size_t i = 0;
          int y, m, d;
          if (read_month_day(item, i, y, m, d)) add_event(item);
          else out_.news.push_back(NewsItem{std::string(item), line_});
        }
        break;
      case Sec::Ignore:
      case Sec::Refs:
        break;
      case Sec::Picks:
      case Sec::Other:
        if (line.table) {
          if (ctx.active) table_row(text, ctx, sink_);
          break;
        }
        scan_picks(text, ctx, sink_);
        if (!rating_ && (rating_ = find_rating(text))) rating_line_ = line_;
        break;
    }
  }

  void add_event(std::string_view item) {
    size_t before = out_.events.size();
    parse_event(item, ctx_, out_.events);
    for (size_t k = before; k < out_.events.size(); ++k) out_.events[k].line = line_;
  }

  const ExtractContext& ctx_;
  Extraction& out_;
  PickSink sink_;
  std::optional<std::string> rating_;
  PickCtx carry_;             ///< a cue line's list, carried to the item lines after it
  bool carry_fresh_ = false; ///< the next line is the first after the cue line
  bool after_table_ = false; ///< the last line read was a table row
  Sec cur_ = Sec::Other;     ///< the section being read
  PickCtx sec_ctx_;          ///< what a picks heading says about the lines under it
  int line_ = 0;         ///< 1-based body line being read
  int rating_line_ = 0;  ///< the line the note's rating was read from
};

}  // namespace

void extract_lists(std::string_view body, const ExtractContext& ctx, Extraction& out) {
  ListExtractor(ctx, out).run(body);
}

void extract_lists(const Document& doc, const ExtractContext& ctx, Extraction& out) {
  ListExtractor(ctx, out).run(doc);
}

}  // namespace yanbao
