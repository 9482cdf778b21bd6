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

struct ReportRecord {
  std::optional<std::string> title;
  std::optional<std::string> published;    ///< front-matter date as written
  std::optional<std::string> report_date;  ///< YYYY-MM-DD
  std::optional<std::string> broker;
  std::optional<std::string> series;
  std::optional<std::string> url;
  std::optional<std::string> summary;
  std::string body;
  std::string front_matter_json = "{}";
  std::string front_format;  ///< "yaml", "toml" or empty
  std::string encoding;
  std::vector<std::pair<std::string, std::string>> tags;  ///< (kind, value): category | tag
  Extraction extraction;
};

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
