#pragma once
/// Named SQL statements from src/store/statements.sql (embedded at build time).
#include <optional>
#include <string>
#include <string_view>

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

}  // namespace yanbao
