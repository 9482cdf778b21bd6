#include "extract/ratings.h"

#include <algorithm>

#include "extract/codes.h"
#include "extract/rating_words.h"
#include "extract/scan.h"

namespace yanbao {
namespace {

using namespace rating_words;
using scan::contains;
using scan::decode;
using scan::fold;

using Line = scan::NumberedLine;

/// Whether a rating's object (维持恒立液压“买入”评级) is the stock in context: no object, or its name.
bool names(std::string_view object, const StockRef& stock) {
  if (object.empty()) return true;
  std::string base = base_name(stock.name);
  return starts_with(object, stock.name) || (!base.empty() && starts_with(object, base));
}

bool is_heading(std::string_view raw) {
  auto t = scan::trim(raw);
  return starts_with(t, "#") || starts_with(t, "【");
}

}  // namespace

std::optional<StockRef> leading_stock(std::string_view line) {
  std::string_view s = strip_markers(line);
  // Numbering "1.", "1.2 ", "（1）".
  size_t i = 0;
  while (i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.')) ++i;
  if (i > 0) s = scan::trim(s.substr(i));
  // 【海外TMT】 / 【电子：…】: inside the stamp when it holds the stock, else after it.
  if (starts_with(s, "【")) {
    size_t e = s.find("】");
    if (e == std::string_view::npos) return std::nullopt;
    std::string_view inner = s.substr(std::string_view("【").size(), e - std::string_view("【").size());
    size_t colon = std::min(inner.find("："), inner.find(':'));
    if (colon != std::string_view::npos) {
      std::string_view after_colon = inner.substr(colon + (inner[colon] == ':' ? 1 : std::string_view("：").size()));
      if (auto st = leading_stock(after_colon)) return st;
    }
    if (auto st = leading_stock(inner)) return st;
    s = scan::trim(s.substr(e + std::string_view("】").size()));
  }
  size_t j = 0;
  while (j < s.size()) {
    size_t len = 1;
    char32_t c = fold(decode(s, j, &len));
    if (!is_name_byte_char(c)) break;
    j += len;
  }
  std::string_view name = s.substr(0, j);
  if (cp_count(name) < 2 || cp_count(name) > 12) return std::nullopt;
  auto inner = leading_paren(s.substr(j));
  if (!inner) return std::nullopt;
  auto code = normalize_code(scan::trim(inner->first));
  if (!code) return std::nullopt;
  return StockRef{std::string(name), code};
}

std::optional<StockRef> title_stock(std::string_view title) {
  if (auto s = leading_stock(title)) return s;
  // NAME-CODE-…: the parts between dashes; a code part right after a name part.
  std::vector<std::string_view> parts;
  std::string_view t = scan::trim(title);
  for (size_t i = 0; i <= t.size();) {
    size_t e = t.find('-', i);
    if (e == std::string_view::npos) e = t.size();
    parts.push_back(scan::trim(t.substr(i, e - i)));
    i = e + 1;
  }
  for (size_t k = 1; k < parts.size() && k < 4; ++k) {
    std::string_view code_part = parts[k];
    if (code_part.size() < 5 || code_part.size() > 9) continue;
    auto code = normalize_code(code_part);
    if (!code) continue;
    std::string_view name = parts[k - 1];
    size_t n = cp_count(name);
    if (n < 2 || n > 10 || ends_with(name, "证券") || !scan::is_cjk(decode(name, 0))) continue;
    bool ok = true;
    for (size_t i = 0; i < name.size();) {
      size_t len = 1;
      if (!is_name_byte_char(fold(decode(name, i, &len)))) ok = false;
      i += len;
    }
    if (ok) return StockRef{std::string(name), code};
  }
  return std::nullopt;
}

std::vector<Rating> table_ratings(const Table& table) {
  std::vector<Rating> out;
  if (table.rows.empty()) return out;
  // The header: the first row with a 评级 cell.
  size_t header = table.rows.size();
  int rating_col = -1;
  for (size_t r = 0; r < table.rows.size() && r < 3 && rating_col < 0; ++r) {
    for (size_t c = 0; c < table.rows[r].size(); ++c) {
      std::string_view cell = scan::trim(table.rows[r][c]);
      if (cell == "评级" || cell == "投资评级" || cell == "最新评级" || cell == "公司评级") {
        rating_col = static_cast<int>(c);
        header = r;
        break;
      }
    }
  }
  if (rating_col < 0) return out;
  for (size_t r = header + 1; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    if (static_cast<size_t>(rating_col) >= row.size()) continue;
    std::string_view word = scan::trim(row[static_cast<size_t>(rating_col)]);
    std::optional<std::string> action;
    if (auto par = leading_paren(word.substr(rating_prefix(word).size()))) action = action_word(par->first);
    word = rating_prefix(word);
    if (word.empty()) continue;
    std::optional<std::string> code;
    std::string name;
    for (size_t c = 0; c < row.size(); ++c) {
      if (static_cast<int>(c) == rating_col) continue;
      std::string_view cell = scan::trim(row[c]);
      if (!code && (code = normalize_code(cell))) continue;
      if (name.empty() && cell.size() >= 6 && cp_count(cell) <= 12 && !scan::is_digit_at(cell, 0)) {
        bool ok = true;
        for (size_t i = 0; i < cell.size();) {
          size_t len = 1;
          if (!is_name_byte_char(fold(decode(cell, i, &len)))) ok = false;
          i += len;
        }
        if (ok && scan::is_cjk(decode(cell, 0))) name = std::string(cell);
      }
    }
    if (!code || name.empty()) continue;
    out.push_back(Rating{"stock", name, code, std::string(word), action, std::nullopt, std::nullopt, 0});
  }
  return out;
}

std::vector<Rating> extract_ratings(std::string_view body, const ExtractContext& ctx, std::string_view kind,
                                    const std::vector<Table>& tables) {
  std::vector<Rating> out;
  auto lines = scan::numbered_lines(body);
  auto add = [&](Rating r) {
    for (const auto& o : out)
      if (o.subject == r.subject && o.name == r.name && o.code == r.code && o.rating == r.rating) return;
    out.push_back(std::move(r));
  };
  // The masthead: a note's first lines, before the text proper.
  constexpr size_t kMasthead = 40;

  if (kind == "company") {
    auto stock = title_stock(ctx.title);
    if (!stock) {
      // "——泡泡玛特（09992.HK）2025年三季度业绩点评" under a title without the code.
      for (size_t i = 0; i < lines.size() && i < kMasthead && !stock; ++i) {
        std::string_view t = strip_markers(lines[i].text);
        for (std::string_view dash : {"——", "—"})
          if (starts_with(t, dash)) t.remove_prefix(dash.size());
        stock = leading_stock(t);
      }
    }
    if (!stock) return out;
    std::optional<RatingWord> head, said;
    std::optional<std::pair<double, std::string>> head_target, said_target;
    int line = 0;
    for (size_t i = 0; i < lines.size(); ++i) {
      std::string_view t = lines[i].text;
      if (i < kMasthead && !head) {
        if ((head = header_rating(t))) {
          if (head->industry) head.reset();
          else if (!line) line = lines[i].number;
        }
      }
      // 目标价：82.00元, or 当前价：61.20元 目标价：82.00元 on one masthead line.
      if (i < kMasthead && !head_target && contains(t, "目标价") && cp_count(t) <= 40) head_target = target_price(t);
      if (!said) {
        scan::split(t, U"。；;\n", [&](std::string_view sentence) {
          if (said) return;
          auto r = sentence_rating(sentence);
          if (!r || r->industry || !names(r->object, *stock)) return;
          said = r;
          said_target = target_price(sentence);
          if (!line) line = lines[i].number;
        });
        // The target may come in the next sentence of the paragraph (…维持“买入”评级。目标价62港元).
        if (said && !said_target) said_target = target_price(t);
      }
    }
    const RatingWord* word = head ? &*head : said ? &*said : nullptr;
    if (!word) return out;
    Rating r{"stock", stock->name, stock->code, word->word, std::nullopt, std::nullopt, std::nullopt, line};
    r.action = head && head->action ? head->action : said ? said->action : std::nullopt;
    auto target = head_target ? head_target : said_target;
    if (target) {
      r.target_price = target->first;
      r.currency = target->second;
    }
    add(std::move(r));
    for (const auto& t : tables)
      for (auto& tr : table_ratings(t))
        if (tr.code != stock->code) add(std::move(tr));
    return out;
  }

  std::string title_industry = kind == "industry" ? industry_of(ctx.title) : std::string();
  if (title_industry.empty() && kind == "industry") title_industry = industry_mentioned(ctx.title);
  bool header_done = false;
  std::optional<StockRef> stock;   // the section's stock (a heading or a paragraph naming it first)
  std::string section_industry;    // the section's industry (电子行业周报, # 医药生物)
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view raw = lines[i].text;
    std::string_view t = strip_markers(raw);
    if (t.empty()) continue;
    if (kind == "industry" && !header_done && i < kMasthead && !title_industry.empty()) {
      if (auto h = header_rating(raw)) {
        header_done = true;
        add(Rating{"industry", title_industry, std::nullopt, h->word, h->action, std::nullopt, std::nullopt,
                   lines[i].number});
        continue;
      }
    }
    bool heading = is_heading(raw);
    bool author_line = contains(t, "分析师") || contains(t, "证书");
    if (heading && !author_line) {
      stock = leading_stock(t);
      section_industry = industry_mentioned(t);
      if (section_industry.empty() && cp_count(t) <= 6 && !stock) {
        bool all_cjk = true;
        for (size_t k = 0; k < t.size();) {
          size_t len = 1;
          if (!scan::is_cjk(decode(t, k, &len))) all_cjk = false;
          k += len;
        }
        if (all_cjk) section_industry = std::string(t);
      }
    } else if (!heading) {
      // A digest item's title that the document model kept as a paragraph (too long for a
      // heading): "1.2光模块龙头中报预增——通信行业周报2025/7/7" opens a section as a heading does.
      bool title_like = !author_line && cp_count(t) <= 70 && !contains(t, "。") &&
                        (contains(t, "——") || !industry_mentioned(t).empty());
      if (auto st = leading_stock(t)) {
        stock = st;
      } else if (auto ind = industry_of(t); !ind.empty()) {
        section_industry = ind;  // 医药生物行业周报：… opens an industry's item
        stock.reset();
      } else if (title_like) {
        stock.reset();
        section_industry = industry_mentioned(t);
      }
    }
    scan::split(t, U"。；;", [&](std::string_view sentence) {
      auto r = sentence_rating(sentence);
      if (!r) return;
      auto target = target_price(sentence);
      if (r->industry) {
        std::string name = r->industry_name;
        if (name.empty()) name = industry_mentioned(t);
        if (name.empty()) name = section_industry;
        if (name.empty()) name = title_industry;
        if (name.empty()) return;
        add(Rating{"industry", name, std::nullopt, r->word, r->action, std::nullopt, std::nullopt, lines[i].number});
        return;
      }
      if (!stock || !names(r->object, *stock)) return;
      Rating row{"stock", stock->name, stock->code, r->word, r->action, std::nullopt, std::nullopt, lines[i].number};
      if (target) {
        row.target_price = target->first;
        row.currency = target->second;
      }
      add(std::move(row));
    });
  }
  for (const auto& t : tables)
    for (auto& tr : table_ratings(t)) add(std::move(tr));
  return out;
}

}  // namespace yanbao
