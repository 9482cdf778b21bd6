#include "extract/report_kind.h"

#include <optional>
#include <vector>

#include "extract/codes.h"
#include "extract/scan.h"

namespace yanbao {
namespace {

using scan::contains;

template <class List>
bool contains_any(std::string_view s, const List& words) {
  for (std::string_view w : words)
    if (contains(s, w)) return true;
  return false;
}

// Morning digests come first: a 晨会 names companies and industries in its items.
constexpr std::string_view kMorning[] = {"晨会", "晨报", "早报", "早参", "晨讯", "研究精粹", "晨间"};
constexpr std::string_view kMacro[] = {"宏观", "固收", "固定收益", "债券", "信用债", "利率债", "可转债",
                                       "转债", "金工", "量化", "金融工程", "资产配置", "债市"};
constexpr std::string_view kStrategy[] = {"策略", "中小盘", "北交所", "主题", "金股", "市场观察", "A股",
                                          "港股市场", "大势研判", "投资组合"};
constexpr std::string_view kCompany[] = {"公司点评", "公司研究", "公司深度", "公司报告", "深度报告",
                                         "首次覆盖", "信息更新", "公司快评", "公司动态", "年报点评",
                                         "季报点评", "业绩点评", "公司简评", "公司跟踪"};
constexpr std::string_view kIndustry[] = {"行业周报", "行业月报", "行业点评", "行业研究", "行业深度",
                                          "行业快评", "行业简评", "行业专题", "行业动态", "行业跟踪",
                                          "行业报告", "行业策略", "行业投资策略"};

/// Whether text holds a stock code in brackets: （300124.SZ）, (002714), （09992.HK）.
bool has_bracketed_code(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    size_t len = 1;
    char32_t c = scan::fold(scan::decode(s, i, &len));
    if (c == U'(') {
      size_t j = i + len, e = j;
      while (e < s.size() && e - j <= 16) {
        size_t l2 = 1;
        char32_t d = scan::fold(scan::decode(s, e, &l2));
        if (d == U')') break;
        e += l2;
      }
      if (e < s.size() && e > j && normalize_code(s.substr(j, e - j))) return true;
    }
    i += len;
  }
  return false;
}

/// Whether text holds a code between dashes, as report sites write company notes:
/// 汇川技术-300124-2024年报点评.
bool has_dashed_code(std::string_view s) {
  for (size_t i = s.find('-'); i != std::string_view::npos; i = s.find('-', i + 1)) {
    size_t e = s.find('-', i + 1);
    if (e == std::string_view::npos) e = s.size();
    std::string_view part = s.substr(i + 1, e - i - 1);
    if (part.size() >= 5 && part.size() <= 9 && normalize_code(part)) return true;
  }
  return false;
}

/// The title's part before its first colon (the series or the rated company).
std::string_view head_of(std::string_view title) {
  size_t p = std::min(title.find("："), title.find(':'));
  return p == std::string_view::npos ? title : title.substr(0, p);
}

/// A series name of one industry: "电子行业周报", "银行业周报", "汽车行业点评".
bool names_industry(std::string_view s) {
  return contains(s, "行业") || contains(s, "业周报") || contains(s, "业月报") || contains(s, "业点评");
}

std::optional<std::string> from_title(std::string_view title) {
  std::string_view head = head_of(title);
  if (contains_any(title, kMorning)) return "morning";
  if (has_bracketed_code(head) || has_dashed_code(head)) return "company";
  // 电子行业深度报告 is about an industry although 深度报告 is also a company word.
  if (names_industry(head)) return "industry";
  if (contains_any(head, kCompany)) return "company";
  if (contains_any(head, kMacro)) return "macro";
  if (contains_any(head, kStrategy)) return "strategy";
  if (has_bracketed_code(title)) return "company";
  return std::nullopt;
}

/// The first few non-empty lines of the body: the masthead of a converted PDF.
std::vector<std::string_view> masthead(std::string_view body, size_t n) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < body.size() && out.size() < n) {
    size_t e = body.find('\n', i);
    if (e == std::string_view::npos) e = body.size();
    auto line = scan::trim(body.substr(i, e - i));
    if (!line.empty() && line.size() < 200) out.push_back(line);
    i = e + 1;
  }
  return out;
}

/// The kind one tag or masthead line names, or nullopt.
std::optional<std::string> from_label(std::string_view line) {
  if (contains_any(line, kMorning)) return "morning";
  if (contains_any(line, kCompany)) return "company";
  if (contains_any(line, kIndustry)) return "industry";
  if (contains(line, "宏观") || contains(line, "固定收益") || contains(line, "固收") || contains(line, "金融工程") ||
      contains(line, "金工"))
    return "macro";
  if (contains(line, "策略")) return "strategy";
  return std::nullopt;
}

}  // namespace

std::string classify_report(std::string_view title, std::string_view body, const std::vector<std::string>& tags) {
  if (auto k = from_title(title)) return *k;
  for (const auto& t : tags)
    if (auto k = from_label(t)) return *k;
  for (auto line : masthead(body, 12)) {
    if (contains_any(line, kMorning)) return "morning";
    if (contains_any(line, kCompany)) return "company";
    if (contains_any(line, kIndustry)) return "industry";
    if (contains(line, "宏观研究") || contains(line, "固定收益") || contains(line, "金融工程")) return "macro";
    if (contains(line, "策略研究") || contains(line, "策略周报")) return "strategy";
  }
  return "other";
}

}  // namespace yanbao
