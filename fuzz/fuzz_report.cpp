// libFuzzer target: one file's bytes through decoding, front matter, report fields and
// every extractor. Any crash, leak, UB or hang here is a bug in code that reads user files.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/report.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto outcome = yanbao::parse_report(bytes, "fuzz/2025-03-09-report.md");
  (void)outcome;
  return 0;
}
