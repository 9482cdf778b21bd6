#pragma once
/// Internals of the document model (document.cpp, document_repair.cpp, document_tables.cpp):
/// text helpers and the table readers. Not part of the extractors' interface.
#include <string>
#include <string_view>
#include <vector>

#include "extract/document.h"

namespace yanbao::doc {

/// Cells of an HTML table (<tr>/<td>/<th>; rowspan and colspan repeat a cell in each row and
/// column it covers, so rows line up with the header).
Table parse_html_table(std::string_view html);

/// "| a | b |": a row of a Markdown pipe table.
bool is_pipe_row(std::string_view t);
/// "|---|:--:|": the separator under a pipe table's header.
bool is_pipe_separator(const std::vector<std::string>& cells);
/// The repaired cells of a pipe row.
std::vector<std::string> split_pipe_row(std::string_view t);
/// Cells of a line laid out in columns with runs of two or more blanks (or a tab).
std::vector<std::string> split_aligned(std::string_view line);
/// How many cells read as numbers (cell_number).
size_t count_numbers(const std::vector<std::string>& cells);

}  // namespace yanbao::doc
