#include "store/summaries.h"

#include <sqlite3.h>

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <tuple>
#include <utility>
#include <vector>
#include <string>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "store/statements.h"

namespace yanbao {
namespace {

bool has_summaries(SQLite::Database& db) { return db.execAndGet("PRAGMA user_version").getInt() >= 8; }

std::optional<std::string> text_or_null(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getString();
}

/// The summaries of every report, from one pass over picks (in report order) and one over
/// indices, aggregated in memory: a few thousand stock keys and index days at most. The SQL
/// of the incremental path gives the same rows, but sorts every pick row several times,
/// which made the first ingest of a 100k-report history spend half a minute here.
void rebuild_from_scratch(SQLite::Database& db) {
  db.exec(std::string(sql_statement("summary_clear_all")));

  struct KeyStats {
    bool coded = false;
    int64_t reports = 0;
    std::optional<std::string> first_seen, last_seen;
    std::map<std::string, int64_t> brokers, names;
  };
  std::map<std::string, KeyStats> keys;
  {
    // Rows of one report are adjacent; what a report counts once per key (and per broker,
    // per base name) is decided when the next report starts.
    struct Row {
      std::string key, base_name;
      bool coded;
    };
    int64_t current = -1;
    std::optional<std::string> date, broker;
    std::vector<Row> rows;
    auto flush = [&] {
      std::set<std::string> seen_keys;
      std::set<std::pair<std::string, std::string>> seen_names;
      for (const Row& row : rows) {
        KeyStats& k = keys[row.key];
        k.coded = k.coded || row.coded;
        if (seen_keys.insert(row.key).second) {
          ++k.reports;
          if (date && (!k.first_seen || *date < *k.first_seen)) k.first_seen = date;
          if (date && (!k.last_seen || *date > *k.last_seen)) k.last_seen = date;
          if (broker) ++k.brokers[*broker];
        }
        if (seen_names.insert({row.key, row.base_name}).second) ++k.names[row.base_name];
      }
      rows.clear();
    };
    SQLite::Statement scan = prepare_statement(db, "summary_scan_picks");
    while (scan.executeStep()) {
      const int64_t report = scan.getColumn(0).getInt64();
      if (report != current) {
        flush();
        current = report;
        date = text_or_null(scan.getColumn(4));
        broker = text_or_null(scan.getColumn(5));
      }
      rows.push_back({scan.getColumn(1).getString(), scan.getColumn(2).getString(), scan.getColumn(3).getInt() != 0});
    }
    flush();
  }
  SQLite::Statement put = prepare_statement(db, "summary_put_top_pick"), put_broker = prepare_statement(db, "summary_put_top_pick_broker"),
                    put_name = prepare_statement(db, "summary_put_top_pick_name");
  for (const auto& [key, k] : keys) {
    put.bind(":key", key);
    bind_optional(put, ":code", k.coded ? std::optional<std::string>(key) : std::nullopt);
    put.bind(":reports", k.reports);
    bind_optional(put, ":first_seen", k.first_seen);
    bind_optional(put, ":last_seen", k.last_seen);
    exec_and_reset(put);
    for (const auto& [broker, n] : k.brokers) {
      put_broker.bind(":key", key);
      put_broker.bind(":broker", broker);
      put_broker.bind(":reports", n);
      exec_and_reset(put_broker);
    }
    for (const auto& [name, n] : k.names) {
      put_name.bind(":key", key);
      put_name.bind(":base_name", name);
      put_name.bind(":reports", n);
      exec_and_reset(put_name);
    }
  }

  struct Day {
    int64_t rows = 0, first_id = 0, first_seq = 0;
    std::optional<double> close, change_pct;
  };
  std::map<std::tuple<std::string, std::string, std::string>, Day> days;
  {
    SQLite::Statement scan = prepare_statement(db, "summary_scan_indices");
    while (scan.executeStep()) {
      Day& d = days[{scan.getColumn(0).getString(), scan.getColumn(1).getString(), scan.getColumn(2).getString()}];
      const int64_t id = scan.getColumn(3).getInt64(), seq = scan.getColumn(4).getInt64();
      if (d.rows++ == 0 || std::pair(id, seq) < std::pair(d.first_id, d.first_seq)) {
        d.first_id = id;
        d.first_seq = seq;
        d.close = scan.getColumn(5).isNull() ? std::nullopt : std::optional<double>(scan.getColumn(5).getDouble());
        d.change_pct = scan.getColumn(6).isNull() ? std::nullopt : std::optional<double>(scan.getColumn(6).getDouble());
      }
    }
  }
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

}  // namespace

void suspend_query_summaries(SQLite::Database& db) {
  if (db.execAndGet("PRAGMA user_version").getInt() < 9) return;
  db.exec(std::string(sql_statement("summary_suspend")));
}

void refresh_query_summaries(SQLite::Database& db, SummaryRefresh how) {
  if (!has_summaries(db)) return;
  const bool pending = db.execAndGet(std::string(sql_statement("summary_any_pending"))).getInt() != 0;
  const bool stale = db.execAndGet(std::string(sql_statement("summary_any_stale"))).getInt() != 0;
  bool from_scratch = how == SummaryRefresh::kFromScratch;
  if (!pending && !stale && !from_scratch) return;
  if (how == SummaryRefresh::kAuto && pending) {
    SQLite::Statement counts = prepare_statement(db, "summary_pending_count");
    counts.executeStep();
    // A quarter of the archive or more pending (a first ingest, a migration): one pass over
    // everything beats merging each report's rows in, which costs about 4x more per report.
    from_scratch = counts.getColumn(0).getInt64() * 4 > counts.getColumn(1).getInt64();
  }
  const bool own_tx = sqlite3_get_autocommit(db.getHandle()) != 0;
  std::unique_ptr<SQLite::Transaction> tx;
  if (own_tx) tx = std::make_unique<SQLite::Transaction>(db, SQLite::TransactionBehavior::IMMEDIATE);
  if (from_scratch) {
    rebuild_from_scratch(db);
  } else {
    if (pending) {
      db.exec(std::string(sql_statement("summary_count_pending_picks")));
      db.exec(std::string(sql_statement("summary_count_pending_indices")));
      db.exec(std::string(sql_statement("summary_forget_pending")));
    }
    db.exec(std::string(sql_statement("summary_recompute_stale_dates")));
  }
  if (tx) tx->commit();
}

}  // namespace yanbao
