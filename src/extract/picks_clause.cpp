#include "extract/picks_clause.h"

#include "extract/codes.h"

namespace yanbao::lists {

namespace {

bool is_segment_sep(char32_t c) { return c == U';' || c == U'。'; }

/// Words between a kind word and its list: 重点推荐[主题和个股]：, 受益标的[包括], 推荐[个股]为.
constexpr std::string_view kDecorations[] = {
    "主题和个股", "主题及个股", "个股", "标的", "公司", "组合", "股票", "名单", "池", "包括", "如下", "主要有",
    "分别为", "分别是", "关注", "例如", "比如", "为", "是", "的"};

}  // namespace

void PickSink::add(const std::optional<std::string>& theme, const Stock& s, std::string_view kind,
                   std::optional<std::string> rating) {
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
  out_.push_back(Pick{theme, s.name, s.code, std::string(kind), std::move(rating), line_});
}

namespace {

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
  } else if (ctx.labels_only) {
    // Under a cue naming directions, an unlabelled entry counts only with its code.
    auto items = parse_items(list, true, false);
    for (const auto& it : items)
      if (it.kind != Item::kStock || !it.stock.code) return;
    emit_items(items, theme, ctx.kind, sink);
    return;
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

/// The inside of "【A、B、C】" when one bracket holds a whole list (at least two entries).
std::optional<std::string_view> bracketed_list(std::string_view s) {
  static constexpr std::string_view kOpen = "【", kClose = "】";
  int depth = 0;
  for (size_t i = 0; i < s.size();) {
    if (starts_with(s.substr(i), kOpen)) ++depth;
    else if (starts_with(s.substr(i), kClose) && --depth == 0) {
      std::string_view inner = s.substr(kOpen.size(), i - kOpen.size());
      if (split_top(inner, is_name_sep).size() < 2) return std::nullopt;
      return inner;
    }
    i += decode_at(s, i).len;
  }
  return std::nullopt;
}

/// A portfolio's own name from the words before 组合: 成长&前瞻方向组合, 重点长期组合,
/// 核心组合 (本月/1月 dropped); nullopt for a bare 组合.
std::optional<std::string> portfolio_name(std::string_view prefix) {
  std::string_view s = strip_time_prefix(trim(prefix));
  for (std::string_view lead : {"我们的", "我们", "本期", "最新", "当前", "的"})
    if (starts_with(s, lead)) s = trim(s.substr(lead.size()));
  if (s.empty() || cp_count(s) > 14) return std::nullopt;
  for (size_t i = 0; i < s.size();) {
    auto c = decode_at(s, i);
    char32_t f = fold(c.cp);
    if (f == U',' || f == U'。' || f == U';' || f == U':' || f == U'(' || f == U')' || f == U'、') return std::nullopt;
    i += c.len;
  }
  return std::string(s) + "组合";
}

/// Words that make a cue's object a set of directions (以下方向, 细分环节), not of stocks.
constexpr std::string_view kDirectionWords[] = {"方向", "环节", "领域", "赛道", "主线", "细分", "机会", "板块"};

/// Intros that say "the following stocks" rather than name a theme.
constexpr std::string_view kGenericIntro[] = {"以下", "如下", "标的", "个股", "公司", "股票", "环节", "方向", "机会"};

/// Whether a numbered label before a cue ("1）AI应用：受益标的…") names a sub-theme, not a
/// section (投资建议：, 核心观点：).
bool is_sub_theme(std::string_view label) {
  static constexpr std::string_view kSectionWords[] = {"建议", "观点", "投资", "评级", "预测", "要点", "摘要",
                                                       "策略", "展望", "结论", "总结", "事件", "点评", "风险"};
  if (label.empty() || cp_count(label) > 12 || any_of_words(label, kSectionWords)) return false;
  Item head = parse_item(label, false, false);
  return !(head.kind == Item::kStock && head.stock.code);
}

/// Whether the rest of a cue clause is a short theme ("燃机产业链") under which numbered
/// sub-lists may follow in the same paragraph.
bool is_pending_theme(std::string_view rest) {
  rest = trim_trailing_punct(trim(rest));
  if (rest.empty() || cp_count(rest) > 16) return false;
  for (size_t i = 0; i < rest.size();) {
    auto c = decode_at(rest, i);
    char32_t f = fold(c.cp);
    if (f == U',' || f == U':' || f == U'、' || f == U'(' || (f >= U'0' && f <= U'9')) return false;
    i += c.len;
  }
  return true;
}

}  // namespace

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
        const KindWord* k = kind_word_at(text.substr(i, se - i));
        if (k && cue_ok(text, i, k)) {
          // Adjacent kind words name one list: 金股推荐, 重点推荐关注 (or 金股 推荐, split by a
          // PDF blank) — the first decides.
          if (!hits.empty() && trim(text.substr(hits.back().end, i - hits.back().end)).empty() &&
              i >= hits.back().end)
            hits.back().end = i + k->word.size();
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
        // "核心组合【A、B、C】": the list inside one bracket right after the cue.
        if (starts_with(rest, "【")) {
          if (auto inner = bracketed_list(rest)) {
            rest = *inner;
            strong = colon = true;
            changed = true;
          }
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
      // the list after 如/例如/包括 or a colon. "建议重点关注两机产业链：1）…" — a cue a few
      // words before its colon (distant): the list must then be all stocks.
      bool distant = false;
      std::optional<std::string> intro_theme;
      std::string_view distant_intro;
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
              // "高股息标的：A、B" names its theme; "业绩确定性强的标的，如" and "以下龙头公司："
              // do not.
              std::string_view name = trim(intro);
              for (std::string_view tail : {"标的", "个股"})
                if (ends_with(name, tail)) name.remove_suffix(tail.size());
              if (name.size() < trim(intro).size() && !contains(name, "的") &&
                  !any_of_words(name, kGenericIntro))
                intro_theme = clean_theme(name);
            } else if (f == U':' && cp_count(intro) <= 20) {
              rest = after;
              colon = distant = true;
              // "（1）AI算力：A、B" — an enumerated intro is the first sub-theme.
              distant_intro = strip_enumeration(trim(intro));
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
      } else if (hit.word->word == "组合") {
        theme = portfolio_name(prefix);  // the list's own name: 成长&前瞻方向组合, 核心组合
      } else if (std::string_view words = text.substr(hit.start, hit.end - hit.start);
                 ends_with(words, "组合") && hit.word->word != "推荐") {
        // 重点推荐组合, 核心推荐组合: a named portfolio too (a bare 推荐组合 names nothing).
        words.remove_suffix(std::string_view("组合").size());
        theme = portfolio_name(std::string(trim(prefix)) + std::string(words));
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
          char32_t delim = fold(decode_at(text, k).cp);
          if (grouping && delim == U',') theme = clean_theme(prev);
          // "1）AI应用：受益标的A、B" — a numbered sub-theme labels the list after it.
          int number = 0;
          std::string_view label = strip_enumeration(prev, &number);
          // The number itself marks the label, wherever the clause starts ("投资建议：1）X：…").
          if (!theme && delim == U':' && (number > 0 || (ps == sb && ctx.item_line)) && is_sub_theme(label))
            theme = clean_theme(label);
        }
      }
      if (!theme && distant && !any_of_words(distant_intro, kGenericIntro)) theme = clean_theme(distant_intro);
      if (!theme && intro_theme) theme = intro_theme;
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
      // A list holding an industry or product (半导体设备, 算力链) is one of themes: only the
      // entries printed with a code are stocks.
      bool themes = false;
      for (const auto& it : items) themes = themes || (it.kind == Item::kStock && !it.stock.code && is_industry_word(it.stock.name));
      if (themes) {
        for (auto& it : items)
          if (it.kind != Item::kInvalid && !(it.kind == Item::kStock && it.stock.code)) {
            it.kind = Item::kInvalid;
            --valid;
            ++invalid;
          }
      }
      bool accept;
      if (distant) accept = invalid == 0 && (valid >= 2 || coded > 0 || heading_ctx);
      // Without a code, a stated list must be all stocks: in "建议关注：华为产业链、鸿蒙生态"
      // the one name-like entry is a theme like the other.
      else if (coded > 0) accept = valid > 0;
      else if (colon || heading_ctx) accept = valid > 0 && invalid == 0;
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
        // "建议关注以下方向：" — what follows are themes: only their labelled lists are stocks.
        ctx.labels_only = distant && any_of_words(distant_intro, kDirectionWords);
      } else if (!colon && h + 1 == hits.size() && is_pending_theme(rest)) {
        // "建议关注燃机产业链。1）叶片：A、B；2）…" — the cue names a theme and its
        // numbered sub-lists follow: only labelled lists of stocks continue it.
        ctx.active = true;
        ctx.kind = std::string(kind);
        // "燃机产业链" names a theme; "方向及标的", "以下环节" do not.
        ctx.theme = any_of_words(rest, kDirectionWords) || any_of_words(rest, kGenericIntro) ? std::nullopt
                                                                                              : clean_theme(rest);
        ctx.list_open = false;
        ctx.labels_only = true;
      }
    }
  }
}

}  // namespace yanbao::lists
