#pragma once
/// A list of walked files that does not stay in memory: the walk of a large folder, the
/// files an ingest has to read, the paths that vanished. Kept in memory while small, then
/// in an unlinked temporary file (in $TMPDIR, else /tmp), so that an ingest's memory does
/// not grow with the number of files it walks.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace yanbao {

/// One file of a walk. Only the path relative to the root is kept: abs_path() (walk.h)
/// puts the root back in front.
struct FoundFile {
  std::string rel_path;  ///< relative to the root, '/' separators
  int64_t size = 0;
  int64_t mtime_ns = 0;
};

/// Files appended one after the other, each with an optional string of its own (`extra`,
/// e.g. a digest), read back in order as often as needed. Not for two threads at once.
class FileList {
 public:
  /// Records [begin, end), in byte offsets as end_offset() gives them.
  struct Range {
    uint64_t begin = 0, end = 0;
  };

  FileList() = default;
  FileList(FileList&& other) noexcept;
  FileList& operator=(FileList&& other) noexcept;
  FileList(const FileList&) = delete;
  FileList& operator=(const FileList&) = delete;
  ~FileList();

  /// Appends a file. Throws FatalError when the temporary file cannot be written.
  void push_back(const FoundFile& f, std::string_view extra = {});
  size_t size() const { return count_; }
  bool empty() const { return count_ == 0; }

  /// Where the next record will start: brackets records for reorder().
  uint64_t end_offset() const { return flushed_ + buf_.size(); }
  /// Reads the records in this order from now on: ranges that cover every record once.
  void reorder(std::vector<Range> order) { order_ = std::move(order); }

  class Reader {
   public:
    /// The next file (and its extra, when asked for); false past the last one.
    bool next(FoundFile& f, std::string* extra = nullptr);

   private:
    friend class FileList;
    explicit Reader(const FileList& list);
    bool read(uint64_t offset, size_t n, char* out);
    const FileList* list_;
    std::vector<Range> ranges_;
    size_t range_ = 0;
    uint64_t pos_ = 0;
    std::string window_;  ///< bytes of the file from window_start_ on
    uint64_t window_start_ = 0;
  };

  /// Reads from the first file in order (reorder()'s, else as appended). Appending while a
  /// Reader is in use is not allowed.
  Reader reader();
  /// Every file, in memory: for tools and small lists.
  std::vector<FoundFile> to_vector();

 private:
  void flush();
  std::string buf_;         ///< the records after flushed_ (all of them while small)
  int fd_ = -1;             ///< the temporary file, once the list outgrew memory
  uint64_t flushed_ = 0;    ///< bytes written to fd_
  size_t count_ = 0;
  std::vector<Range> order_;  ///< empty: as appended
};

}  // namespace yanbao
