#pragma once
/// Front matter: YAML between '---' lines, TOML between '+++' lines, or none.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/decode.h"

namespace yanbao {

struct FrontMatter {
  std::string format;  ///< "yaml", "toml", or empty when the file has none
  /// Every key as a JSON object; every scalar is kept as the text written (002415 stays
  /// "002415"), sequences become arrays, mappings objects, YAML nulls null.
  std::string json = "{}";
  /// Top-level keys whose value is a scalar, as written.
  std::map<std::string, std::string> scalars;
  /// Top-level keys whose value is a sequence of scalars (a scalar value appears here as a
  /// one-item list too, so `tags: hibor` and `tags: [hibor]` read the same).
  std::map<std::string, std::vector<std::string>> lists;
};

/// Splits decoded text into front matter and body. body_line is the 1-based line of the
/// file where the body starts. Returns false with a problem (and its file line) for
/// unclosed, malformed or oversized front matter.
bool parse_front_matter(std::string_view text, FrontMatter& fm, std::string_view& body, int& body_line,
                        FileProblem& problem);

/// The common YAML shape without yaml-cpp: top-level `key: scalar` lines (plain,
/// "double-quoted" without escapes, or 'single-quoted') and `key:` followed by a block list
/// of such scalars, with comments and blank lines. Fills fm.json, fm.scalars and fm.lists
/// exactly as the yaml-cpp path would and returns true; returns false (fm untouched) for
/// anything else, which the caller then hands to yaml-cpp. `inner` is the text between the
/// fences. Exposed for the differential test.
bool parse_simple_yaml(std::string_view inner, FrontMatter& fm);

/// The yaml-cpp path alone (no fast path), for the differential test: fills fm.json,
/// fm.scalars and fm.lists, or returns false with a problem.
bool parse_yaml_with_yaml_cpp(std::string_view inner, FrontMatter& fm, FileProblem& problem);

}  // namespace yanbao
