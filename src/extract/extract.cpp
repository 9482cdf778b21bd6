#include "extract/extract.h"

#include <vector>

#include "extract/document.h"
#include "extract/index_tables.h"
#include "extract/lists.h"
#include "extract/market.h"
#include "extract/notes.h"

namespace yanbao {
namespace {

/// Rows read from the rendered text name its lines; users check them against the body.
template <class Rows>
void to_body_lines(Rows& rows, const std::vector<int>& line_of) {
  for (auto& r : rows)
    if (r.line > 0 && static_cast<size_t>(r.line) <= line_of.size()) r.line = line_of[static_cast<size_t>(r.line) - 1];
}

}  // namespace

Extraction extract_report(std::string_view body, const ExtractContext& ctx) {
  Extraction out;
  // The line grammars read the repaired text (words rejoined, wraps undone, furniture and
  // LaTeX gone); the table grammars read the tables' cells.
  const Document doc = parse_document(body);
  std::vector<int> line_of;
  const std::string text = render_text(doc, &line_of);
  extract_market(text, ctx, out);
  to_body_lines(out.indices, line_of);
  to_body_lines(out.sectors, line_of);
  to_body_lines(out.movers, line_of);
  // The list grammars and the table grammars read the blocks: their rows carry body lines.
  extract_lists(doc, ctx, out);
  extract_index_tables(doc, ctx, out);
  // Report kind, analysts, ratings, forecasts and sector rankings (rows carry body lines).
  extract_notes(body, doc, text, line_of, ctx, out);
  return out;
}

}  // namespace yanbao
