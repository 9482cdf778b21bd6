#pragma once
/// List extractors: news (本周要闻), events (本周重大事项), picks (推荐/关注/受益/金股/评级)
/// and risks (风险提示).
#include <string_view>

#include "extract/model.h"

namespace yanbao {

/// Fills out.news, out.events, out.picks and out.risks from a body.
void extract_lists(std::string_view body, const ExtractContext& ctx, Extraction& out);

}  // namespace yanbao
