#include "extract/extract.h"

#include "extract/lists.h"
#include "extract/market.h"

namespace yanbao {

Extraction extract_report(std::string_view body, const ExtractContext& ctx) {
  Extraction out;
  extract_market(body, ctx, out);
  extract_lists(body, ctx, out);
  return out;
}

}  // namespace yanbao
