#include "util/utf8.h"

#include <utf8proc.h>

namespace yanbao::utf8::detail {

std::ptrdiff_t decode_by_utf8proc(const unsigned char* p, std::ptrdiff_t n, std::int32_t& cp) {
  utf8proc_int32_t c = 0;
  const utf8proc_ssize_t len = utf8proc_iterate(p, n, &c);
  if (len <= 0) return 0;
  cp = c;
  return len;
}

int width_by_utf8proc(std::int32_t cp) { return utf8proc_charwidth(cp); }

}  // namespace yanbao::utf8::detail
