#pragma once
/// Stock items of pick lists: whether a piece of text reads as a security's short name,
/// the code printed with it, and the cleaned theme of a list. Pure functions over
/// string_view (lists_text.h supplies the scanning helpers).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/lists_text.h"

namespace yanbao::lists {

struct Stock {
  std::string name;
  std::optional<std::string> code;
};

/// One entry of a list: a stock, or a theme group "机器人主题（A、B）" with its members.
struct Item {
  enum Kind { kInvalid, kStock, kGroup } kind = kInvalid;
  Stock stock;                       // kStock
  std::optional<std::string> theme;  // kGroup
  std::vector<Stock> members;        // kGroup
};

inline bool any_of_words(std::string_view s, const auto& words) {
  for (std::string_view w : words)
    if (contains(s, w)) return true;
  return false;
}

inline bool equals_any(std::string_view s, const auto& words) {
  for (std::string_view w : words)
    if (s == w) return true;
  return false;
}

/// Whether `name` (wrappers and code already removed) reads as a security's short name.
/// `weak`: the list has no stated intro, so industry words (半导体, 算力) are rejected too.
bool is_stock_name(std::string_view name, bool has_code, bool weak);

/// Whether `name` is a word of an industry, product or style (半导体设备, 算力链, 消费电子)
/// rather than a company: such entries make a list one of themes, not of stocks.
bool is_industry_word(std::string_view name);

/// Separators between the entries of a list: 、，,/.
bool is_name_sep(char32_t c);

/// Strips a leading time expression (三月, 2025年3月, 本月, 12月份).
std::string_view strip_time_prefix(std::string_view s);

/// A cleaned theme: stop words and group suffixes removed; nullopt when nothing meaningful
/// is left (我们/建议/个股/行业 are not themes).
std::optional<std::string> clean_theme(std::string_view raw);

/// A code printed in brackets: the first comma-separated part ("300223.SZ，买入" → code).
std::optional<std::string> code_in(std::string_view inner);

/// s without wrapping 【】《》“”「」『』 quotes, *italic* marks and bullet glyphs.
std::string_view strip_wrappers(std::string_view s);

/// Parses one list entry. `weak`: no intro vouches for the list; `allow_group`: "X（A、B）"
/// may be a theme group.
Item parse_item(std::string_view raw, bool weak, bool allow_group);

/// Splits a list on 、，,/ and parses each entry. Entries that are "A及B"/"A和B"/"A与B" are
/// split further only when the whole is not a name but both halves are (和而泰 stays whole).
std::vector<Item> parse_items(std::string_view list, bool weak, bool allow_group);

}  // namespace yanbao::lists
