#pragma once
/// Canned queries: named, documented SQL with typed parameters, defined in YAML.
/// Built-ins come from the embedded schema/queries.yaml; users add or override them in
/// $XDG_CONFIG_HOME/yanbao/queries.yaml (default ~/.config/yanbao/queries.yaml) and with
/// --queries FILE. Later definitions replace earlier ones of the same name.
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "query/output.h"
#include "query/sql.h"

struct sqlite3;

namespace yanbao {

/// A parameter's type decides how its text is checked and bound:
///   text   bound as TEXT, as given
///   int    a decimal integer, bound as INTEGER
///   real   a number, bound as REAL
///   date   any form parse_date() knows (2025-02-17, 20250217, 2025年2月17日), bound as YYYY-MM-DD
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
};

/// A further statement run with the same parameters, printed after the rows (see print_canned).
struct QuerySection {
  std::string title;
  std::string sql;
  bool record = false;  ///< `layout: record`: one row shown as "column  value" lines
  /// `when:` rows (default: only when the query found rows), always, or empty (only when
  /// it found none, e.g. to list the names that do exist).
  std::string when = "rows";
};

struct CannedQuery {
  std::string name;
  std::string title;
  std::string description;
  std::string sql;
  std::string source;  ///< "built-in" or the file it came from
  std::vector<QueryParam> params;
  std::vector<QuerySection> summary;
};

class QueryCatalog {
 public:
  /// The built-ins, then the user's config file when present, then each of `extra_files`
  /// (which must exist). Throws UsageError for a missing --queries file and FatalError for
  /// a malformed definition (naming the file, and the line when YAML reports one).
  static QueryCatalog load(const std::vector<std::string>& extra_files);
  /// Only the built-ins.
  static QueryCatalog builtin();

  /// Adds the queries of one YAML document (a `queries:` list, or a bare list).
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
Params resolve_params(const CannedQuery& q, const std::vector<std::string>& positional,
                      const std::vector<std::pair<std::string, std::string>>& named);

struct CannedResult {
  ResultSet rows;
  std::vector<std::pair<const QuerySection*, ResultSet>> summary;
};

/// Runs the query and its summary sections (each through run_readonly_sql).
CannedResult run_canned(sqlite3* db, const CannedQuery& q, const Params& params);

/// Rows in the chosen format on `out`. Summary sections: in table format on `out` after a
/// blank line and their title; in the other formats on `err` as tables, so `out` stays
/// parseable. Which sections run depends on their `when`; sections without rows are left out.
void print_canned(std::ostream& out, std::ostream& err, const CannedResult& r, const OutputOptions& opt);

/// print_canned(run_canned(...)), but the rows are written as the statement yields them
/// instead of collected first: in every format, so memory stays bounded (table and markdown
/// size their columns by the first 1,000 rows; the same bytes as print_canned up to that).
void run_and_print_canned(sqlite3* db, const CannedQuery& q, const Params& params, std::ostream& out,
                          std::ostream& err, const OutputOptions& opt);

/// A record: one row as "column  value" lines (column names padded by display width).
void write_record(std::ostream& out, const ResultSet& rs);

/// The `queries show NAME` text: title, description, parameters, SQL.
void describe_query(std::ostream& out, const CannedQuery& q);

/// Command-line words after `run NAME`, split into the query's parameters and the global
/// options that may follow a subcommand (--db, --format/-f, --no-header, --max-width,
/// --queries). `--help`/`-h` sets `help`.
struct RunArgs {
  std::vector<std::string> positional;
  std::vector<std::pair<std::string, std::string>> named;
  bool help = false;
};

/// Pass 1: pulls global options out of `args` into `g`, returns the rest in order.
std::vector<std::string> take_global_options(const std::vector<std::string>& args, GlobalOptions& g);
/// Pass 2: the query's own options (--NAME VALUE, --NAME=VALUE, --param/-p NAME=VALUE,
/// bool params as bare --NAME) and positional arguments.
RunArgs parse_query_args(const CannedQuery& q, const std::vector<std::string>& args);

}  // namespace yanbao
