#pragma once
/// The market grammar's vocabulary (market.cpp): move cues, period markers, review labels
/// and the title words that give a report its rhythm. Immutable lists, looked up by their
/// first letter through scan::WordTable.
#include <iterator>
#include <string_view>
#include <vector>

#include "extract/scan.h"

namespace yanbao::market {

// ---------------------------------------------------------------------------------------------
// Vocabulary. Lists are matched in order, so a longer word precedes any word it starts with.

enum class Cue { kNone, kUp, kDown, kNeutral, kFlat, kClose, kOther, kPoison };

struct CueWord {
  std::string_view text;
  Cue cue;
  bool week = false;  ///< 周涨/周跌幅: the move is the week's whatever the sentence says
};

constexpr CueWord kCues[] = {
    {"周涨跌幅", Cue::kNeutral, true}, {"周度涨跌幅", Cue::kNeutral, true}, {"周度涨幅", Cue::kUp, true},
    {"周度跌幅", Cue::kDown, true},    {"周涨幅", Cue::kUp, true},          {"周跌幅", Cue::kDown, true},
    {"周涨", Cue::kUp, true},          {"周跌", Cue::kDown, true},          {"周收涨", Cue::kUp, true},
    {"周收跌", Cue::kDown, true},
    // Counts, prices and rankings that contain 涨/跌 but are no move of the subject.
    {"涨跌幅", Cue::kNeutral}, {"涨跌", Cue::kNeutral}, {"涨停", Cue::kOther}, {"跌停", Cue::kOther},
    {"涨价", Cue::kOther}, {"涨幅居前", Cue::kOther}, {"跌幅居前", Cue::kOther}, {"涨幅前", Cue::kOther},
    {"跌幅前", Cue::kOther}, {"上涨家数", Cue::kPoison}, {"下跌家数", Cue::kPoison},
    {"收益率", Cue::kNeutral}, {"回报率", Cue::kNeutral}, {"收益", Cue::kNeutral},
    // Quantities other than the index level: what follows is not its move.
    {"成交", Cue::kPoison}, {"换手", Cue::kPoison}, {"市盈率", Cue::kPoison}, {"市净率", Cue::kPoison},
    {"估值", Cue::kPoison}, {"股息", Cue::kPoison}, {"融资", Cue::kPoison}, {"流入", Cue::kPoison},
    {"流出", Cue::kPoison}, {"收入", Cue::kPoison}, {"利润", Cue::kPoison}, {"营收", Cue::kPoison},
    {"盈利", Cue::kPoison}, {"业绩", Cue::kPoison}, {"占比", Cue::kPoison}, {"比值", Cue::kPoison},
    {"比例", Cue::kPoison}, {"仓位", Cue::kPoison}, {"波动率", Cue::kPoison}, {"分位", Cue::kPoison},
    {"资金", Cue::kPoison}, {"成分股", Cue::kPoison}, {"个股", Cue::kPoison}, {"权重", Cue::kPoison},
    {"市值", Cue::kPoison}, {"溢价", Cue::kPoison}, {"振幅", Cue::kPoison}, {"回撤", Cue::kPoison},
    {"胜率", Cue::kPoison}, {"PE", Cue::kPoison}, {"PB", Cue::kPoison}, {"超额", Cue::kPoison},
    {"跑赢", Cue::kPoison}, {"跑输", Cue::kPoison}, {"跑平", Cue::kPoison},
    // Levels.
    {"收盘价为", Cue::kClose}, {"收盘价", Cue::kClose}, {"收盘于", Cue::kClose}, {"收盘在", Cue::kClose},
    {"收涨", Cue::kUp}, {"收跌", Cue::kDown}, {"收平", Cue::kFlat}, {"收红", Cue::kUp}, {"收绿", Cue::kDown},
    {"收盘", Cue::kClose}, {"收于", Cue::kClose}, {"收报", Cue::kClose}, {"收在", Cue::kClose},
    {"收至", Cue::kClose}, {"报收", Cue::kClose}, {"报", Cue::kClose}, {"收", Cue::kClose},
    {"升至", Cue::kClose}, {"涨至", Cue::kClose}, {"跌至", Cue::kClose}, {"回落至", Cue::kClose},
    {"至", Cue::kClose},
    // Intraday levels are not closes.
    {"最高", Cue::kOther}, {"最低", Cue::kOther}, {"盘中", Cue::kOther}, {"高点", Cue::kOther},
    {"低点", Cue::kOther}, {"触及", Cue::kOther}, {"站上", Cue::kOther}, {"跌破", Cue::kOther},
    {"突破", Cue::kOther}, {"失守", Cue::kOther},
    // Moves.
    {"上涨", Cue::kUp}, {"上升", Cue::kUp}, {"上扬", Cue::kUp}, {"走高", Cue::kUp}, {"攀升", Cue::kUp},
    {"反弹", Cue::kUp}, {"回升", Cue::kUp}, {"大涨", Cue::kUp}, {"涨幅", Cue::kUp}, {"涨超", Cue::kUp},
    {"增长", Cue::kUp}, {"涨", Cue::kUp}, {"↑", Cue::kUp},
    {"下跌", Cue::kDown}, {"下降", Cue::kDown}, {"下滑", Cue::kDown}, {"下挫", Cue::kDown},
    {"走低", Cue::kDown}, {"回落", Cue::kDown}, {"回调", Cue::kDown}, {"调整", Cue::kDown},
    {"大跌", Cue::kDown}, {"跌幅", Cue::kDown}, {"跌超", Cue::kDown}, {"跌", Cue::kDown}, {"↓", Cue::kDown},
    {"持平", Cue::kFlat}, {"平盘", Cue::kFlat},
};

/// Phrases that put what follows into the report's week.
constexpr std::string_view kWeekMarkers[] = {"过去一周", "最近一周", "近一周", "一周来", "本周", "上周",
                                             "当周", "这周", "全周", "周内", "单周", "周度", "近5个交易日",
                                             "近五个交易日", "过去5个交易日", "过去五个交易日"};
/// Phrases meaning "since the start of the report's year".
constexpr std::string_view kYtdMarkers[] = {"今年年初以来", "今年初以来", "今年以来", "年初至今", "年初以来",
                                            "年初迄今", "今年迄今", "本年以来", "开年以来", "年内", "YTD", "ytd"};
/// Spans that are neither the week nor a since-date: what follows is not recorded.
constexpr std::string_view kOtherPeriods[] = {
    "今日", "今天", "当日", "当天", "昨日", "昨天", "日内", "本月", "上月", "当月", "月内", "月度",
    "本季度", "季度", "全年", "上半年", "下半年", "近一个月", "近一月", "近1月", "近三个月", "近3月",
    "近一年", "近1年", "过去一年", "近半年", "过去一个月", "以来", "至今",
    // Rebounds from a low are no weekly moves.
    "自低点", "从低点", "自高点", "从高点", "低点以来", "高点以来", "底部以来",
    // Forecasts are no stated moves.
    "下周", "未来一周", "未来", "预计", "有望", "目标"};
/// Words before 上周 that make it a comparison (较上周), not the period.
constexpr std::string_view kComparatives[] = {"较", "比", "相比", "环比", "相较", "相对"};

/// Letters that join names into a list: 上证综指、深证成指和创业板指分别…
constexpr std::u32string_view kJoiners = U"、和与及 ";

/// Review labels and headings: paragraphs under them speak of the week.
constexpr std::string_view kReviewWords[] = {"回顾", "市场表现", "行情表现", "市场行情", "行情走势",
                                             "市场走势", "周度表现", "本周表现", "指数表现", "板块表现",
                                             "本周行情", "上周行情", "一周行情"};

/// Titles of weekly reports.
constexpr std::string_view kMonthlyTitle[] = {"月报", "月度", "月刊", "月评", "月观点", "月回顾", "月策略"};
constexpr std::string_view kMorningTitle[] = {"晨会", "晨报", "早报", "晨讯", "晨间", "早间", "晨参", "精粹", "每日"};
constexpr std::string_view kWeeklyTitle[] = {"周报", "周评", "周观察", "周度", "周刊", "每周", "周观点",
                                             "周回顾", "周跟踪", "周策略", "周专题", "一周", "周总结",
                                             "周记", "周聚焦", "周思考", "周展望", "双周", "weekly", "Weekly",
                                             "WEEKLY"};

/// Clause openings that continue the previous clause's subject: "…收于3304点，上涨1.63%".
constexpr std::string_view kOpeners[] = {
    "上涨", "下跌", "涨", "跌", "收", "报", "至", "累计", "周涨", "周跌", "全周", "单周", "本周", "上周",
    "当周", "周内", "期间", "年初", "今年", "年内", "本年", "全年", "录得", "最终", "持平", "微", "小幅",
    "大幅", "较", "环比", "并", "且", "而", "分别", "均", "涨幅", "跌幅", "上升", "下降", "回落", "反弹",
    "+", "-", "－", "＋", "−", "同期", "创", "站", "跌破", "最", "盘中", "续"};


template <class List>
inline bool contains_any(std::string_view s, const List& list) {
  for (std::string_view t : list)
    if (scan::contains(s, t)) return true;
  return false;
}

/// The cue vocabulary by first letter.
inline const scan::WordTable& cue_table() {
  static const scan::WordTable table = [] {
    std::vector<std::string_view> words;
    for (const CueWord& w : kCues) words.push_back(w.text);
    return scan::WordTable(std::move(words));
  }();
  return table;
}

enum class Mark { kYtd, kWeek, kOther };

/// Period phrases by first letter; the kind of entry k is marker_kinds()[k].
inline const scan::WordTable& marker_table() {
  static const scan::WordTable table = [] {
    std::vector<std::string_view> words;
    for (std::string_view w : kYtdMarkers) words.push_back(w);
    for (std::string_view w : kWeekMarkers) words.push_back(w);
    for (std::string_view w : kOtherPeriods) words.push_back(w);
    return scan::WordTable(std::move(words));
  }();
  return table;
}

inline Mark marker_kind(int k) {
  constexpr int kYtd = static_cast<int>(std::size(kYtdMarkers));
  constexpr int kWeek = static_cast<int>(std::size(kWeekMarkers));
  return k < kYtd ? Mark::kYtd : k < kYtd + kWeek ? Mark::kWeek : Mark::kOther;
}

}  // namespace yanbao::market
