#pragma once
/// Paragraph rewrites and small readers around the index grammar (market.cpp): industries
/// written with their classification in brackets, index moves in brackets, an industry
/// index's sector, and the report's topic line. Pure functions.
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace yanbao::market {

/// Rewrites an industry whose classification stands in brackets after it (机械设备行业（申万）
/// 指数, 计算机（中信）板块) as the prefixed form the index grammar reads (申万机械设备指数).
std::string scheme_prefixed(std::string_view para);

/// Opens brackets that hold index moves of their own (…回升（上证指数上涨1.09%，创业板指上涨
/// 3.17%））into comma-separated clauses; brackets that only qualify stay as they are.
std::string open_index_asides(std::string_view para);

/// The industry and its classification when an index name is an industry's (申万电子,
/// 中信计算机, SW机械设备, 电子行业指数), else nothing: broad indices stay indices.
std::optional<std::pair<std::string, std::optional<std::string>>> sector_of(std::string_view raw,
                                                                            std::string_view canon);

/// The topic of a report: the text after 本周专题：/【本期专题】… on a line of its own.
std::optional<std::string> find_topic(std::string_view text);

}  // namespace yanbao::market
