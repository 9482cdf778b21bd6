#include "ingest/walk.h"

#include <dirent.h>
#include <fnmatch.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <set>
#include <utility>

namespace yanbao {
namespace {

const char* kind_of(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

struct Walker {
  const std::string& root;  ///< canonical, for the outside-the-root test
  const std::vector<std::string>& globs;
  const WalkOptions& options;
  WalkResult& out;
  std::set<std::pair<dev_t, ino_t>> visited;

  bool matches(const char* name) const {
    for (const auto& g : globs)
      if (fnmatch(g.c_str(), name, FNM_CASEFOLD) == 0) return true;
    return false;
  }

  void skip(const std::string& rel, std::string reason) { out.skipped.push_back({rel.empty() ? "." : rel, std::move(reason)}); }

  /// True when the link at `abs` resolves to a place inside the root.
  bool inside_root(const std::string& abs) const {
    std::unique_ptr<char, decltype(&std::free)> real(realpath(abs.c_str(), nullptr), &std::free);
    if (!real) return false;
    const std::string_view r(real.get());
    return r == root || (r.size() > root.size() && r.compare(0, root.size(), root) == 0 &&
                         (root == "/" || r[root.size()] == '/'));
  }

  /// Walks the folder into out.files in the order of its names, as a walk always did (which
  /// of two links to one folder enters it is the first in that order), and returns the
  /// ranges of out.files in bytewise order of their paths. The two differ where a folder's
  /// name is the start of a sibling's followed by a byte below '/': "a-b.md" sorts before
  /// "a/c.md". Each folder's files are one range, so the ranges are few.
  std::vector<FileList::Range> visit_dir(const std::string& abs, const std::string& rel, int depth) {
    struct stat st {};
    if (stat(abs.c_str(), &st) != 0) {
      skip(rel, std::string("cannot enter folder: ") + std::strerror(errno) + "; its files are skipped");
      return {};
    }
    if (!visited.insert({st.st_dev, st.st_ino}).second) {
      if (depth > 0)
        out.warnings.push_back(printable_path(abs) + ": folder already visited (symlink loop?), skipped");
      return {};
    }
    DIR* dir = opendir(abs.c_str());
    if (!dir) {
      skip(rel, std::string("cannot open folder: ") + std::strerror(errno) + "; its files are skipped");
      return {};
    }
    std::vector<std::pair<std::string, unsigned char>> names;  // name, d_type
    while (dirent* e = readdir(dir)) {
      if (e->d_name[0] == '.') continue;  // hidden, and . and ..
      names.emplace_back(e->d_name, e->d_type);
    }
    closedir(dir);
    std::sort(names.begin(), names.end());
    // What each entry put into out.files (parts[first, last)), under the name its paths
    // sort by: a folder's paths all start with "name/".
    struct Placed {
      size_t name;  ///< index in names
      bool folder;
      size_t first, last;
    };
    std::vector<Placed> placed;
    std::vector<FileList::Range> parts;
    for (size_t i = 0; i < names.size(); ++i) {
      const auto& [name, d_type] = names[i];
      std::string child_abs = abs + "/" + name;
      std::string child_rel = rel.empty() ? name : rel + "/" + name;
      const bool wanted = matches(name.c_str());
      struct stat lst {};
      if (lstat(child_abs.c_str(), &lst) != 0) {
        // Gone since readdir: nothing to say. Anything else hides a folder or a report.
        if (errno != ENOENT && (wanted || d_type == DT_DIR || d_type == DT_UNKNOWN)) {
          if (errno == ENAMETOOLONG)
            skip(child_rel, "path longer than the system allows (PATH_MAX, " + std::to_string(PATH_MAX) +
                                " bytes), skipped");
          else
            skip(child_rel, std::string("cannot read: ") + std::strerror(errno) + ", skipped");
        }
        continue;
      }
      struct stat cst = lst;
      if (S_ISLNK(lst.st_mode)) {
        if (stat(child_abs.c_str(), &cst) != 0) {
          if (wanted) skip(child_rel, std::string("broken symlink (") + std::strerror(errno) + "), skipped");
          continue;
        }
        // A link to a folder or a file outside the root is not followed unless --follow
        // (ripgrep's convention). A link to a FIFO or a device is rejected below either way.
        if ((S_ISDIR(cst.st_mode) || S_ISREG(cst.st_mode)) && !options.follow && !inside_root(child_abs)) {
          if (S_ISDIR(cst.st_mode) || wanted)
            out.warnings.push_back(printable_path(child_abs) +
                                   ": symlink leads outside the folder, not followed (--follow follows it)");
          continue;
        }
      }
      if (S_ISDIR(cst.st_mode)) {
        auto ranges = visit_dir(child_abs, child_rel, depth + 1);
        if (!ranges.empty()) {
          placed.push_back({i, true, parts.size(), parts.size() + ranges.size()});
          parts.insert(parts.end(), ranges.begin(), ranges.end());
        }
      } else if (!wanted) {
        continue;
      } else if (S_ISREG(cst.st_mode)) {
        const uint64_t begin = out.files.end_offset();
        out.files.push_back({std::move(child_rel), static_cast<int64_t>(cst.st_size),
                             static_cast<int64_t>(cst.st_mtim.tv_sec) * 1000000000 + cst.st_mtim.tv_nsec});
        placed.push_back({i, false, parts.size(), parts.size() + 1});
        parts.push_back({begin, out.files.end_offset()});
      } else {
        skip(child_rel, std::string(kind_of(cst.st_mode)) + ", not a regular file: skipped");
      }
    }
    // name + "/" for a folder, compared without building it.
    auto by_path = [&](const Placed& a, const Placed& b) {
      const std::string& x = names[a.name].first;
      const std::string& y = names[b.name].first;
      const size_t n = std::min(x.size(), y.size());
      if (const int c = x.compare(0, n, y, 0, n); c != 0) return c < 0;
      const int xc = x.size() > n ? static_cast<unsigned char>(x[n]) : a.folder ? '/' : -1;
      const int yc = y.size() > n ? static_cast<unsigned char>(y[n]) : b.folder ? '/' : -1;
      return xc < yc;
    };
    if (!std::is_sorted(placed.begin(), placed.end(), by_path)) std::sort(placed.begin(), placed.end(), by_path);
    std::vector<FileList::Range> ranges;
    for (const auto& p : placed)
      for (size_t k = p.first; k < p.last; ++k) {
        const auto& r = parts[k];
        if (!ranges.empty() && ranges.back().end == r.begin) ranges.back().end = r.end;
        else ranges.push_back(r);
      }
    return ranges;
  }
};

std::string without_trailing_slashes(std::string root) {
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  return root;
}

}  // namespace

WalkResult walk_reports(const std::string& root, const std::vector<std::string>& globs, const WalkOptions& options) {
  WalkResult out;
  const std::string r = without_trailing_slashes(root);
  std::string canonical = r;
  if (std::unique_ptr<char, decltype(&std::free)> real(realpath(r.c_str(), nullptr), &std::free); real)
    canonical = real.get();
  Walker w{canonical, globs, options, out, {}};
  out.files.reorder(w.visit_dir(r, "", 0));
  std::sort(out.skipped.begin(), out.skipped.end(),
            [](const SkippedPath& a, const SkippedPath& b) { return a.rel_path < b.rel_path; });
  return out;
}

IngestRoots plan_ingest_roots(const std::vector<std::string>& paths) {
  IngestRoots out;
  std::vector<IngestRoot> file_roots;
  for (const auto& p : paths) {
    struct stat st {};
    if (stat(p.c_str(), &st) != 0) {
      out.error = printable_path(p) + ": " + std::strerror(errno);
      return out;
    }
    std::unique_ptr<char, decltype(&std::free)> real(realpath(p.c_str(), nullptr), &std::free);
    if (!real) {
      out.error = printable_path(p) + ": " + std::strerror(errno);
      return out;
    }
    if (S_ISDIR(st.st_mode)) {
      out.roots.push_back({real.get(), p, {}});
      continue;
    }
    if (!S_ISREG(st.st_mode)) {
      out.error = printable_path(p) + ": " + kind_of(st.st_mode) + ", neither a folder nor a file";
      return out;
    }
    // The file's folder as typed, and the canonical folder of the file itself (not of a
    // link's target: a link is stored under the folder it sits in, as a walk would).
    std::string typed = without_trailing_slashes(p);
    const size_t slash = typed.rfind('/');
    std::string shown = slash == std::string::npos ? "" : typed.substr(0, slash == 0 ? 1 : slash);
    std::string name = slash == std::string::npos ? typed : typed.substr(slash + 1);
    std::unique_ptr<char, decltype(&std::free)> dir(realpath(shown.empty() ? "." : shown.c_str(), nullptr), &std::free);
    if (!dir) {
      out.error = printable_path(p) + ": " + std::strerror(errno);
      return out;
    }
    auto it = std::find_if(file_roots.begin(), file_roots.end(), [&](const IngestRoot& r) { return r.root == dir.get(); });
    if (it == file_roots.end()) {
      file_roots.push_back({dir.get(), shown, {}});
      it = file_roots.end() - 1;
    }
    if (std::find(it->only.begin(), it->only.end(), name) == it->only.end()) it->only.push_back(name);
  }
  for (auto& r : file_roots) {
    std::sort(r.only.begin(), r.only.end());
    out.roots.push_back(std::move(r));
  }
  return out;
}

WalkResult walk_named_files(const std::string& root, const std::vector<std::string>& rel_paths) {
  WalkResult out;
  for (const auto& rel : rel_paths) {
    const std::string abs = without_trailing_slashes(root) + "/" + rel;
    struct stat st {};
    if (stat(abs.c_str(), &st) != 0) {
      out.skipped.push_back({rel, std::string("cannot read: ") + std::strerror(errno) + ", skipped"});
    } else if (!S_ISREG(st.st_mode)) {
      out.skipped.push_back({rel, std::string(kind_of(st.st_mode)) + ", not a regular file: skipped"});
    } else {
      out.files.push_back({rel, static_cast<int64_t>(st.st_size),
                           static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec});
    }
  }
  return out;  // in the order of rel_paths, which is sorted
}

std::string abs_path(const std::string& root, const FoundFile& f) {
  return without_trailing_slashes(root) + "/" + f.rel_path;
}

std::string printable_path(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(path.size());
  auto hex = [&](unsigned char c) { out.append("\\x").append(1, kHex[c >> 4]).append(1, kHex[c & 15]); };
  const auto* p = reinterpret_cast<const unsigned char*>(path.data());
  const size_t n = path.size();
  for (size_t i = 0; i < n;) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      if (c == '\n') out += "\\n";
      else if (c == '\t') out += "\\t";
      else if (c == '\r') out += "\\r";
      else if (c == '\\') out += "\\\\";
      else if (c < 0x20 || c == 0x7f) hex(c);
      else out += static_cast<char>(c);
      ++i;
      continue;
    }
    // The length of a well-formed UTF-8 sequence starting here, else 0.
    size_t len = 0;
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c >= 0xE0 && c <= 0xEF) len = 3;
    else if (c >= 0xF0 && c <= 0xF4) len = 4;
    bool ok = len > 0 && i + len <= n;
    for (size_t k = 1; ok && k < len; ++k) ok = (p[i + k] & 0xC0) == 0x80;
    if (ok && len == 3 && ((c == 0xE0 && p[i + 1] < 0xA0) || (c == 0xED && p[i + 1] >= 0xA0))) ok = false;
    if (ok && len == 4 && ((c == 0xF0 && p[i + 1] < 0x90) || (c == 0xF4 && p[i + 1] >= 0x90))) ok = false;
    if (ok && len == 2 && c == 0xC2 && p[i + 1] < 0xA0) ok = false;  // C1 controls (U+0080..U+009F)
    if (!ok) {
      hex(c);
      ++i;
      continue;
    }
    out.append(path.substr(i, len));
    i += len;
  }
  return out;
}

}  // namespace yanbao
