#pragma once
/// The week's top gainers and losers named in a market review. Pure function.
#include <string_view>
#include <vector>

#include "extract/model.h"

namespace yanbao::market {

/// Appends to out the stocks that text (markdown already cleaned, see scan::clean_markdown)
/// names as top gainers (direction "up") or losers ("down"). Two shapes are read:
///  - a list before a rank phrase:  美格智能、经纬恒润-W本周涨幅居前 / …跌幅居前 / …领涨;
///  - a list after one:  涨幅前五的个股为：芯原股份（+38.12%）、… / 领跌个股为… /
///    涨幅居前的个股有… / 涨幅前三为浙江世宝（+61.10%）…
/// A parenthesis after a name gives its code (normalize_code) and signed change; a following
/// "分别上涨a%、b%" fills changes in order. Industries are never movers: lists whose scope is
/// 行业 (行业方面, 31个申万一级行业中, 涨幅居前的行业为) are skipped, and so are names that
/// are 申万 industries or end in 行业/板块/指数/概念/股.
void extract_movers(std::string_view text, std::vector<Mover>& out);

}  // namespace yanbao::market
