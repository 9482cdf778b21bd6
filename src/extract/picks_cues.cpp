#include "extract/picks_cues.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "extract/lists_text.h"

namespace yanbao::lists {

namespace {

// 相关标的/相关个股 name stocks "related" to a theme without endorsing them: closer to
// 建议关注 than to 推荐, so they are kind "watch". 受益标的/受益个股/受益公司 are "beneficiary".
// 组合 names a portfolio ("成长&前瞻方向组合：A、B"); it counts only right before its list
// (see cue_ok), never in prose such as 政策组合拳 or 产品组合.
constexpr std::array<KindWord, 23> kKindWords = {{
    {"重点推荐", "recommend", false},  {"推荐标的", "recommend", true},   {"推荐关注", "recommend", false},
    {"推荐", "recommend", false},      {"首推", "recommend", false},      {"重点标的", "recommend", true},
    {"核心标的", "recommend", true},   {"金股", "recommend", true},       {"建议关注", "watch", false},
    {"重点关注", "watch", false},      {"关注标的", "watch", true},       {"可关注", "watch", false},
    {"关注", "watch", false},          {"相关标的", "watch", true},       {"相关个股", "watch", true},
    {"相关公司", "watch", true},       {"受益标的", "beneficiary", true}, {"受益个股", "beneficiary", true},
    {"受益公司", "beneficiary", true}, {"受益股", "beneficiary", true},   {"优选标的", "recommend", true},
    {"推荐个股", "recommend", true},   {"组合", "recommend", true},
}};


/// kKindWords grouped by their first character, longest word first, so that a lookup
/// compares only the two or three words that share it.
struct KindBucket {
  std::string_view lead;  ///< the first character's UTF-8 bytes
  std::vector<const KindWord*> words;
};

const std::vector<KindBucket>& kind_buckets() {
  static const std::vector<KindBucket> buckets = [] {
    std::vector<KindBucket> out;
    for (const auto& k : kKindWords) {
      std::string_view lead = k.word.substr(0, 3);
      auto it = std::find_if(out.begin(), out.end(), [&](const KindBucket& b) { return b.lead == lead; });
      if (it == out.end()) it = out.insert(out.end(), KindBucket{lead, {}});
      it->words.push_back(&k);
    }
    for (auto& b : out)
      std::stable_sort(b.words.begin(), b.words.end(),
                       [](const KindWord* a, const KindWord* c) { return a->word.size() > c->word.size(); });
    return out;
  }();
  return buckets;
}

}  // namespace

/// The longest kind word that s starts with, or null.
const KindWord* kind_word_at(std::string_view s) {
  // Fast reject on the UTF-8 bytes of the first character: every kind word starts with one
  // of 重推首核金建可关相受优组 (keep in sync with kKindWords).
  if (s.size() < 6) return nullptr;
  auto u = [&](size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(s[k])); };
  switch ((u(0) << 16) | (u(1) << 8) | u(2)) {
    case 0xE9878D: case 0xE68EA8: case 0xE9A696: case 0xE6A0B8: case 0xE98791: case 0xE5BBBA:
    case 0xE58FAF: case 0xE585B3: case 0xE79BB8: case 0xE58F97: case 0xE4BC98: case 0xE7BB84:
      break;
    default:
      return nullptr;
  }
  for (const auto& b : kind_buckets()) {
    if (!starts_with(s, b.lead)) continue;
    for (const KindWord* k : b.words)  // longest first: the first match is the longest
      if (starts_with(s, k->word)) return k;
    return nullptr;
  }
  return nullptr;
}

namespace {

/// Whether the 3-byte sequence at s[i] (i + 2 < s.size()) is the first character of some
/// kind word: a bit per (second, third) byte pair, tested before calling kind_word_at,
/// since most prose lines have no kind word and has_kind_word runs over all of them.
bool may_start_kind_word(std::string_view s, size_t i) {
  static const auto kBits = [] {
    std::array<uint64_t, 65536 / 64> bits{};
    for (const auto& k : kKindWords) {
      unsigned v = (static_cast<unsigned char>(k.word[1]) << 8) | static_cast<unsigned char>(k.word[2]);
      bits[v >> 6] |= uint64_t{1} << (v & 63);
    }
    return bits;
  }();
  unsigned v = (static_cast<unsigned char>(s[i + 1]) << 8) | static_cast<unsigned char>(s[i + 2]);
  return (kBits[v >> 6] >> (v & 63)) & 1;
}

}  // namespace

/// Whether the kind word k found at s[i] is a cue and not part of a word: 汇金股份 and 黄金股
/// hold 金股; 组合 cues only right before its list (a colon or 【) or at the end of a label
/// ("### 稳健组合"), never in prose (政策组合拳, 产品组合不断丰富).
bool cue_ok(std::string_view s, size_t i, const KindWord* k) {
  std::string_view after = s.substr(i + k->word.size());
  if (k->word == "金股") {
    if (starts_with(after, "份") || starts_with(after, "票")) return false;
    // Prose about golden stocks: 金股中…位居前列, 金股的收益率, 金股数量, 金股表现.
    for (std::string_view w : {"中", "里", "的", "数", "表现", "收益", "占比", "行业"})
      if (starts_with(after, w)) return false;
    if (i >= 3 && s.substr(i - 3, 3) == "黄") return false;
  } else if (k->word == "组合") {
    after = trim(after);
    if (starts_with(after, "拳")) return false;
    return after.empty() || folded_char_len(after, ':') || starts_with(after, "【");
  }
  return true;
}

bool has_direction_word(std::string_view s) {
  for (std::string_view w : {"方向", "环节", "领域", "赛道", "主线", "细分", "机会", "板块"})
    if (contains(s, w)) return true;
  return false;
}

bool is_watch_agenda(std::string_view label) {
  std::string_view s = trim_trailing_punct(trim(label));
  for (std::string_view w : {"标的", "个股", "公司", "股票", "名单", "组合", "金股"})
    if (contains(s, w)) return false;
  for (std::string_view w : {"关注", "建议关注", "重点关注", "建议重点关注", "可关注", "推荐关注", "持续关注"})
    if (s == w) return false;
  return true;
}

bool has_kind_word(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0xE0 && i + 6 <= s.size() && may_start_kind_word(s, i))
      if (const KindWord* k = kind_word_at(s.substr(i)); k && cue_ok(s, i, k)) return true;
    i += b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
  }
  return false;
}

}  // namespace yanbao::lists
