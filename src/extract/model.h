#pragma once
/// Rows extracted from one report. Plain values: no I/O, no SQLite. Field meanings are the
/// public schema's (schema/schema.md); optional fields become SQL NULL.
#include <optional>
#include <string>
#include <vector>

namespace yanbao {

struct IndexMove {
  std::string name;       ///< canonical (上证指数 → 上证综指; 申万电子指数 → 申万电子)
  std::string raw_name;   ///< as written
  std::string period;     ///< "week" or "since:YYYY-MM-DD"
  std::optional<double> close;
  std::optional<double> change_pct;  ///< signed percent
};

struct Mover {
  std::string name;
  std::optional<std::string> code;   ///< canonical code when printed
  std::string direction;             ///< "up" or "down"
  std::optional<double> change_pct;
};

struct NewsItem {
  std::string text;
};

struct Event {
  std::optional<std::string> event_date;  ///< YYYY-MM-DD
  std::string company;
  std::optional<std::string> code;
  std::string text;                       ///< the whole item
};

struct Pick {
  std::optional<std::string> theme;
  std::string name;                       ///< as written, wrappers removed
  std::optional<std::string> code;        ///< canonical code when printed
  std::string kind;                       ///< recommend | watch | beneficiary | rating
  std::optional<std::string> rating;      ///< 买入/增持/… for kind == rating
};

struct Risk {
  std::string text;
};

/// What the report's text says besides the front matter.
struct Extraction {
  std::vector<IndexMove> indices;
  std::vector<Mover> movers;
  std::vector<NewsItem> news;
  std::vector<Event> events;
  std::vector<Pick> picks;
  std::vector<Risk> risks;
  std::optional<std::string> period_start;  ///< YYYY-MM-DD
  std::optional<std::string> period_end;    ///< YYYY-MM-DD
  std::optional<std::string> topic;
};

/// What extraction may know about the report before reading its body.
struct ExtractContext {
  std::string title;        ///< e.g. "汇川技术（300124.SZ）：…" (company notes name the rated stock)
  std::string report_date;  ///< YYYY-MM-DD, or empty when unknown (then years are not resolved)
};

}  // namespace yanbao
