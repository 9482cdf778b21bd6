#pragma once
/// Rows extracted from one report. Plain values: no I/O, no SQLite. Field meanings are the
/// public schema's (schema/schema.md); optional fields become SQL NULL.
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace yanbao {

struct IndexMove {
  std::string name;       ///< canonical (上证指数 → 上证综指; 申万电子指数 → 申万电子)
  std::string raw_name;   ///< as written
  std::string period;     ///< "week" or "since:YYYY-MM-DD"
  std::optional<double> close;
  std::optional<double> change_pct;  ///< signed percent
  int line = 0;           ///< 1-based body line the row was read from (0: unknown)
};

struct Mover {
  std::string name;
  std::optional<std::string> code;   ///< canonical code when printed
  std::string direction;             ///< "up" or "down"
  std::optional<double> change_pct;
  int line = 0;           ///< 1-based body line the row was read from (0: unknown)
};

struct NewsItem {
  std::string text;
  int line = 0;           ///< 1-based body line the row was read from (0: unknown)
};

struct Event {
  std::optional<std::string> event_date;  ///< YYYY-MM-DD
  std::string company;
  std::optional<std::string> code;
  std::string text;                       ///< the whole item
  int line = 0;           ///< 1-based body line the row was read from (0: unknown)
};

struct Pick {
  std::optional<std::string> theme;
  std::string name;                       ///< as written, wrappers removed
  std::optional<std::string> code;        ///< canonical code when printed
  std::string kind;                       ///< recommend | watch | beneficiary | rating
  std::optional<std::string> rating;      ///< 买入/增持/… for kind == rating
  int line = 0;           ///< 1-based body line the row was read from (0: unknown)
};

struct Risk {
  std::string text;
  int line = 0;           ///< 1-based body line the row was read from (0: unknown)
};

/// An industry's move (申万/中信 classification), from a sentence or a ranking table.
struct SectorMove {
  std::string name;                    ///< undecorated: 电子, 机械设备 (not 申万电子指数, 电子行业)
  std::optional<std::string> scheme;   ///< "申万" or "中信" when the report says which
  std::string period;                  ///< "day", "week", "month" or "since:YYYY-MM-DD"
  double change_pct = 0;               ///< signed percent
  int line = 0;
};

/// A rating the report gives to a stock or an industry.
struct Rating {
  std::string subject;                 ///< "stock" or "industry"
  std::string name;                    ///< as written (经纬恒润-W) or the industry (汽车)
  std::optional<std::string> code;     ///< canonical code when printed or known
  std::string rating;                  ///< the word as written: 买入, 增持, 推荐, 优于大市 …
  std::optional<std::string> action;   ///< first | keep | up | down
  std::optional<double> target_price;  ///< upper end of a range
  std::optional<std::string> currency; ///< CNY | HKD | USD, only with a target price
  int line = 0;
};

/// One cell of a company note's earnings forecast table.
struct Forecast {
  std::string name;
  std::optional<std::string> code;
  int year = 0;
  bool actual = false;                 ///< 2024A: 1; 2025E: 0
  std::string metric;                  ///< revenue | net_profit | eps | pe | pb | roe
  double value = 0;                    ///< normalized (schema.md)
  int line = 0;
};

/// An author the report names.
struct Analyst {
  std::string name;
  std::optional<std::string> license;  ///< SAC number, S + 13 digits
  std::optional<std::string> email;
  int line = 0;
};

/// What the report's text says besides the front matter.
struct Extraction {
  std::vector<IndexMove> indices;
  std::vector<Mover> movers;
  std::vector<NewsItem> news;
  std::vector<Event> events;
  std::vector<Pick> picks;
  std::vector<Risk> risks;
  std::vector<SectorMove> sectors;
  std::vector<Rating> ratings;
  std::vector<Forecast> forecasts;
  std::vector<Analyst> analysts;
  std::string kind;  ///< company | industry | strategy | morning | macro | other (never empty once extracted)
  std::optional<std::string> period_start;  ///< YYYY-MM-DD
  std::optional<std::string> period_end;    ///< YYYY-MM-DD
  std::optional<std::string> topic;
};

/// What extraction may know about the report before reading its body.
struct ExtractContext {
  std::string title;        ///< e.g. "汇川技术（300124.SZ）：…" (company notes name the rated stock)
  std::string report_date;  ///< YYYY-MM-DD, or empty when unknown (then years are not resolved)
  std::vector<std::string> tags;  ///< front-matter categories and tags (公司点评, 晨会 …): reports.kind
};

/// Everything stored for one report: the front matter's fields, the body and its rows. What
/// ingest/report.cpp produces from a file's bytes and store/writer.cpp writes.
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

}  // namespace yanbao
