#include <gtest/gtest.h>

#include "extract/codes.h"
#include "extract/dates.h"

using namespace yanbao;

TEST(Codes, ExchangeFromSixDigits) {
  EXPECT_EQ(exchange_for_code("920982"), "BJ");  // 92 before 9
  EXPECT_EQ(exchange_for_code("600519"), "SH");
  EXPECT_EQ(exchange_for_code("688326"), "SH");
  EXPECT_EQ(exchange_for_code("689009"), "SH");
  EXPECT_EQ(exchange_for_code("900901"), "SH");
  EXPECT_EQ(exchange_for_code("000001"), "SZ");
  EXPECT_EQ(exchange_for_code("001979"), "SZ");
  EXPECT_EQ(exchange_for_code("002415"), "SZ");
  EXPECT_EQ(exchange_for_code("003816"), "SZ");
  EXPECT_EQ(exchange_for_code("300223"), "SZ");
  EXPECT_EQ(exchange_for_code("301269"), "SZ");
  EXPECT_EQ(exchange_for_code("200002"), "SZ");
  EXPECT_EQ(exchange_for_code("430047"), "BJ");
  EXPECT_EQ(exchange_for_code("830799"), "BJ");
  EXPECT_EQ(exchange_for_code("123456"), "");
}

TEST(Codes, NormalizesEveryWrittenForm) {
  EXPECT_EQ(normalize_code("(300223.SZ)"), "300223.SZ");
  EXPECT_EQ(normalize_code("（300223）"), "300223.SZ");
  EXPECT_EQ(normalize_code("300223"), "300223.SZ");
  EXPECT_EQ(normalize_code("SH688326"), "688326.SH");
  EXPECT_EQ(normalize_code("sh688326"), "688326.SH");
  EXPECT_EQ(normalize_code("688326.sh"), "688326.SH");
  EXPECT_EQ(normalize_code("(0700.HK)"), "00700.HK");
  EXPECT_EQ(normalize_code("700.hk"), "00700.HK");
  EXPECT_EQ(normalize_code("09660.HK"), "09660.HK");
  EXPECT_EQ(normalize_code("920982"), "920982.BJ");
  EXPECT_EQ(normalize_code("３００２２３．ＳＺ"), "300223.SZ");
  EXPECT_FALSE(normalize_code("12345"));
  EXPECT_FALSE(normalize_code("abc"));
  EXPECT_FALSE(normalize_code("123456"));
}

TEST(Codes, BaseNameStripsAffixesButKeepsWrittenCore) {
  EXPECT_EQ(base_name("经纬恒润-W"), "经纬恒润");
  EXPECT_EQ(base_name("小鹏汽车－Ｗ"), "小鹏汽车");
  EXPECT_EQ(base_name("*ST 金科"), "金科");
  EXPECT_EQ(base_name("ST华微"), "华微");
  EXPECT_EQ(base_name("N 长联"), "长联");
  EXPECT_EQ(base_name("XD贵州茅"), "贵州茅");
  EXPECT_EQ(base_name("百济神州-U"), "百济神州");
  EXPECT_EQ(base_name("美团-SW"), "美团");
  EXPECT_EQ(base_name("地平线机器人-W"), "地平线机器人");
  EXPECT_EQ(base_name("中芯国际"), "中芯国际");
}

TEST(Dates, ParsesFrontMatterForms) {
  EXPECT_EQ(parse_date("2025-02-09 19:50:00"), "2025-02-09");
  EXPECT_EQ(parse_date("2025-02-17T08:30:00+08:00"), "2025-02-17");
  EXPECT_EQ(parse_date("2025/02/17"), "2025-02-17");
  EXPECT_EQ(parse_date("2025-2-9"), "2025-02-09");
  EXPECT_EQ(parse_date("20250217"), "2025-02-17");
  EXPECT_EQ(parse_date("2025年2月17日"), "2025-02-17");
  EXPECT_FALSE(parse_date("2025-02-30"));
  EXPECT_FALSE(parse_date("hello"));
}

TEST(Dates, MonthDayRollsBackAcrossNewYear) {
  EXPECT_EQ(resolve_month_day(12, 31, "2025-01-05"), "2024-12-31");
  EXPECT_EQ(resolve_month_day(1, 3, "2025-01-05"), "2025-01-03");
  EXPECT_EQ(resolve_month_day(2, 7, "2025-02-09"), "2025-02-07");
  EXPECT_EQ(resolve_month_day(2, 10, "2025-02-09"), "2025-02-10");  // upcoming, same year
  EXPECT_FALSE(resolve_month_day(2, 7, ""));
}

TEST(Dates, FindsDateInFileName) {
  EXPECT_EQ(date_in_filename("zxp-20250302.md"), "2025-03-02");
  EXPECT_EQ(date_in_filename("note-2025-01-20.md"), "2025-01-20");
  EXPECT_FALSE(date_in_filename("2a9d1c07e4b3f5a6.md"));
}
