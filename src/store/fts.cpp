#include "store/fts.h"

namespace yanbao {

void register_fts_tokenizer(sqlite3*) {}

}  // namespace yanbao
