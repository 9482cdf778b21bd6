// util/json.h: string literals escape exactly what JSON requires, nothing more.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "util/json.h"

using namespace yanbao;

TEST(JsonString, EscapesQuotesBackslashesAndEveryControlCharacterAndNothingElse) {
  for (int b = 0; b < 256; ++b) {
    const char c = static_cast<char>(b);
    std::string expected;
    switch (c) {
      case '"': expected = "\\\""; break;
      case '\\': expected = "\\\\"; break;
      case '\n': expected = "\\n"; break;
      case '\r': expected = "\\r"; break;
      case '\t': expected = "\\t"; break;
      case '\b': expected = "\\b"; break;
      case '\f': expected = "\\f"; break;
      default:
        if (b < 0x20) {
          char u[8];
          std::snprintf(u, sizeof u, "\\u%04x", b);
          expected = u;
        } else {
          expected = std::string(1, c);  // bytes of UTF-8 text pass through as they are
        }
    }
    EXPECT_EQ(json::quote(std::string(1, c)), "\"" + expected + "\"") << "byte " << b;
    EXPECT_EQ(json::quote("ab" + std::string(1, c) + "中"), "\"ab" + expected + "中\"") << "byte " << b;
  }
}

TEST(JsonString, KeepsTheTextBetweenEscapes) {
  EXPECT_EQ(json::quote(""), "\"\"");
  EXPECT_EQ(json::quote("智驾, \"龙头\"\n\x01" "end"), "\"智驾, \\\"龙头\\\"\\n\\u0001end\"");
}
