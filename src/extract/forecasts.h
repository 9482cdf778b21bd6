#pragma once
/// A company note's earnings forecasts (forecasts table): the 盈利预测与估值 / 主要财务指标
/// table (rows = metrics, columns = 2024A/2025E/…), or, when the note has none, its sentence
/// 预计公司2025-2027年归母净利润分别为53.18/64.02/75.96亿元.
#include <string_view>
#include <vector>

#include "extract/document.h"
#include "extract/model.h"
#include "extract/ratings.h"

namespace yanbao {

/// The forecasts of one table about `company`: a header row of fiscal years (2024A, 2025E, 2026F,
/// 2025), then rows whose label names a metric (营业收入, 归母净利润, EPS, P/E, P/B, ROE) and its
/// unit (（百万元）, （亿元）, （万元）; else a 单位：… caption). Money rows without a unit, growth
/// rows (增长率, yoy) and cells that are not numbers are skipped. report_year (0: unknown) dates
/// a bare year: before it, an actual. line is the table's first body line.
std::vector<Forecast> extract_forecasts(const Table& table, const StockRef& company, int report_year = 0,
                                        std::string_view caption = {}, int line = 0);

/// Forecasts a sentence states: 预计公司2025-2027年归母净利润分别为53.18/64.02/75.96亿元, 对应EPS分别为
/// 1.99/2.39/2.84元, 营业收入预测至…. Each metric once per sentence.
std::vector<Forecast> sentence_forecasts(std::string_view sentence, const StockRef& company, int line = 0);

}  // namespace yanbao
