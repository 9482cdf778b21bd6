#pragma once
/// Report-level fields read from the title and body: broker, series, source URL.
#include <optional>
#include <string>
#include <string_view>

namespace yanbao {

/// The broker named on a `来源: X` / `来源：X` line (markdown emphasis and trailing
/// punctuation removed), the last such line winning; else broker_from_excerpt_note(body).
/// nullopt when there is none.
std::optional<std::string> broker_from_source_line(std::string_view body);

/// The broker a mirror's excerpt note names near the top: （以下内容从华鑫证券《…》研报附件原文摘录）.
std::optional<std::string> broker_from_excerpt_note(std::string_view body);

/// A broker written as a title prefix: "开源证券-中小盘周报：…" → 开源证券. Only names ending
/// in 证券/证券股份/研究所/研究院/国际/控股 count, so "AI-应用" is not a broker.
std::optional<std::string> broker_from_title(std::string_view title);

/// The title's prefix before the first '：'/':' when it names a report series (ends in
/// 周报/月报/日报/晨报/季报/年报/点评/周观察/周评/双周报/半月报/快报/周刊/月刊), with a broker
/// prefix such as "开源证券-" removed. nullopt otherwise (e.g. company notes).
std::optional<std::string> series_from_title(std::string_view title);

/// The report's source link: the last http(s) URL with a non-empty path among the body's
/// last lines (e.g. "[hibor](https://www.hibor.com.cn/data/….html)"). nullopt when none.
std::optional<std::string> source_url(std::string_view body);

/// The first `# ` heading, else the first non-empty line, trimmed of markdown markers.
std::optional<std::string> title_from_body(std::string_view body);

/// Trims ASCII and full-width white space.
std::string_view trim(std::string_view s);

}  // namespace yanbao
