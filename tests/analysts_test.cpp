// Specs for the analysts table (issue 14): names with their SAC numbers and emails.
#include <gtest/gtest.h>

#include "extract/analysts.h"

using yanbao::Analyst;
using yanbao::extract_analysts;

namespace {
std::string lic(const Analyst& a) { return a.license.value_or("-"); }
}  // namespace

TEST(Analysts, LabelThenCertificateOnOneLine) {
  auto a = extract_analysts("分析师：岳清和 执业证书编号：S0100523040001 邮箱：yueqh@example.com\n");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].name, "岳清和");
  EXPECT_EQ(lic(a[0]), "S0100523040001");
  EXPECT_EQ(a[0].email.value_or(""), "yueqh@example.com");
  EXPECT_EQ(a[0].line, 1);
}

TEST(Analysts, CertificateOnALaterLine) {
  auto a = extract_analysts("\n证券分析师 方知远\n\n执业证书：S0200524010002\n\n证券分析师 白芷\n\n执业证书：S0200522110005\n");
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].name, "方知远");
  EXPECT_EQ(lic(a[0]), "S0200524010002");
  EXPECT_EQ(a[0].line, 2);
  EXPECT_EQ(a[1].name, "白芷");
  EXPECT_EQ(lic(a[1]), "S0200522110005");
}

TEST(Analysts, NameWithRoleInBracketsAndBlockBelow) {
  auto a = extract_analysts("欧阳千里(分析师)\n\nouyangql@example.cn\n\n证书编号:S0300521060004\n");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].name, "欧阳千里");
  EXPECT_EQ(lic(a[0]), "S0300521060004");
  EXPECT_EQ(a[0].email.value_or(""), "ouyangql@example.cn");
}

TEST(Analysts, TwoOnOneLineEachKeepsItsOwnNumber) {
  auto a = extract_analysts("# 李青(分析师)证书编号:S0400522070001|高远(分析师)证书编号:S0400523110002\n");
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(lic(a[0]), "S0400522070001");
  EXPECT_EQ(lic(a[1]), "S0400523110002");
}

TEST(Analysts, PhoneEmailAndNumberAfterTheName) {
  auto a = extract_analysts("[Table_Authors] 周以宁(分析师) 021-38000000 zhouyn@example.com 登记编号 S0500523020003\n"
                            "证券分析师：秦墨 010-66000000 qinmo@example.com S0500521090001\n");
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].name, "周以宁");
  EXPECT_EQ(lic(a[0]), "S0500523020003");
  EXPECT_EQ(a[1].name, "秦墨");
  EXPECT_EQ(lic(a[1]), "S0500521090001");
}

TEST(Analysts, NameBeforeItsTitle) {
  auto a = extract_analysts("林间月 传媒行业首席分析师 执业编号：S0600523080001 邮箱：lin@example.com\n");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].name, "林间月");
  EXPECT_EQ(lic(a[0]), "S0600523080001");
}

TEST(Analysts, NumberInBracketsAndRepeatedNameOnce) {
  auto a = extract_analysts("分析师：罗川（执业证书编号：S0700523090001）\n\n正文。\n\n分析师：罗川 执业证书编号：S0700523090001\n");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(lic(a[0]), "S0700523090001");
}

TEST(Analysts, LabelLineWithoutNumbers) {
  auto a = extract_analysts("分析师：宋一舟、陆遥\n");
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].name, "宋一舟");
  EXPECT_EQ(a[1].name, "陆遥");
  EXPECT_FALSE(a[0].license);
}

TEST(Analysts, ContactsAndProseAreNotAuthors) {
  EXPECT_TRUE(extract_analysts("联系人：白露 S0800524010001\n").empty());
  EXPECT_TRUE(extract_analysts("多位分析师认为，四季度需求回暖。分析师 预计明年增长。\n").empty());
  // A 13-digit number inside a longer token is not a SAC number.
  auto a = extract_analysts("分析师：韩松 执业证书编号：S07005230900012\n");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_FALSE(a[0].license);
}
