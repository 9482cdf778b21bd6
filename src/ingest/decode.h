#pragma once
/// Turning a file's bytes into UTF-8 text with '\n' line endings.
#include <string>
#include <string_view>

namespace yanbao {

/// A problem with one file: what went wrong and, when known, the 1-based line.
struct FileProblem {
  std::string message;
  int line = 0;  ///< 0 when not tied to a line
};

struct Decoded {
  std::string text;      ///< valid UTF-8, '\n' line endings, no BOM
  std::string encoding;  ///< "utf-8", "utf-8-bom" or "gb18030"
};

/// Decodes UTF-8 (with or without BOM) or GB18030/GBK (detected: used when the bytes are
/// not valid UTF-8 but are valid GB18030), and folds CRLF and CR to LF.
/// Fails, returning false and filling problem, for an empty file, NUL bytes or other binary
/// content, and bytes valid in neither encoding (with the line of the first bad byte).
bool decode_text(std::string_view bytes, Decoded& out, FileProblem& problem);

/// Offset of the first byte that is not valid UTF-8, or npos when all of it is valid.
size_t first_invalid_utf8(std::string_view bytes);

}  // namespace yanbao
