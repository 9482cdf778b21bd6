#pragma once
/// Recognizers for the names market reviews talk about: stock indices (with their canonical
/// names) and the 申万 level-one industries. Pure functions.
#include <string>
#include <string_view>
#include <vector>

namespace yanbao::market {

/// An index name found in a clause: bytes [begin, end) of the clause, as written.
struct IndexHit {
  size_t begin = 0;
  size_t end = 0;
  bool benchmark = false;  ///< written after 跑赢/跑输/相对/较…: a yardstick, not a subject
};

/// Appends to out every index name in clause, left to right. Known names and aliases are
/// found anywhere (上证指数, 沪指, 沪深 300, 科创50, 恒指, 中证A500 …); any other name must
/// end in 指数 and is read backwards from it up to a boundary (punctuation, a date, a
/// period phrase like 本周/年初至今/2024年以来, a connective like 其中/和/跑赢), so that
/// "本周申万电子指数" yields 申万电子指数, not the whole run of letters. Generic phrases
/// (主要指数, 三大指数, 宽基指数) and 指数 used as an adjective (指数级, 指数基金) are skipped.
/// Text inside brackets is not searched.
void find_index_names(std::string_view clause, std::vector<IndexHit>& out);

/// The canonical name of an index written as raw: the alias table (上证指数 → 上证综指,
/// 深成指 → 深证成指, 沪深 300 → 沪深300, 恒指 → 恒生指数, 中证500指数 → 中证500 …), else raw
/// with spaces removed, full-width folded and a trailing 指数 dropped (申万电子指数 → 申万电子).
std::string canonical_index_name(std::string_view raw);

/// True for a 申万 level-one industry name (电子, 计算机, 医药生物 …), a common level-two
/// industry or theme (半导体, 白酒, 光模块 …), also when written with a 申万/SW/中信 prefix or a
/// 行业/板块/指数 suffix. Exact names only: 招商银行 is no industry.
bool is_industry_name(std::string_view name);

}  // namespace yanbao::market
