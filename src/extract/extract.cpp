#include "extract/extract.h"

#include "extract/lists.h"
#include "extract/market.h"
#include "extract/notes.h"

namespace yanbao {

Extraction extract_report(std::string_view body, const ExtractContext& ctx) {
  Extraction out;
  extract_market(body, ctx, out);
  extract_lists(body, ctx, out);
  extract_notes(body, ctx, out);  // issue 14: kind, analysts, ratings, forecasts, sector rankings
  return out;
}

}  // namespace yanbao
