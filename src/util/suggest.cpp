#include "util/suggest.h"

#include <algorithm>

namespace yanbao {
namespace {

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

/// Whether `word` is `c` with letters left out, from the same first letter (fmt → format).
bool abbreviates(std::string_view word, std::string_view c) {
  if (word.size() < 3 || word.size() >= c.size() || word[0] != c[0]) return false;
  size_t j = 0;
  for (char ch : c)
    if (j < word.size() && word[j] == ch) ++j;
  return j == word.size();
}

}  // namespace

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_d = std::max<size_t>(2, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    size_t d = edit_distance(word, c);
    bool prefix = c.size() > word.size() && c.compare(0, word.size(), word) == 0 && word.size() >= 3;
    if (prefix) d = std::min<size_t>(d, 1);
    if (abbreviates(word, c)) d = std::min<size_t>(d, 2);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  return best;
}

}  // namespace yanbao
