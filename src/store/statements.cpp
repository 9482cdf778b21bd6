#include "store/statements.h"

#include <cstring>
#include <map>
#include <stdexcept>
#include <string>

#include "util/embedded.h"

namespace yanbao {

std::string_view sql_statement(std::string_view name) {
  static const std::map<std::string, std::string_view, std::less<>> statements = [] {
    std::map<std::string, std::string_view, std::less<>> out;
    std::string_view all = embedded::find("src/store/statements.sql").value_or("");
    constexpr std::string_view kMarker = "-- name: ";
    size_t pos = all.find(kMarker);
    while (pos != std::string_view::npos) {
      size_t name_end = all.find('\n', pos);
      std::string key(all.substr(pos + kMarker.size(), name_end - pos - kMarker.size()));
      size_t next = all.find(kMarker, name_end);
      out[key] = all.substr(name_end + 1, next == std::string_view::npos ? std::string_view::npos : next - name_end - 1);
      pos = next;
    }
    return out;
  }();
  auto it = statements.find(name);
  if (it == statements.end()) throw std::logic_error("no SQL statement named " + std::string(name));
  return it->second;
}

SQLite::Statement prepare_statement(SQLite::Database& db, std::string_view name) {
  return SQLite::Statement(db, std::string(sql_statement(name)));
}

void bind_optional(SQLite::Statement& st, const char* name, const std::optional<std::string>& v) {
  if (v) st.bind(name, *v);
  else st.bind(name);
}

void bind_optional(SQLite::Statement& st, const char* name, const std::optional<double>& v) {
  if (v) st.bind(name, *v);
  else st.bind(name);
}

void exec_and_reset(SQLite::Statement& st) {
  st.exec();
  st.reset();
}

RowStatement::RowStatement(SQLite::Database& db, std::string_view name) : st_(prepare_statement(db, name)) {}

int RowStatement::index(const char* name) {
  for (const Seen& s : seen_)
    if (s.pointer == name && s.text == name) return s.index;
  const int i = st_.getIndex(name);
  if (i == 0) throw std::logic_error(std::string("no parameter ") + name + " in " + st_.getQuery());
  seen_.push_back({name, name, i});
  return i;
}

void RowStatement::bind(const char* name, const std::string& text) { st_.bindNoCopy(index(name), text); }

void RowStatement::bind(const char* name, const char* text) { st_.bindNoCopy(index(name), text); }

void RowStatement::bind(const char* name, int64_t value) { st_.bind(index(name), value); }

void RowStatement::bind(const char* name, double value) { st_.bind(index(name), value); }

void RowStatement::bind(const char* name, const std::optional<std::string>& text) {
  if (text) bind(name, *text);
  else bind_null(name);
}

void RowStatement::bind(const char* name, const std::optional<double>& value) {
  if (value) bind(name, *value);
  else bind_null(name);
}

void RowStatement::bind_null(const char* name) { st_.bind(index(name)); }

void RowStatement::exec_and_reset() { yanbao::exec_and_reset(st_); }

}  // namespace yanbao
