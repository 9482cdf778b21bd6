#pragma once
/// The rows of issue 14 for one report: reports.kind, analysts, ratings, forecasts and sector
/// rankings. Reads the body's paragraphs and tables; pure.
#include <string_view>

#include "extract/model.h"

namespace yanbao {

/// Fills out.kind, out.analysts, out.ratings, out.forecasts and appends ranking rows to
/// out.sectors.
void extract_notes(std::string_view body, const ExtractContext& ctx, Extraction& out);

}  // namespace yanbao
