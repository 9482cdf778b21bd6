#pragma once
/// List extractors: news (本周要闻), events (本周重大事项), picks (推荐/关注/受益/金股/评级)
/// and risks (风险提示).
#include <string_view>

#include "extract/document.h"
#include "extract/model.h"

namespace yanbao {

/// Fills out.news, out.events, out.picks and out.risks from a body.
void extract_lists(std::string_view body, const ExtractContext& ctx, Extraction& out);

/// The same over a parsed document: headings, paragraphs and items are read as the lines of
/// render_text(), each with its block's line; tables under a picks heading (or captioned as
/// one, "表1：12月金股组合") give pick rows, the name taken from the 名称/简称 column.
void extract_lists(const Document& doc, const ExtractContext& ctx, Extraction& out);

}  // namespace yanbao
