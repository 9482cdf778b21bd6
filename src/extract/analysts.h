#pragma once
/// The authors a report names (analysts table): 分析师：X 执业证书编号：S…, X(分析师) with the
/// certificate on a later line, 证券分析师：X 电话 邮箱 S…, 分析师：X、Y.
#include <string_view>
#include <vector>

#include "extract/model.h"

namespace yanbao {

/// Every analyst the body names, each name once, in order of first mention. A name counts
/// when a SAC number (S + 13 digits) follows it (on its line or within the next lines of its
/// block), or when it stands on a short 分析师： label line. 联系人 and 研究助理 are not authors.
std::vector<Analyst> extract_analysts(std::string_view body);

}  // namespace yanbao
