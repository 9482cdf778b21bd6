#pragma once
/// Index tables: a market-data table (HTML, pipe or aligned text) read by the meaning of its
/// header words, in either orientation (indices as rows or as columns).
#include "extract/document.h"
#include "extract/model.h"

namespace yanbao {

/// Appends to out.indices a row per broad-market index and period that a table of doc states:
/// 收盘价/收盘点位 give the close, 涨跌幅 the move of the table's period (日/昨日 → day, 周 → week,
/// 月 → month; else the report's own rhythm: a morning note's table is the day's), and
/// 年初至今/今年以来 the move since January 1st of the report's year. Industry rows (申万电子)
/// are not indices, and a row or column whose period cannot be told is not stored. A row
/// already read from the prose for the same index and period is not stored twice.
void extract_index_tables(const Document& doc, const ExtractContext& ctx, Extraction& out);

/// The period of a change column from its header (and the table's caption), or "" when the
/// header does not say and `fallback` is empty. Exposed for tests.
std::string period_of_header(std::string_view header, std::string_view caption, std::string_view fallback,
                             std::string_view report_date);

}  // namespace yanbao
