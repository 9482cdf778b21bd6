#pragma once
/// The cue words of pick lists (推荐, 重点推荐, 建议关注, 受益标的, 金股, 组合, …), the kind
/// of pick each announces, and whether an occurrence is a cue at all (汇金股份 holds 金股).
#include <cstddef>
#include <string_view>

namespace yanbao::lists {

struct KindWord {
  std::string_view word;
  std::string_view kind;  ///< recommend | watch | beneficiary
  bool intro;             ///< the word itself announces a list of stocks (推荐标的, 金股), not a verb
};

/// The longest kind word that s starts with, or null.
const KindWord* kind_word_at(std::string_view s);

/// Whether the kind word k found at s[i] is a cue and not part of a word: 汇金股份 and 黄金股
/// hold 金股; 组合 cues only right before its list (a colon or 【) or at the end of a label
/// ("### 稳健组合"), never in prose (政策组合拳, 产品组合不断丰富).
bool cue_ok(std::string_view s, size_t i, const KindWord* k);

/// Whether s names directions rather than stocks (方向, 环节, 领域, 赛道, 主线, 细分, 机会, 板块).
bool has_direction_word(std::string_view s);

/// Whether a watch heading names an agenda ("下周关注", "市场关注点", "关注要点") rather
/// than a list of stocks ("建议关注", "重点关注标的").
bool is_watch_agenda(std::string_view label);

/// Whether s holds a cue anywhere.
bool has_kind_word(std::string_view s);

}  // namespace yanbao::lists
