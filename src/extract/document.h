#pragma once
/// The document model between decoding and extraction: a report body as blocks (headings,
/// paragraphs, list items, tables with cells), after the artefacts of PDF conversion are
/// repaired. Pure: text in, blocks out; no I/O, no globals.
///
/// Extractors read blocks and cells instead of raw lines. For the line grammars that predate
/// the model, render_text() gives the repaired body back as text (tables left out), one block
/// per line, so every grammar sees the same repaired words.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace yanbao {

enum class BlockKind {
  kHeading,    ///< a Markdown heading short enough to be one ("# 投资要点"), or a 【…】 label line
  kParagraph,  ///< running text, with hard-wrapped lines joined
  kItem,       ///< a bullet or numbered list item (■ ● ◆ ➢ • - *, 1. 1） （1）), marker removed
  kTable,      ///< an HTML <table>, a Markdown pipe table or an aligned text table
};

/// A table as rows of cell texts (repaired, trimmed). Rows may differ in length; row 0 is
/// usually the header. Cells of HTML tables keep their text only (tags removed).
struct Table {
  std::vector<std::vector<std::string>> rows;
};

struct Block {
  BlockKind kind = BlockKind::kParagraph;
  int line = 0;      ///< 1-based line of the body where the block starts
  int level = 0;     ///< heading level (1 for '#'); nesting depth for items; 0 otherwise
  std::string text;  ///< the repaired text; for a table, the caption line just above it, if any
  Table table;       ///< only for kTable
};

struct Document {
  std::vector<Block> blocks;
};

/// Repairs one run of text (a line or a joined paragraph) in place of the converter's
/// artefacts: LaTeX math ($1.58\%$ → 1.58%, $-0.09\% / +13.63\%$ → -0.09%/+13.63%), spaces that
/// split CJK words or a number from its CJK unit (沪深 300 指数 → 沪深300指数, 4 月 21 日 →
/// 4月21日), and full-width digits. Spaces between Latin words are kept.
std::string repair_inline(std::string_view text);

/// Parses a body (decoded UTF-8 after the front matter, '\n' line endings) into blocks:
/// - lines of page furniture are dropped (a line that repeats three times or more with only
///   its page number changing, "1 / 14" page counters, 请务必阅读… disclaimers);
/// - hard-wrapped lines are joined into one paragraph (a line that does not end a sentence,
///   followed by one that does not start a block);
/// - "headings" that are really paragraphs (a converter's '#' in front of running text) are
///   paragraphs;
/// - tables of every kind become kTable blocks.
Document parse_document(std::string_view body);

/// The document as text for line-based grammars: one block per line, blank lines between
/// paragraphs, headings as "# text", items as "- text"; tables are left out.
/// When line_of is given, (*line_of)[k] is the body line of the rendered text's line k + 1
/// (so a row read from rendered line k + 1 can name the line of the body it came from).
std::string render_text(const Document& doc, std::vector<int>* line_of = nullptr);

/// A number in a table cell or a sentence fragment: "3,402.32", "+1.2", "-0.18%", "（2.3%）".
/// Thousands separators, a sign, a trailing % and surrounding brackets are accepted; anything
/// else makes the cell not a number.
std::optional<double> cell_number(std::string_view cell);

/// Whether the cell ends with % (or its header says （%）): the value is a percent.
bool cell_is_percent(std::string_view cell);

}  // namespace yanbao
