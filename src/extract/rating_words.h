#pragma once
/// The words of ratings, shared by ratings.cpp and rating_words.cpp: rating words, actions,
/// bracketed asides, industry names in series titles. Internal to extract/.
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "extract/scan.h"

namespace yanbao::rating_words {

bool is_rating_word(std::string_view s);
/// The rating word s starts with (the longest), or empty.
std::string_view rating_prefix(std::string_view s);
bool is_open_quote(char32_t c);
bool is_close_quote(char32_t c);
using scan::cp_count;
/// The last n code points of s.
std::string_view last_cps(std::string_view s, size_t n);
bool ends_with(std::string_view s, std::string_view t);
bool starts_with(std::string_view s, std::string_view t);
/// The action a parenthetical says: 维持 → keep, 首次 → first, 上调/调高 → up, 下调/调低 → down.
std::optional<std::string> action_word(std::string_view s);
/// The text inside a leading bracket of s ("（维持）…" → 维持) and the rest after it.
std::optional<std::pair<std::string_view, std::string_view>> leading_paren(std::string_view s);
/// The line without heading, quote and bullet markers and [Table_Invest]-style stamps.
std::string_view strip_markers(std::string_view s);
/// Letters of a security name: ideographs, ASCII letters and digits, - and *.
bool is_name_byte_char(char32_t c);
/// An unsigned number at s[i] and the offset past its digits.
std::optional<std::pair<double, size_t>> number_at(std::string_view s, size_t i);
/// The industry a series names at the start of s: "电子行业周报" → 电子, "银行业周报" → 银行.
std::string industry_of(std::string_view s);
/// The industry a series names anywhere in s: "…——通信行业周报2025/7/7" → 通信.
std::string industry_mentioned(std::string_view s);

}  // namespace yanbao::rating_words
