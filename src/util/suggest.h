#pragma once
/// "Did you mean …": the closest of a set of words to a misspelled one.
#include <string>
#include <string_view>
#include <vector>

namespace yanbao {

/// The closest candidate by edit distance (a candidate that starts with a word of 3+
/// characters counts as distance 1), or empty when none is close enough to suggest.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace yanbao
