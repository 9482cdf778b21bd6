#pragma once
/// The extraction entry point: body text in, rows out. Pure: no I/O, no SQLite, no globals.
#include <string_view>

#include "extract/model.h"

namespace yanbao {

/// Bumped whenever extraction output may change for the same input, so that reports stored
/// by an older parser are re-extracted on the next ingest.
inline constexpr int kParserVersion = 4;

/// Extracts every table's rows from a report body (the decoded text after the front matter,
/// '\n' line endings, valid UTF-8).
Extraction extract_report(std::string_view body, const ExtractContext& ctx);

}  // namespace yanbao
