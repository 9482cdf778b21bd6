#include "store/fts.h"

#include <sqlite3.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/tokenize.h"
#include "util/error.h"

// The segmentation rules live in util/tokenize.h; schema/search.md explains the choice.
namespace yanbao {
namespace {

struct CjkTokenizer {
  TokenRules rules;
};

// pContext of xCreateTokenizer points at the TokenRules of the registered name.
int cjk_create(void* rules, const char**, int, Fts5Tokenizer** out) {
  *out = reinterpret_cast<Fts5Tokenizer*>(new CjkTokenizer{*static_cast<const TokenRules*>(rules)});
  return SQLITE_OK;
}

void cjk_delete(Fts5Tokenizer* t) { delete reinterpret_cast<CjkTokenizer*>(t); }

int cjk_fts_tokenize(Fts5Tokenizer* t, void* ctx, int flags, const char* text, int n,
                     int (*token)(void*, int, const char*, int, int, int)) {
  if (!text || n <= 0) return SQLITE_OK;
  const bool query = (flags & FTS5_TOKENIZE_QUERY) != 0;
  return cjk_tokenize(std::string_view(text, static_cast<size_t>(n)), query, ctx, token,
                      reinterpret_cast<CjkTokenizer*>(t)->rules);
}

fts5_api* fts5_api_of(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, nullptr) != SQLITE_OK) return nullptr;
  sqlite3_bind_pointer(st, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
  sqlite3_step(st);
  sqlite3_finalize(st);
  return api;
}

/// yanbao_snippet(text, terms, width): make_snippet() with terms given one per line.
void snippet_fn(sqlite3_context* ctx, int, sqlite3_value** argv) {
  const auto* t = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  if (!t) {
    sqlite3_result_null(ctx);
    return;
  }
  std::string_view text(t, static_cast<size_t>(sqlite3_value_bytes(argv[0])));
  std::vector<std::string> terms;
  if (const auto* q = reinterpret_cast<const char*>(sqlite3_value_text(argv[1]))) {
    std::string_view all(q, static_cast<size_t>(sqlite3_value_bytes(argv[1])));
    size_t pos = 0;
    while (pos <= all.size()) {
      size_t nl = all.find('\n', pos);
      if (nl == std::string_view::npos) nl = all.size();
      if (nl > pos) terms.emplace_back(all.substr(pos, nl - pos));
      pos = nl + 1;
    }
  }
  int width = sqlite3_value_type(argv[2]) == SQLITE_NULL ? 60 : sqlite3_value_int(argv[2]);
  std::string out = make_snippet(text, terms, width < 8 ? 8 : width);
  sqlite3_result_text(ctx, out.data(), static_cast<int>(out.size()), SQLITE_TRANSIENT);
}

/// yanbao_segment(text): segment_text(), the form reports_fts indexes; NULL stays NULL.
void segment_fn(sqlite3_context* ctx, int, sqlite3_value** argv) {
  const auto* t = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  if (!t) {
    sqlite3_result_null(ctx);
    return;
  }
  std::string out = segment_text(std::string_view(t, static_cast<size_t>(sqlite3_value_bytes(argv[0]))));
  sqlite3_result_text64(ctx, out.data(), out.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

}  // namespace

void register_fts_tokenizer(sqlite3* db) {
  fts5_api* api = fts5_api_of(db);
  if (!api || api->iVersion < 2) throw FatalError("this SQLite has no FTS5; yanbao needs SQLite 3.20 or newer with FTS5");
  static fts5_tokenizer tok = {cjk_create, cjk_delete, cjk_fts_tokenize};
  // yanbao_bigram indexed archives of schema versions 4-15, yanbao_cjk (a bigram plus a
  // colocated unigram per character) versions 2-3: kept so that those archives migrate
  // (dropping an FTS5 table needs its tokenizer).
  static const TokenRules bigrams = TokenRules::kBigrams, colocated = TokenRules::kColocatedUnigrams;
  for (auto [name, rules] : {std::pair{"yanbao_bigram", &bigrams}, std::pair{"yanbao_cjk", &colocated}})
    if (api->xCreateTokenizer(api, name, const_cast<TokenRules*>(rules), &tok, nullptr) != SQLITE_OK)
      throw FatalError(std::string("cannot register the ") + name + " tokenizer: " + sqlite3_errmsg(db));
  if (sqlite3_create_function_v2(db, "yanbao_snippet", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                 nullptr, snippet_fn, nullptr, nullptr, nullptr) != SQLITE_OK)
    throw FatalError(std::string("cannot register yanbao_snippet(): ") + sqlite3_errmsg(db));
  if (sqlite3_create_function_v2(db, "yanbao_segment", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                 nullptr, segment_fn, nullptr, nullptr, nullptr) != SQLITE_OK)
    throw FatalError(std::string("cannot register yanbao_segment(): ") + sqlite3_errmsg(db));
}

}  // namespace yanbao
