#pragma once
/// What sort of report a file is (reports.kind): company, industry, strategy, morning, macro
/// or other. Pure: reads the title and the first lines of the body.
#include <string>
#include <string_view>
#include <vector>

namespace yanbao {

/// The kind of a report from its title, front-matter tags and body (decoded text after the
/// front matter). The title decides when it names the sort (晨会纪要, 电子行业周报,
/// 汇川技术（300124.SZ）：…); else a tag that does (公司点评, 晨会, 宏观研究); else the body's first
/// lines (公司点评 | 电力设备, 证券研究报告·行业周报·电子). Never empty.
std::string classify_report(std::string_view title, std::string_view body,
                            const std::vector<std::string>& tags = {});

}  // namespace yanbao
