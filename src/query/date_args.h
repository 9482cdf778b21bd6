#pragma once
/// Dates as query options take them (--since, --until, --from, --to, --date): a day in any
/// form parse_date() knows, a month (2025-02), a year (2025), or a span back from an anchor
/// (30d, 2w, 6m, 1y): from today, or from the newest report with --asof latest.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace yanbao {

/// Which day a month or a year stands for: its first (a range's start: --since 2025-02 is
/// 2025-02-01) or its last (a range's end, or "as of": --until 2025-02 is 2025-02-28).
enum class DateBound { start, end };

/// The anchor of relative dates as YYYY-MM-DD, asked for only when one is given.
using DateAnchor = std::function<std::string()>;

/// YYYY-MM-DD for `text`, or nullopt when it is no date. `anchor` is called only for a
/// relative date (30d, 2w, 6m, 1y; months and years keep the day, clamped to the month's end).
std::optional<std::string> resolve_date_arg(std::string_view text, DateBound bound, const DateAnchor& anchor);

/// Today's date on this machine's clock and time zone, YYYY-MM-DD.
std::string today_local();

}  // namespace yanbao
