#include "extract/lists.h"

namespace yanbao {

void extract_lists(std::string_view, const ExtractContext&, Extraction&) {}

}  // namespace yanbao
