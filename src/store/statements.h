#pragma once
/// Named SQL statements from src/store/statements.sql (embedded at build time).
#include <string_view>

namespace yanbao {

/// The SQL of the statement whose block starts with "-- name: NAME". Throws
/// std::logic_error for an unknown name (a programming error, caught by the tests).
std::string_view sql_statement(std::string_view name);

}  // namespace yanbao
