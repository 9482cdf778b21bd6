#pragma once
/// Finding the report files under a folder.
#include <cstdint>
#include <string>
#include <vector>

namespace yanbao {

/// One file of a walk. Only the path relative to the root is kept (a walk of a large
/// history holds every file): abs_path() puts the root back in front.
struct FoundFile {
  std::string rel_path;  ///< relative to the root, '/' separators
  int64_t size = 0;
  int64_t mtime_ns = 0;
};

struct WalkResult {
  std::vector<FoundFile> files;      ///< sorted by rel_path (bytewise)
  std::vector<std::string> warnings; ///< e.g. unreadable folders, symlink loops (path: reason)
};

/// Recursively lists regular files under root whose names match one of globs (fnmatch
/// patterns on the file name, e.g. "*.md"). Hidden files and folders (name starting with
/// '.') are skipped. Symlinks are followed, but a folder already visited (same device and
/// inode) is not entered again, so symlink loops end.
WalkResult walk_reports(const std::string& root, const std::vector<std::string>& globs);

/// The path of `f`, found by walk_reports(root, ...), to open it with.
std::string abs_path(const std::string& root, const FoundFile& f);

}  // namespace yanbao
