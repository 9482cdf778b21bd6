#pragma once
/// Industry rankings (sectors table): ranking tables (昨日涨跌幅前五行业, 上周申万一级行业涨跌幅前五与
/// 后五, 申万电子二级子板块涨跌幅), ranking sentences (通信、电子、国防军工涨幅居前，分别上涨2.31%、
/// 1.87%、1.52%) and lists (涨幅居前的行业：煤炭（+3.2%）、有色（+2.1%）; 申万汽车二级板块中，汽车零部件
/// （+3.02%）、乘用车（-0.38%）). Sentences about one industry's index (本周申万电子指数上涨2.3%)
/// belong to the market grammar.
#include <string>
#include <string_view>
#include <vector>

#include "extract/document.h"
#include "extract/model.h"

namespace yanbao {

/// What the surrounding text says about a ranking: its period and classification.
struct SectorContext {
  std::string period;         ///< default period when neither caption nor header says one ("" : none)
  std::string report_year;    ///< YYYY, for 年初至今 → since:YYYY-01-01 ("" : unknown)
};

/// The "day"/"week"/"month"/"since:…" a text names (昨日, 本周/上周, 7月行情, 年初至今), or "".
/// With an empty report_year, 年初至今 is not looked for (a paragraph-wide default).
std::string sector_period(std::string_view text, std::string_view report_year);

/// Undecorated industry name: 申万电子 → 电子, 电子（申万） → 电子, 电子行业 → 电子, 汽车零部件Ⅱ → 汽车零部件.
std::string sector_name(std::string_view name);

/// The rows of a ranking table. caption is the line above the table (昨日涨跌幅前五行业); a table
/// whose caption and header name no industry (行业, 板块) is not a ranking of industries.
std::vector<SectorMove> table_sectors(const Table& table, std::string_view caption, const SectorContext& ctx,
                                      int line = 0);

/// The rows of ranking sentences and lists in one paragraph (hard-wrapped lines joined).
/// lead is the paragraph before when this one continues it (it ended with ；or ，): its words
/// (行业方面，31个申万一级行业中…) introduce this paragraph's rankings.
std::vector<SectorMove> paragraph_sectors(std::string_view paragraph, const SectorContext& ctx, int line = 0,
                                          std::string_view lead = {});

}  // namespace yanbao
