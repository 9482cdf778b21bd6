#include "ingest/walk.h"

#include <dirent.h>
#include <fnmatch.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>
#include <utility>

namespace yanbao {
namespace {

struct Walker {
  const std::vector<std::string>& globs;
  WalkResult& out;
  std::set<std::pair<dev_t, ino_t>> visited;

  bool matches(const char* name) const {
    for (const auto& g : globs)
      if (fnmatch(g.c_str(), name, 0) == 0) return true;
    return false;
  }

  void visit_dir(const std::string& abs, const std::string& rel, int depth) {
    struct stat st {};
    if (stat(abs.c_str(), &st) != 0) return;
    if (!visited.insert({st.st_dev, st.st_ino}).second) {
      if (depth > 0) out.warnings.push_back(abs + ": folder already visited (symlink loop?), skipped");
      return;
    }
    DIR* dir = opendir(abs.c_str());
    if (!dir) {
      out.warnings.push_back(abs + ": cannot open folder: " + std::strerror(errno));
      return;
    }
    std::vector<std::string> names;
    while (dirent* e = readdir(dir)) {
      if (e->d_name[0] == '.') continue;  // hidden, and . and ..
      names.emplace_back(e->d_name);
    }
    closedir(dir);
    std::sort(names.begin(), names.end());
    for (const auto& name : names) {
      std::string child_abs = abs + "/" + name;
      std::string child_rel = rel.empty() ? name : rel + "/" + name;
      struct stat cst {};
      if (stat(child_abs.c_str(), &cst) != 0) {
        if (lstat(child_abs.c_str(), &cst) == 0 && S_ISLNK(cst.st_mode) && matches(name.c_str()))
          out.warnings.push_back(child_abs + ": broken symlink, skipped");
        continue;
      }
      if (S_ISDIR(cst.st_mode)) {
        visit_dir(child_abs, child_rel, depth + 1);
      } else if (S_ISREG(cst.st_mode) && matches(name.c_str())) {
        out.files.push_back({std::move(child_rel), static_cast<int64_t>(cst.st_size),
                             static_cast<int64_t>(cst.st_mtim.tv_sec) * 1000000000 + cst.st_mtim.tv_nsec});
      }
    }
  }
};

std::string without_trailing_slashes(std::string root) {
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  return root;
}

}  // namespace

WalkResult walk_reports(const std::string& root, const std::vector<std::string>& globs) {
  WalkResult out;
  Walker w{globs, out, {}};
  w.visit_dir(without_trailing_slashes(root), "", 0);
  std::sort(out.files.begin(), out.files.end(),
            [](const FoundFile& a, const FoundFile& b) { return a.rel_path < b.rel_path; });
  return out;
}

std::string abs_path(const std::string& root, const FoundFile& f) {
  return without_trailing_slashes(root) + "/" + f.rel_path;
}

}  // namespace yanbao
