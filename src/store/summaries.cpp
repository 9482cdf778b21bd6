#include "store/summaries.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <tuple>
#include <utility>
#include <vector>
#include <string>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "store/statements.h"
#include "util/json.h"

namespace yanbao {
namespace {

bool has_summaries(SQLite::Database& db) { return db.execAndGet("PRAGMA user_version").getInt() >= 8; }

std::optional<std::string> text_or_null(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getString();
}

/// A report date top_pick_months counts: `YYYY-MM-DD` with a day from 01 to 31, as the
/// refresh's GLOB in summary_count_picks tests it.
bool is_calendar_day(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (d[i] < '0' || d[i] > '9') return false;
  return d[8] <= '3' && d.substr(8) >= "01" && d.substr(8) <= "31";
}

/// `["a","b"]` as SQLite's json_group_array writes it: no spaces, each string escaped as
/// JSON requires (json::append_string).
std::string json_string_array(const std::vector<std::string_view>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    json::append_string(out, items[i]);
  }
  return out + "]";
}

/// The count of `id` in a short list of (id, count), added at 0 when missing.
int64_t& count_of(std::vector<std::pair<int, int64_t>>& counts, int id) {
  for (auto& [i, n] : counts)
    if (i == id) return n;
  return counts.emplace_back(id, 0).second;
}

}  // namespace

/// Every row a rebuild from scratch writes, computed from the base tables (SummaryRows in
/// summaries.h). Keys, brokers and base names are interned.
struct SummaryRows {
  // Keys, brokers and base names are interned: a pick row costs a few hash lookups on its
  // bytes, no allocation (2.5M picks at 100k reports).
  struct Interned {
    struct Hash {
      using is_transparent = void;
      size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, int, Hash, std::equal_to<>> ids;
    std::vector<std::string> names;
    int id(std::string_view s) {
      if (auto it = ids.find(s); it != ids.end()) return it->second;
      names.emplace_back(s);
      ids.emplace(names.back(), static_cast<int>(names.size() - 1));
      return static_cast<int>(names.size() - 1);
    }
  };
  Interned key_ids, broker_ids, base_ids, kind_ids, series_ids;
  // top_pick_months: a key's months (of the reports dated as a calendar day), kept with the
  // key: a short list searched in place, no lookup in a table of every key's months.
  struct MonthStats {
    int month = -1;  // interned YYYY-MM
    int name = -1;   // the largest base name (compared as text)
    int64_t reports = 0;
    int first_day = 99, last_day = 0;
    bool coded = false;
    std::vector<int> brokers;  // interned, distinct
  };
  struct KeyStats {
    std::vector<MonthStats> months;
    bool coded = false;
    bool coded_in_report = false;  // within the report being flushed (for its month)
    int64_t reports = 0;
    std::optional<std::string> first_seen, last_seen;
    // (interned broker / base name, reports): a few entries each, searched in place
    std::vector<std::pair<int, int64_t>> brokers, names;
  };
  std::vector<std::vector<KeyStats>> stats;  // by interned kind, then interned key
  // pick_series: reports of kind 'any' per (key, base name, broker, series); -1 is NULL.
  struct SeriesStats {
    int64_t reports = 0, picks = 0;
    std::optional<std::string> first_seen, last_seen;
  };
  // Hashed, not ordered: one lookup per report and (key, base name), 2.5M at 100k reports.
  struct SeriesKeyHash {
    size_t operator()(const std::tuple<int, int, int, int>& k) const {
      const auto& [a, b, c, d] = k;
      uint64_t h = static_cast<uint32_t>(a) * 0x9E3779B97F4A7C15ULL;
      h = (h ^ static_cast<uint32_t>(b)) * 0x9E3779B97F4A7C15ULL;
      h = (h ^ static_cast<uint32_t>(c)) * 0x9E3779B97F4A7C15ULL;
      h = (h ^ static_cast<uint32_t>(d)) * 0x9E3779B97F4A7C15ULL;
      return static_cast<size_t>(h ^ (h >> 29));
    }
  };
  std::unordered_map<std::tuple<int, int, int, int>, SeriesStats, SeriesKeyHash> series_stats;
  Interned month_ids;  // YYYY-MM
  // The row shown for a day is the first by content, (broker, path, root, seq) with a NULL
  // broker first, as summary_count_indices orders it: never by report id, which
  // depends on the order files were ingested in.
  struct Day {
    int64_t rows = 0, first_id = 0, first_seq = 0;
    std::optional<std::string> broker;
    std::string path, root;
    std::optional<double> close, change_pct;
  };
  std::map<std::tuple<std::string, std::string, std::string>, Day> days;
  bool complete = false;  // false when a stop request cut the computation short

  SummaryRows() { kind_ids.id("any"); }  // kind 0: picks of every kind
  /// Fills the rows from the base tables of `db` (reads only); `stop` may cut it short.
  void compute(SQLite::Database& db, const std::function<bool()>& stop);
  /// Replaces every summary row and work list of `db` with these rows.
  void write(SQLite::Database& db);
  /// Counts the stock keys of temp.query_summary_keys (summary_count_picks) whole from the
  /// base tables, as compute would, and inserts their rows (deleted before). Reads the picks
  /// those keys can have through picks_by_code alone, and one index entry per report.
  void count_stale_keys(SQLite::Database& db);

 private:
  class ReportCounter;
  /// Inserts the stock-key rows (top_picks and what goes with it); write's first part.
  void write_pick_rows(SQLite::Database& db);
};

/// What each report contributes to the stock-key rows: its picks, fed report by report, are
/// counted once per kind and key (and per base name under them) when the next report starts.
/// Each pick counts under its own kind and under kind 0.
class SummaryRows::ReportCounter {
 public:
  explicit ReportCounter(SummaryRows& s) : s_(s) {}
  /// Counts the report before, then starts one with its report_date, broker and series
  /// (each may be NULL), as a statement's columns.
  void start(const SQLite::Column& date, const SQLite::Column& broker, const SQLite::Column& series) {
    flush();
    date_ = text_or_null(date);
    broker_ = broker.isNull() ? -1 : s_.broker_ids.id(column_text(broker));
    series_ = series.isNull() ? -1 : s_.series_ids.id(column_text(series));
    month_ = date_ && is_calendar_day(*date_) ? s_.month_ids.id(std::string_view(*date_).substr(0, 7)) : -1;
    if (month_ >= 0) day_ = ((*date_)[8] - '0') * 10 + ((*date_)[9] - '0');
  }
  void add(int kind, int key, int base_name, bool coded) {
    if (static_cast<size_t>(kind) >= s_.stats.size()) s_.stats.resize(kind + 1);
    for (int k : {0, kind})
      if (static_cast<size_t>(key) >= s_.stats[k].size()) s_.stats[k].resize(key + 1);
    rows_.push_back({kind, key, base_name, coded});
  }
  /// Counts the last report.
  void finish() { flush(); }

 private:
  struct Row {
    int kind, key, base_name;
    bool coded;
  };
  void flush();

  SummaryRows& s_;
  std::optional<std::string> date_;
  int broker_ = -1, series_ = -1;
  int month_ = -1;  // interned YYYY-MM of a date top_pick_months counts, else none
  int day_ = 0;     // and its day
  std::vector<Row> rows_;
  std::vector<std::pair<int, int>> seen_keys_;         // (kind, key)
  std::vector<std::tuple<int, int, int>> seen_names_;  // (kind, key, base name)
};

void SummaryRows::ReportCounter::flush() {
  seen_keys_.clear();
  seen_names_.clear();
  for (const Row& row : rows_) {
    for (int kind : {0, row.kind}) {
      seen_keys_.emplace_back(kind, row.key);
      seen_names_.emplace_back(kind, row.key, row.base_name);
      s_.stats[kind][row.key].coded = s_.stats[kind][row.key].coded || row.coded;
      s_.stats[kind][row.key].coded_in_report = s_.stats[kind][row.key].coded_in_report || row.coded;
    }
  }
  std::sort(seen_keys_.begin(), seen_keys_.end());
  seen_keys_.erase(std::unique(seen_keys_.begin(), seen_keys_.end()), seen_keys_.end());
  std::sort(seen_names_.begin(), seen_names_.end());
  // pick_series (kind 'any' only): each (0, key, base name) appears once per pick of the
  // report; the report counts once, its picks as many times as they appear.
  for (size_t i = 0; i < seen_names_.size();) {
    size_t j = i + 1;
    while (j < seen_names_.size() && seen_names_[j] == seen_names_[i]) ++j;
    const auto& [kind, key, base] = seen_names_[i];
    if (kind == 0) {
      SeriesStats& s = s_.series_stats[{key, base, broker_, series_}];
      ++s.reports;
      s.picks += static_cast<int64_t>(j - i);
      if (date_ && (!s.first_seen || *date_ < *s.first_seen)) s.first_seen = date_;
      if (date_ && (!s.last_seen || *date_ > *s.last_seen)) s.last_seen = date_;
    }
    i = j;
  }
  seen_names_.erase(std::unique(seen_names_.begin(), seen_names_.end()), seen_names_.end());
  for (const auto& [kind, key] : seen_keys_) {
    KeyStats& k = s_.stats[kind][key];
    ++k.reports;
    if (date_ && (!k.first_seen || *date_ < *k.first_seen)) k.first_seen = date_;
    if (date_ && (!k.last_seen || *date_ > *k.last_seen)) k.last_seen = date_;
    if (broker_ >= 0) ++count_of(k.brokers, broker_);
  }
  for (const auto& [kind, key, base] : seen_names_) ++count_of(s_.stats[kind][key].names, base);
  if (month_ >= 0) {
    // seen_names_ is sorted by (kind, key, base name), seen_keys_ by (kind, key): one walk.
    size_t n = 0;
    for (const auto& [kind, key] : seen_keys_) {
      KeyStats& k = s_.stats[kind][key];
      auto it = std::find_if(k.months.rbegin(), k.months.rend(), [&](const MonthStats& x) { return x.month == month_; });
      MonthStats& m = it != k.months.rend() ? *it : k.months.emplace_back();
      m.month = month_;
      while (n < seen_names_.size() && std::tie(std::get<0>(seen_names_[n]), std::get<1>(seen_names_[n])) < std::tie(kind, key)) ++n;
      for (; n < seen_names_.size() && std::get<0>(seen_names_[n]) == kind && std::get<1>(seen_names_[n]) == key; ++n) {
        const int base = std::get<2>(seen_names_[n]);
        if (m.name < 0 || s_.base_ids.names[base] > s_.base_ids.names[m.name]) m.name = base;
      }
      m.coded = m.coded || k.coded_in_report;
      ++m.reports;
      m.first_day = std::min(m.first_day, day_);
      m.last_day = std::max(m.last_day, day_);
      if (broker_ >= 0 && std::find(m.brokers.begin(), m.brokers.end(), broker_) == m.brokers.end())
        m.brokers.push_back(broker_);
    }
  }
  for (const auto& [kind, key] : seen_keys_) s_.stats[kind][key].coded_in_report = false;
  rows_.clear();
}

/// The rows of every summary, from one pass over picks (in report order) and one over
/// indices, aggregated in memory: a few thousand stock keys and index days at most. The SQL
/// of the incremental path gives the same rows, but sorts every pick row several times,
/// which made the first ingest of a 100k-report history spend half a minute here. Reads only.
void SummaryRows::compute(SQLite::Database& db, const std::function<bool()>& stop) {
  {
    // As the view pick_keys: the printed code, else the smallest code the archive knows for
    // the base name, else the base name (then the key is no code).
    std::unordered_map<std::string, std::string, Interned::Hash, std::equal_to<>> smallest_code;
    SQLite::Statement aliases = prepare_statement(db, "summary_smallest_alias_codes");
    while (aliases.executeStep()) smallest_code.emplace(aliases.getColumn(0).getString(), aliases.getColumn(1).getString());

    // Rows of one report are adjacent (the scan is in report order).
    ReportCounter counter(*this);
    int64_t current = -1;
    SQLite::Statement scan = prepare_statement(db, "summary_scan_picks");
    for (uint64_t n = 1; scan.executeStep(); ++n) {
      if (n % 65536 == 0 && stop && stop()) return;
      const int64_t report = scan.getColumn(0).getInt64();
      if (report != current) {
        current = report;
        counter.start(scan.getColumn(3), scan.getColumn(4), scan.getColumn(6));
      }
      const std::string_view base = column_text(scan.getColumn(1));
      std::string_view key = base;
      bool coded = true;
      if (!scan.getColumn(2).isNull()) {
        key = column_text(scan.getColumn(2));
      } else if (auto it = smallest_code.find(base); it != smallest_code.end()) {
        key = it->second;
      } else {
        coded = false;
      }
      counter.add(kind_ids.id(column_text(scan.getColumn(5))), key_ids.id(key), base_ids.id(base), coded);
    }
    counter.finish();
  }
  if (stop && stop()) return;
  {
    SQLite::Statement scan = prepare_statement(db, "summary_scan_indices");
    while (scan.executeStep()) {
      Day& d = days[{scan.getColumn(0).getString(), scan.getColumn(1).getString(), scan.getColumn(2).getString()}];
      const int64_t id = scan.getColumn(3).getInt64(), seq = scan.getColumn(4).getInt64();
      std::optional<std::string_view> broker;
      if (!scan.getColumn(7).isNull()) broker = column_text(scan.getColumn(7));
      const std::string_view path = column_text(scan.getColumn(8)), root = column_text(scan.getColumn(9));
      // Both sides as views, so the tuples compare element by element of one type (clang's
      // libstdc++ tuple <=> has no string_view-to-string comparison).
      const std::optional<std::string_view> d_broker =
          d.broker ? std::optional<std::string_view>(*d.broker) : std::nullopt;
      const std::string_view d_path = d.path, d_root = d.root;
      const int64_t d_seq = d.first_seq;
      if (d.rows++ == 0 || std::tie(broker, path, root, seq) < std::tie(d_broker, d_path, d_root, d_seq)) {
        d.first_id = id;
        d.first_seq = seq;
        d.broker = broker ? std::optional<std::string>(*broker) : std::nullopt;
        d.path = path;
        d.root = root;
        d.close = scan.getColumn(5).isNull() ? std::nullopt : std::optional<double>(scan.getColumn(5).getDouble());
        d.change_pct = scan.getColumn(6).isNull() ? std::nullopt : std::optional<double>(scan.getColumn(6).getDouble());
      }
    }
  }
  complete = !(stop && stop());
}

void SummaryRows::write(SQLite::Database& db) {
  db.exec(std::string(sql_statement("summary_clear_all")));
  write_pick_rows(db);

  SQLite::Statement put_day = prepare_statement(db, "summary_put_index_day");
  for (const auto& [k, d] : days) {
    put_day.bind(":name", std::get<0>(k));
    put_day.bind(":period", std::get<1>(k));
    put_day.bind(":report_date", std::get<2>(k));
    put_day.bind(":reports", d.rows);
    put_day.bind(":first_id", d.first_id);
    put_day.bind(":first_seq", d.first_seq);
    bind_optional(put_day, ":close", d.close);
    bind_optional(put_day, ":change_pct", d.change_pct);
    exec_and_reset(put_day);
  }
}

void SummaryRows::write_pick_rows(SQLite::Database& db) {
  SQLite::Statement put = prepare_statement(db, "summary_put_top_pick"), put_broker = prepare_statement(db, "summary_put_top_pick_broker"),
                    put_name = prepare_statement(db, "summary_put_top_pick_name");
  // One row per (kind, key, broker or base name) with its count of reports.
  auto put_counts = [](SQLite::Statement& put_count, const std::string& kind, const std::string& key,
                       const char* column, const Interned& names, const std::vector<std::pair<int, int64_t>>& counts) {
    for (const auto& [id, n] : counts) {
      put_count.bind(":kind", kind);
      put_count.bind(":key", key);
      put_count.bind(column, names.names[id]);
      put_count.bind(":reports", n);
      exec_and_reset(put_count);
    }
  };
  for (size_t kind_id = 0; kind_id < stats.size(); ++kind_id) {
    const std::string& kind = kind_ids.names[kind_id];
    for (size_t i = 0; i < stats[kind_id].size(); ++i) {
      const KeyStats& k = stats[kind_id][i];
      if (k.reports == 0) continue;  // never picked under this kind
      const std::string& key = key_ids.names[i];
      put.bind(":kind", kind);
      put.bind(":key", key);
      bind_optional(put, ":code", k.coded ? std::optional<std::string>(key) : std::nullopt);
      put.bind(":reports", k.reports);
      bind_optional(put, ":first_seen", k.first_seen);
      bind_optional(put, ":last_seen", k.last_seen);
      exec_and_reset(put);
      put_counts(put_broker, kind, key, ":broker", broker_ids, k.brokers);
      put_counts(put_name, kind, key, ":base_name", base_ids, k.names);
    }
  }

  SQLite::Statement put_series = prepare_statement(db, "summary_put_pick_series");
  for (const auto& [k, s] : series_stats) {
    const auto& [key, base, broker, series] = k;
    put_series.bind(":key", key_ids.names[key]);
    put_series.bind(":base_name", base_ids.names[base]);
    bind_optional(put_series, ":broker",
                  broker < 0 ? std::nullopt : std::optional<std::string>(broker_ids.names[broker]));
    bind_optional(put_series, ":series",
                  series < 0 ? std::nullopt : std::optional<std::string>(series_ids.names[series]));
    put_series.bind(":reports", s.reports);
    put_series.bind(":picks", s.picks);
    bind_optional(put_series, ":first_seen", s.first_seen);
    bind_optional(put_series, ":last_seen", s.last_seen);
    exec_and_reset(put_series);
  }

  // In primary-key order: appended to the b-tree, not inserted all over it.
  std::vector<std::tuple<std::string_view, std::string_view, std::string_view, const MonthStats*>> months;
  for (size_t kind = 0; kind < stats.size(); ++kind)
    for (size_t key = 0; key < stats[kind].size(); ++key)
      for (const MonthStats& m : stats[kind][key].months)
        months.emplace_back(kind_ids.names[kind], month_ids.names[m.month], key_ids.names[key], &m);
  std::sort(months.begin(), months.end());
  SQLite::Statement put_month = prepare_statement(db, "summary_put_top_pick_month");
  std::vector<std::string_view> brokers;
  auto day_of = [](std::string_view month, int day) {
    std::string d(month);
    d += '-';
    d += static_cast<char>('0' + day / 10);
    d += static_cast<char>('0' + day % 10);
    return d;
  };
  for (const auto& [kind, month, key, mp] : months) {
    const MonthStats& m = *mp;
    brokers.clear();
    for (int b : m.brokers) brokers.push_back(broker_ids.names[b]);
    std::sort(brokers.begin(), brokers.end());
    put_month.bind(":kind", std::string(kind));
    put_month.bind(":month", std::string(month));
    put_month.bind(":key", std::string(key));
    bind_optional(put_month, ":code", m.coded ? std::optional<std::string>(key) : std::nullopt);
    put_month.bind(":name", base_ids.names[m.name]);
    put_month.bind(":reports", m.reports);
    put_month.bind(":brokers", json_string_array(brokers));
    put_month.bind(":first_seen", day_of(month, m.first_day));
    put_month.bind(":last_seen", day_of(month, m.last_day));
    exec_and_reset(put_month);
  }
}

void SummaryRows::count_stale_keys(SQLite::Database& db) {
  // The picks a stale key can have, as summary_count_picks found them before: printed with
  // the key as their code, or printed without a code under a base name that has the key as
  // an alias, or under the key itself. Each lookup is a range of picks_by_code; the codes
  // and the base names looked up are distinct, so no pick is read twice.
  std::vector<std::string> keys, bases;
  {
    SQLite::Statement stale = prepare_statement(db, "summary_stale_keys");
    while (stale.executeStep()) keys.push_back(stale.getColumn(0).getString());
    if (keys.empty()) return;
    SQLite::Statement aliases = prepare_statement(db, "summary_stale_key_aliases");
    for (const std::string& key : keys) {
      bases.push_back(key);
      aliases.bind(":code", key);
      while (aliases.executeStep()) bases.push_back(aliases.getColumn(0).getString());
      aliases.reset();
    }
    std::sort(bases.begin(), bases.end());
    bases.erase(std::unique(bases.begin(), bases.end()), bases.end());
  }
  std::vector<char> stale;  // by interned key
  for (const std::string& key : keys) {
    const size_t id = static_cast<size_t>(key_ids.id(key));
    if (id >= stale.size()) stale.resize(id + 1, 0);
    stale[id] = 1;
  }
  // As view pick_keys: the printed code, else the smallest code the archive knows for the
  // base name, else the base name. Only the picks whose key is stale count here.
  SQLite::Statement smallest = prepare_statement(db, "summary_smallest_alias_code");
  std::unordered_map<int, std::optional<int>> smallest_code;  // by interned base name
  struct Pick {
    int64_t report;
    int kind, key, base_name;
    bool coded;
  };
  std::vector<Pick> picks;
  auto collect = [&](SQLite::Statement& lookup, const char* param, const std::string& value, std::optional<int> code) {
    lookup.bind(param, value);
    while (lookup.executeStep()) {
      const int base = base_ids.id(column_text(lookup.getColumn(0)));
      std::optional<int> key = code;
      if (!key) {
        auto it = smallest_code.find(base);
        if (it == smallest_code.end()) {
          smallest.bind(":base_name", base_ids.names[base]);
          smallest.executeStep();
          std::optional<int> found;
          if (!smallest.getColumn(0).isNull()) found = key_ids.id(column_text(smallest.getColumn(0)));
          smallest.reset();
          it = smallest_code.emplace(base, found).first;
        }
        key = it->second;
      }
      const bool coded = key.has_value();
      const int key_id = coded ? *key : key_ids.id(base_ids.names[base]);
      if (static_cast<size_t>(key_id) >= stale.size() || !stale[key_id]) continue;
      picks.push_back({lookup.getColumn(1).getInt64(), kind_ids.id(column_text(lookup.getColumn(2))), key_id, base, coded});
    }
    lookup.reset();
  };
  {
    SQLite::Statement with_code = prepare_statement(db, "summary_picks_printed_with_code");
    for (const std::string& key : keys) collect(with_code, ":code", key, key_ids.id(key));
    SQLite::Statement without_code = prepare_statement(db, "summary_picks_printed_without_code");
    for (const std::string& base : bases) collect(without_code, ":base_name", base, std::nullopt);
  }
  // Report by report, as compute's scan feeds them; a report outside the dates top-picks
  // reads (or without a date) counts nowhere.
  std::sort(picks.begin(), picks.end(), [](const Pick& a, const Pick& b) { return a.report < b.report; });
  SQLite::Statement report = prepare_statement(db, "summary_counted_report");
  ReportCounter counter(*this);
  for (size_t i = 0; i < picks.size();) {
    size_t j = i + 1;
    while (j < picks.size() && picks[j].report == picks[i].report) ++j;
    report.bind(":id", picks[i].report);
    if (report.executeStep()) {
      counter.start(report.getColumn(0), report.getColumn(1), report.getColumn(2));
      for (size_t k = i; k < j; ++k) counter.add(picks[k].kind, picks[k].key, picks[k].base_name, picks[k].coded);
    }
    report.reset();
    i = j;
  }
  counter.finish();
  write_pick_rows(db);
}

namespace {

void rebuild_from_scratch(SQLite::Database& db) {
  SummaryRows s;
  s.compute(db, {});
  s.write(db);
}

}  // namespace

void suspend_query_summaries(SQLite::Database& db) {
  if (db.execAndGet("PRAGMA user_version").getInt() < 9) return;
  db.exec(std::string(sql_statement("summary_clear_all")));
  db.exec(std::string(sql_statement("summary_mark_all_pending")));
}

void count_stale_summary_keys(SQLite::Database& db) { SummaryRows().count_stale_keys(db); }

std::shared_ptr<SummaryRows> compute_summary_rows(SQLite::Database& db, const std::function<bool()>& stop) {
  auto rows = std::make_shared<SummaryRows>();
  SQLite::Transaction snapshot(db, SQLite::TransactionBehavior::DEFERRED);  // one read snapshot for both scans
  rows->compute(db, stop);
  if (!rows->complete) return nullptr;
  return rows;
}

int64_t summary_data_version(SQLite::Database& db) { return db.execAndGet("PRAGMA data_version").getInt64(); }

void refresh_query_summaries(SQLite::Database& db, SummaryRefresh how, SummaryRows* precomputed, int64_t version) {
  if (!has_summaries(db)) return;
  const bool pending = db.execAndGet(std::string(sql_statement("summary_any_pending"))).getInt() != 0;
  const bool stale = db.execAndGet(std::string(sql_statement("summary_any_stale"))).getInt() != 0;
  bool from_scratch = how == SummaryRefresh::kFromScratch;
  if (!pending && !stale && !from_scratch) return;
  if (how == SummaryRefresh::kAuto) {
    SQLite::Statement counts = prepare_statement(db, "summary_pending_count");
    counts.executeStep();
    // A quarter of the archive or more pending (a first ingest, a migration): one pass over
    // everything beats collecting each report's rows, which costs several times more per row.
    // Stale stock keys holding half of the counted reports (a prune of the newest reports
    // moves most last dates): a stale key costs what the pass spends on it (summary_many_stale).
    from_scratch = counts.getColumn(0).getInt64() * 4 > counts.getColumn(1).getInt64() ||
                   (stale && db.execAndGet(std::string(sql_statement("summary_many_stale"))).getInt() != 0);
  }
  const bool own_tx = sqlite3_get_autocommit(db.getHandle()) != 0;
  std::unique_ptr<SQLite::Transaction> tx;
  if (own_tx) tx = std::make_unique<SQLite::Transaction>(db, SQLite::TransactionBehavior::IMMEDIATE);
  if (from_scratch) {
    // Rows computed on another connection are this archive's only if no other connection
    // has committed since `version` was read on this one (data_version counts the others'
    // commits); now, holding the write lock, nothing else can.
    if (precomputed && summary_data_version(db) == version)
      precomputed->write(db);
    else
      rebuild_from_scratch(db);
  } else {
    db.exec(std::string(sql_statement("summary_count_picks")));
    count_stale_summary_keys(db);
    db.exec(std::string(sql_statement("summary_count_picks_end")));
    db.exec(std::string(sql_statement("summary_count_indices")));
    db.exec(std::string(sql_statement("summary_forget_pending")));
  }
  if (tx) tx->commit();
}

}  // namespace yanbao
