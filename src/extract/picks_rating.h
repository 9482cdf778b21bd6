#pragma once
/// A company note's own rating (维持“买入”评级) and the rated company of its title, which
/// together make the note's "rating" pick.
#include <optional>
#include <string>
#include <string_view>

#include "extract/lists_stock.h"

namespace yanbao::lists {

/// The company rating a note states: 维持“买入”评级, 首次覆盖，给予“增持”评级, 评级为“推荐”,
/// 投资评级：买入. Ratings of the industry (维持行业“推荐”评级) are skipped.
std::optional<std::string> find_rating(std::string_view text);

/// The rated company of a company note's title: "汇川技术（300124.SZ）：…",
/// "北京君正(300223)：…", or "北京君正：…" when the part before the colon reads as a name.
std::optional<Stock> title_company(std::string_view title);

}  // namespace yanbao::lists
