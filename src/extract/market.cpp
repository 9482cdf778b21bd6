#include "extract/market.h"

namespace yanbao {

void extract_market(std::string_view, const ExtractContext&, Extraction&) {}

}  // namespace yanbao
