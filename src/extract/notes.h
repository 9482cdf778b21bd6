#pragma once
/// The rows of issue 14 for one report: reports.kind, analysts, ratings, forecasts and sector
/// rankings. Reads the body's paragraphs and tables; pure.
#include <string_view>
#include <vector>

#include "extract/document.h"
#include "extract/model.h"

namespace yanbao {

/// Fills out.kind, out.analysts, out.ratings, out.forecasts and appends ranking rows to
/// out.sectors. text is render_text(doc, &line_of): the line grammars read it, and their rows
/// name body lines through line_of. Analysts are read from the body itself: an author block's
/// line breaks separate a name from its title (证券分析师 马宁远), which the repaired text joins.
void extract_notes(std::string_view body, const Document& doc, std::string_view text,
                   const std::vector<int>& line_of, const ExtractContext& ctx, Extraction& out);

}  // namespace yanbao
