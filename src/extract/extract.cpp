#include "extract/extract.h"

#include "extract/document.h"
#include "extract/index_tables.h"
#include "extract/lists.h"
#include "extract/market.h"

namespace yanbao {

Extraction extract_report(std::string_view body, const ExtractContext& ctx) {
  Extraction out;
  // The line grammars read the repaired text (words rejoined, wraps undone, furniture and
  // LaTeX gone); the table grammars read the tables' cells.
  const Document doc = parse_document(body);
  const std::string text = render_text(doc);
  extract_market(text, ctx, out);
  extract_index_tables(doc, ctx, out);
  extract_lists(text, ctx, out);
  return out;
}

}  // namespace yanbao
