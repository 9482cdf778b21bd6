#pragma once
/// Ratings a report gives (ratings table): a company note's rating of the company in its
/// title (评级：买入（维持）, 维持“买入”评级, 上调至“买入”, 目标价HK$330), a morning note's
/// ratings of the reports it digests (立讯精密（002475.SZ）：…首次覆盖，给予“买入”评级), industry
/// ratings (维持行业“推荐”评级, 推荐（维持） under an industry weekly's title) and the 评级 column
/// of a table of stocks.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/document.h"
#include "extract/model.h"

namespace yanbao {

/// A stock as a report writes it: name (with -W kept) and canonical code when printed.
struct StockRef {
  std::string name;
  std::optional<std::string> code;
};

/// The stock a line names first as NAME（CODE）, NAME(CODE) — after heading, quote and
/// numbering markers and 【tag】 stamps: "汇川技术（300124.SZ）：…", "# 【海外TMT】小米集团-W（01810.HK）：…",
/// "【电子：北方华创（002371.SZ）】…". nullopt when the line does not start with one.
std::optional<StockRef> leading_stock(std::string_view line);

/// The stock a company note's title names: as leading_stock, or in the dashed form of report
/// sites ("汇川技术-300124-2024年报点评：…", "国信证券-汇川技术-300124-…").
std::optional<StockRef> title_stock(std::string_view title);

/// A rating word with what the text says about it.
struct RatingWord {
  std::string word;                    ///< 买入, 推荐, 优于大市 …
  std::optional<std::string> action;   ///< first | keep | up | down
  bool industry = false;               ///< 维持行业“推荐”评级, 行业评级：…
  std::string industry_name;           ///< 维持银行业“增持” → 银行; empty when not written
  std::string object;                  ///< a stock named between verb and word (维持恒立液压“买入”), else empty
};

/// The first rating a sentence gives: 维持“买入”评级, 首次覆盖，给予“增持”评级, 上调至“买入”评级,
/// 维持行业“推荐”评级, 维持银行业“增持”评级, 评级为“强推”. nullopt when there is none.
std::optional<RatingWord> sentence_rating(std::string_view sentence);

/// A masthead rating line: 评级：买入（维持）, 投资评级：看好（维持）, 行业评级：强于大市（维持）,
/// 增持（首次评级）, 推荐（维持）. nullopt for any other line.
std::optional<RatingWord> header_rating(std::string_view line);

/// A target price in text: 目标价82.00元, 目标价：650港元, 目标价HK$330, 目标价区间480-520元
/// (the upper end), 目标价（人民币）：38.50元. The currency must be written. Returns {price, currency}.
std::optional<std::pair<double, std::string>> target_price(std::string_view text);

/// Stock ratings of a table with a 评级 column and a code column (a weekly's 重点公司盈利预测与评级).
std::vector<Rating> table_ratings(const Table& table);

/// Every rating of a body. ctx.title names a company note's stock; kind is reports.kind.
/// tables are the body's tables (their ratings columns are read).
std::vector<Rating> extract_ratings(std::string_view body, const ExtractContext& ctx, std::string_view kind,
                                    const std::vector<Table>& tables);

}  // namespace yanbao
