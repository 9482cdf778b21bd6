#pragma once
/// The pick-clause grammar: "[THEME] KIND-WORD [decoration] [：] ITEM、ITEM…" over one line
/// of text, plus table rows under a picks heading. Rows go to a PickSink, which de-duplicates
/// and stamps each row with the body line being read.
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "extract/lists_stock.h"
#include "extract/picks_cues.h"
#include "extract/model.h"

namespace yanbao::lists {

/// What the lines read so far say about the next one.
struct PickCtx {
  bool active = false;
  std::string kind;
  std::optional<std::string> theme;
  bool item_line = false;  ///< the line is a bullet or numbered entry, so one bare name is a list
  bool list_open = false;  ///< a stated list ("受益标的：A；B") runs on in this paragraph
  bool labels_only = false;  ///< a cue named a theme: only "1）X：A、B" sub-lists continue it
  int name_col = -1;         ///< the name column of a table under a picks heading (its header row)
};

/// Collects picks, one row per (name, kind, theme); a repeat only fills a missing code.
class PickSink {
 public:
  explicit PickSink(std::vector<Pick>& out) : out_(out) {}
  /// The 1-based body line that following rows are read from.
  void set_line(int line) { line_ = line; }
  void add(const std::optional<std::string>& theme, const Stock& s, std::string_view kind,
           std::optional<std::string> rating = std::nullopt);

 private:
  std::vector<Pick>& out_;
  std::unordered_map<std::string, size_t> seen_;
  std::string key_;  // scratch, reused for every add
  int line_ = 0;
};

/// Runs the clause grammar over one line. `ctx` carries the kind of a picks heading into the
/// line and is updated with the last clause's kind/theme.
void scan_picks(std::string_view text, PickCtx& ctx, PickSink& sink);

/// Table rows under a picks heading (picks_table.cpp): "| 贵州茅台 | 600519.SH | 买入 |".
void table_row(std::string_view row, PickCtx& ctx, PickSink& sink);

}  // namespace yanbao::lists
