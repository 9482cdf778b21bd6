#pragma once
/// Market-review extractors: index moves, top movers, the covered week and the topic.
#include <string_view>

#include "extract/model.h"

namespace yanbao {

/// Fills out.indices, out.movers, out.period_start/period_end and out.topic from a body.
void extract_market(std::string_view body, const ExtractContext& ctx, Extraction& out);

}  // namespace yanbao
