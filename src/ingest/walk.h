#pragma once
/// Finding the report files under a folder.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/file_list.h"

namespace yanbao {

/// Something the walk could not take: a file whose name matches the globs but that is no
/// regular file (a FIFO, a device, a broken symlink), or a folder it could not enter (no
/// permission, a path longer than PATH_MAX). The ingest reports each as a rejected file.
struct SkippedPath {
  std::string rel_path;  ///< relative to the root, '/' separators
  std::string reason;
};

struct WalkOptions {
  /// Follow symlinks wherever they lead. Without it (ripgrep's convention) a symlink whose
  /// target lies outside the root is not followed; links inside the root are.
  bool follow = false;
};

struct WalkResult {
  /// Sorted by rel_path (bytewise). Not in memory: a walk of a large history finds millions.
  FileList files;
  std::vector<SkippedPath> skipped;   ///< sorted by rel_path (bytewise)
  /// Notices that are no rejection, e.g. a folder already visited (symlink loop), a link
  /// left unfollowed (path: what happened). Paths are printable (printable_path).
  std::vector<std::string> warnings;
};

/// Recursively lists regular files under root whose names match one of globs (fnmatch
/// patterns on the file name, e.g. "*.md", matched regardless of case: .MD, .Markdown). Hidden files and folders (name starting with
/// '.') are skipped. A folder already visited (same device and inode) is not entered again,
/// so symlink loops end. Never opens a file, so a FIFO cannot block it. "Outside the root"
/// is judged on resolved paths (realpath), so `root` itself may be reached through a link.
WalkResult walk_reports(const std::string& root, const std::vector<std::string>& globs,
                        const WalkOptions& options = {});

/// What one argument of `yanbao ingest PATH…` walks: a folder, or files named directly,
/// which are stored under their folder (root) like the files a walk of it finds.
struct IngestRoot {
  std::string root;               ///< canonical folder
  std::string shown;              ///< the folder as typed, for messages ("" for the current one)
  std::vector<std::string> only;  ///< files named directly, relative to root, sorted; empty: all
};

struct IngestRoots {
  std::vector<IngestRoot> roots;  ///< folders in the order given, then files grouped by folder
  std::string error;              ///< a path that is neither a folder nor a file, else empty
};

/// Sorts the arguments of an ingest into folders and files. Files of one folder share one
/// root (an archive then holds them as a walk of the folder would).
IngestRoots plan_ingest_roots(const std::vector<std::string>& paths);

/// The named files under root (rel_paths sorted bytewise), as walk_reports() would list them
/// (whatever their names: a file named directly is taken without the globs); one that is
/// no regular file is skipped.
WalkResult walk_named_files(const std::string& root, const std::vector<std::string>& rel_paths);

/// The path of `f`, found by walk_reports(root, ...), to open it with.
std::string abs_path(const std::string& root, const FoundFile& f);

/// A path as it may be printed on one line of a terminal: control characters (C0, DEL, C1)
/// and bytes that are not UTF-8 become \n, \t, \r, \xNN; a backslash becomes \\. Other
/// text, Chinese included, stays as it is.
std::string printable_path(std::string_view path);

}  // namespace yanbao
