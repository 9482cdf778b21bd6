#pragma once
/// One file's bytes → everything stored for it. Pure: the from-string entry point that
/// `ingest` runs on worker threads and that `extract` and the tests call directly.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/model.h"
#include "ingest/decode.h"

namespace yanbao {

/// More rows than this in any one table rejects the file (see parse_report).
inline constexpr size_t kMaxRowsPerTable = 10000;

struct ParseOutcome {
  bool ok = false;
  ReportRecord report;   ///< when ok
  FileProblem problem;   ///< when !ok
};

/// Decodes, splits front matter, fills the report fields and runs extraction. rel_path is
/// used only for the fallback date in the file name. The caller bounds the input's size
/// (ingest rejects larger files before reading them); a table past kMaxRowsPerTable rows
/// fails the file.
ParseOutcome parse_report(std::string_view bytes, std::string_view rel_path);

}  // namespace yanbao
