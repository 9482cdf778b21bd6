#include <gtest/gtest.h>

#include "extract/lists.h"

using namespace yanbao;

namespace {
Extraction run(std::string_view body, std::string title = "", std::string date = "2025-02-16") {
  Extraction out;
  extract_lists(body, ExtractContext{std::move(title), std::move(date)}, out);
  return out;
}
}  // namespace

TEST(News, SplitsOnFullWidthSemicolon) {
  auto x = run("行业要闻：甲公司发布新品，售价下调；乙公司获得订单；丙事件。\n");
  ASSERT_EQ(x.news.size(), 3u);
  EXPECT_EQ(x.news[0].text, "甲公司发布新品，售价下调");
}
