#pragma once
/// Canned queries: named, documented SQL with typed parameters, defined in YAML.
/// Built-ins come from the embedded schema/queries.yaml; users add or override them in
/// $XDG_CONFIG_HOME/yanbao/queries.yaml (default ~/.config/yanbao/queries.yaml) and with
/// --queries FILE. Later definitions replace earlier ones of the same name.
#include <iosfwd>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "query/date_args.h"
#include "query/output.h"
#include "query/sql.h"

struct sqlite3;

namespace yanbao {

/// A parameter's type decides how its text is checked and bound:
///   text   bound as TEXT, as given
///   int    a decimal integer, bound as INTEGER
///   real   a number, bound as REAL
///   date   any form resolve_date_arg() knows (2025-02-17, 20250217, 2025年2月17日, 2025-02,
///          2025, 30d, 6m, 1y), bound as YYYY-MM-DD; a month or a year stands for its first
///          day, or its last when the param's `bound` is end (the default for until/to)
///   bool   true/false/yes/no/1/0 (`--raw` alone means true), bound as 0/1
///   ticker a stock as the user writes it; binds :NAME (trimmed), :NAME_base (base_name())
///          and :NAME_code (normalize_code(), NULL when it is not a code)
///   fts    search text; binds :NAME (an FTS5 query: each whitespace-separated term quoted,
///          or the text as is when the query's bool param `raw` is true) and :NAME_terms
///          (the words to mark in snippets, one per line)
/// An absent optional parameter without a default is bound as NULL (and so are its derived ones).
struct QueryParam {
  std::string name;
  std::string type = "text";
  std::string description;
  std::optional<std::string> default_value;
  bool required = false;
  bool positional = false;  ///< filled from positional arguments; required params always are
  std::vector<std::string> choices;
  DateBound bound = DateBound::start;  ///< date params: YAML `bound: start|end`
};

/// A further statement run with the same parameters, printed after the rows (see print_canned).
struct QuerySection {
  std::string title;
  std::string sql;
  bool record = false;  ///< `layout: record`: one row shown as "column  value" lines
  /// `when:` rows (default: only when the query found rows), always, or empty (only when
  /// it found none, e.g. to list the names that do exist).
  std::string when = "rows";
  /// `before: true`: printed before the rows (a summary to read first), else after them.
  bool before = false;
  /// `sql_from: {query: Q, section: TITLE}`: the SQL of another query's summary section
  /// (or of its rows without `section`), so one statement serves two queries. Resolved by
  /// the catalog when the query is looked up; `sql` holds it then.
  std::string sql_from_query, sql_from_section;
};

/// A value computed from the archive once, before the query's statements run, and bound
/// as :NAME in each of them (`let:` in YAML): one statement's work instead of one per
/// section, e.g. the consensus window that four statements share.
struct QueryLet {
  std::string name;
  std::string sql;  ///< one read-only statement giving at most one row; its first column (NULL without a row)
};

struct CannedQuery {
  std::string name;
  std::string title;
  std::string description;
  std::string sql;
  std::string source;  ///< "built-in" or the file it came from
  std::vector<QueryParam> params;
  std::vector<QuerySection> summary;
  /// `let:` values, computed in order (a later one may use an earlier one) after the params
  /// are resolved and before any statement; the params' names are not theirs to take.
  std::vector<QueryLet> lets;
  /// `rows_title:` printed above the rows in table format when summaries come before them.
  std::string rows_title;
  /// `total:` a statement giving how many rows there are without the query's limit: when
  /// fewer were printed, a line says how many more and how to see them (--limit N, --all).
  std::string total_sql;
};

class QueryCatalog {
 public:
  /// The built-ins, then the user's config file when present, then each of `extra_files`
  /// (which must exist). Throws UsageError for a missing --queries file and FatalError for
  /// a malformed definition (naming the file, and the line when YAML reports one).
  static QueryCatalog load(const std::vector<std::string>& extra_files);
  /// Only the built-ins.
  static QueryCatalog builtin();

  /// Adds the queries of one YAML document (a `queries:` list, a bare list, or Datasette's
  /// metadata.yaml with `databases: DB: queries:`).
  void add_yaml(std::string_view text, const std::string& source);

  const CannedQuery* find(std::string_view name) const;
  /// The query, or UsageError "unknown query 'x'; did you mean 'y'?".
  const CannedQuery& get(std::string_view name) const;
  const std::vector<CannedQuery>& all() const;

  /// Named statements outside the query list (`sections:` in queries.yaml), e.g. for show.
  const std::vector<QuerySection>* sections(std::string_view group) const;

 private:
  /// Parses queries_[i] from unparsed_[i] if it has not been yet.
  void parse_pending(size_t i) const;
  /// Parses the built-in sections if they have not been yet.
  void parse_pending_sections() const;
  /// Fills the SQL of queries_[i]'s sections that take it from another query (sql_from).
  void resolve_sql_from(size_t i, int depth = 0) const;

  mutable std::vector<CannedQuery> queries_;
  /// The built-ins are parsed when first asked for (`run NAME` needs one of them; parsing
  /// the whole embedded file took a third of a short query's time): a non-empty entry is
  /// the YAML of queries_[i], whose name alone is set.
  mutable std::vector<std::string_view> unparsed_;
  mutable std::vector<std::pair<std::string, std::vector<QuerySection>>> sections_;
  /// The built-in `sections:` YAML until it is parsed: when sections() is first called
  /// (only `show` uses them), or before a later file's sections replace some.
  mutable std::string_view unparsed_sections_;
};

/// $XDG_CONFIG_HOME/yanbao/queries.yaml, else $HOME/.config/yanbao/queries.yaml.
std::string user_queries_path();

/// Checks and converts arguments into bound values: positional ones fill the required (and
/// `positional: true`) params in order; named ones are NAME=VALUE pairs. Unknown names get
/// "did you mean", missing required params, bad values and invalid choices are UsageErrors.
/// Relative dates (30d, 6m) count back from `anchor()` (asked only when one is given), or
/// from today without one.
Params resolve_params(const CannedQuery& q, const std::vector<std::string>& positional,
                      const std::vector<std::pair<std::string, std::string>>& named, const DateAnchor& anchor = {});

struct CannedResult {
  ResultSet rows;
  std::optional<std::int64_t> total;  ///< the `total:` statement's answer, when the query has one
  std::vector<std::pair<const QuerySection*, ResultSet>> summary;
};

/// Runs the query and its summary sections (each through run_readonly_sql).
CannedResult run_canned(sqlite3* db, const CannedQuery& q, const Params& params);

/// Rows in the chosen format on `out`. Summary sections: in table format on `out` under
/// their title, before the rows (`before: true`) or after them; in the other formats on
/// `err` as tables, so `out` stays parseable. Sections shown only when there are no rows
/// (`when: empty`, a hint such as the names that do exist) go to `err` in every format.
/// Which sections run depends on their `when`; sections without rows are left out. When
/// the query has `total:` and more rows exist than were printed, a line says how many (on
/// `out` in table format, else on `err`).
void print_canned(std::ostream& out, std::ostream& err, const CannedResult& r, const OutputOptions& opt);

/// print_canned(run_canned(...)), but the rows are written as the statement yields them
/// instead of collected first: in every format, so memory stays bounded (table and markdown
/// size their columns by the first 1,000 rows; the same bytes as print_canned up to that).
void run_and_print_canned(sqlite3* db, const CannedQuery& q, const Params& params, std::ostream& out,
                          std::ostream& err, const OutputOptions& opt);

/// The queries as Datasette's metadata.yaml: `databases: DATABASE: queries: NAME: {title,
/// description, sql, params}`, with what Datasette has no key for (types, defaults,
/// summaries) under `yanbao:`, so QueryCatalog::add_yaml() reads the same queries back.
void write_datasette_metadata(std::ostream& out, const std::vector<CannedQuery>& queries, const std::string& database);

/// A record: one row as "column  value" lines (column names padded by display width).
void write_record(std::ostream& out, const ResultSet& rs);

/// The `queries show NAME` text: title, description, parameters, SQL.
void describe_query(std::ostream& out, const CannedQuery& q);

}  // namespace yanbao
