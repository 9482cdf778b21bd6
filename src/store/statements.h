#pragma once
/// Named SQL statements from src/store/statements.sql (embedded at build time).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace yanbao {

/// The SQL of the statement whose block starts with "-- name: NAME". Throws
/// std::logic_error for an unknown name (a programming error, caught by the tests).
std::string_view sql_statement(std::string_view name);

/// The named statement, prepared on `db`: prepare once, then bind, step, reset per row.
SQLite::Statement prepare_statement(SQLite::Database& db, std::string_view name);

/// Binds the value, or NULL when there is none.
void bind_optional(SQLite::Statement& st, const char* name, const std::optional<std::string>& v);
void bind_optional(SQLite::Statement& st, const char* name, const std::optional<double>& v);

/// Executes a statement that returns no rows once and resets it for the next.
void exec_and_reset(SQLite::Statement& st);

/// A column's text without a copy ("" for NULL). Valid until the statement steps or resets.
inline std::string_view column_text(const SQLite::Column& c) {
  return {static_cast<const char*>(c.getText()), static_cast<size_t>(c.getBytes())};
}

/// A named statement run once per row, as the ingest writer's inserts are. Binding by name
/// through SQLite::Statement searches the statement's parameter names and copies every
/// string on each call, a measurable share of a bulk load's instructions; a RowStatement looks each name up
/// once and binds text without copying it: the text must stay alive (and unchanged) until
/// exec_and_reset(). An unknown parameter name throws std::logic_error.
class RowStatement {
 public:
  RowStatement(SQLite::Database& db, std::string_view name);

  void bind(const char* name, const std::string& text);
  void bind(const char* name, std::string&& text) = delete;  // would dangle: bind a named string
  void bind(const char* name, const char* text);
  void bind(const char* name, int64_t value);
  void bind(const char* name, int value) { bind(name, static_cast<int64_t>(value)); }
  void bind(const char* name, double value);
  void bind(const char* name, const std::optional<std::string>& text);
  void bind(const char* name, std::optional<std::string>&& text) = delete;
  void bind(const char* name, const std::optional<double>& value);
  void bind_null(const char* name);

  /// Runs a statement that returns no rows, then resets it (its bindings stay).
  void exec_and_reset();
  /// For statements that return rows: step with executeStep(), then reset().
  SQLite::Statement& statement() { return st_; }

 private:
  int index(const char* name);

  SQLite::Statement st_;
  /// Names seen so far (pointer as passed, text) and their parameter numbers: a call site
  /// passes the same literal each time, so most lookups are one pointer comparison.
  struct Seen {
    const char* pointer;
    std::string text;
    int index;
  };
  std::vector<Seen> seen_;
};

}  // namespace yanbao
