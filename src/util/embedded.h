#pragma once
/// Files embedded into the binary at build time (cmake/embed.cmake): migrations/*.sql,
/// schema/*.yaml, schema/*.md, keyed by their path in the source tree.
#include <optional>
#include <string_view>
#include <vector>

namespace yanbao::embedded {

struct File {
  std::string_view name;  ///< e.g. "migrations/0001_initial.sql"
  std::string_view data;
};

/// Every embedded file, sorted by name.
const std::vector<File>& all_files();

/// The file's contents, or nullopt when no such file was embedded.
inline std::optional<std::string_view> find(std::string_view name) {
  for (const auto& f : all_files())
    if (f.name == name) return f.data;
  return std::nullopt;
}

}  // namespace yanbao::embedded
