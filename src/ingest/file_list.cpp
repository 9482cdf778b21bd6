#include "ingest/file_list.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "util/error.h"

namespace yanbao {
namespace {

/// Records go to the temporary file in blocks of this size: a list shorter than one block
/// never makes a file.
constexpr size_t kBlock = 256 * 1024;

void put_u32(std::string& out, uint32_t v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }
void put_i64(std::string& out, int64_t v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }

int make_temp_file() {
  const char* dir = std::getenv("TMPDIR");
  std::string tmpl = std::string(dir && *dir ? dir : "/tmp") + "/yanbao-files-XXXXXX";
  const int fd = ::mkostemp(tmpl.data(), O_CLOEXEC);
  if (fd < 0)
    throw FatalError("cannot create a temporary file in " + tmpl.substr(0, tmpl.rfind('/')) + " for the list of files: " +
                     std::strerror(errno) + " (TMPDIR names another folder)");
  ::unlink(tmpl.c_str());  // gone with the process, whatever ends it
  return fd;
}

}  // namespace

FileList::FileList(FileList&& o) noexcept
    : buf_(std::move(o.buf_)), fd_(std::exchange(o.fd_, -1)), flushed_(std::exchange(o.flushed_, 0)),
      count_(std::exchange(o.count_, 0)), order_(std::move(o.order_)) {}

FileList& FileList::operator=(FileList&& o) noexcept {
  if (this != &o) {
    if (fd_ >= 0) ::close(fd_);
    buf_ = std::move(o.buf_);
    fd_ = std::exchange(o.fd_, -1);
    flushed_ = std::exchange(o.flushed_, 0);
    count_ = std::exchange(o.count_, 0);
    order_ = std::move(o.order_);
  }
  return *this;
}

FileList::~FileList() {
  if (fd_ >= 0) ::close(fd_);
}

void FileList::push_back(const FoundFile& f, std::string_view extra) {
  put_u32(buf_, static_cast<uint32_t>(f.rel_path.size()));
  buf_ += f.rel_path;
  put_i64(buf_, f.size);
  put_i64(buf_, f.mtime_ns);
  put_u32(buf_, static_cast<uint32_t>(extra.size()));
  buf_ += extra;
  ++count_;
  if (buf_.size() >= kBlock) flush();
}

void FileList::flush() {
  if (buf_.empty()) return;
  if (fd_ < 0) fd_ = make_temp_file();
  size_t off = 0;
  while (off < buf_.size()) {
    const ssize_t n = ::pwrite(fd_, buf_.data() + off, buf_.size() - off, static_cast<off_t>(flushed_ + off));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw FatalError(std::string("cannot write the temporary list of files: ") + std::strerror(errno));
    off += static_cast<size_t>(n);
  }
  flushed_ += buf_.size();
  buf_.clear();
}

FileList::Reader FileList::reader() {
  if (fd_ >= 0) flush();  // then every record is read from the file
  return Reader(*this);
}

std::vector<FoundFile> FileList::to_vector() {
  std::vector<FoundFile> out;
  out.reserve(count_);
  Reader r = reader();
  for (FoundFile f; r.next(f);) out.push_back(std::move(f));
  return out;
}

FileList::Reader::Reader(const FileList& list) : list_(&list), ranges_(list.order_) {
  if (ranges_.empty() && list.end_offset() > 0) ranges_.push_back({0, list.end_offset()});
  if (!ranges_.empty()) pos_ = ranges_[0].begin;
}

bool FileList::Reader::read(uint64_t offset, size_t n, char* out) {
  if (list_->fd_ < 0) {  // all in memory
    if (offset + n > list_->buf_.size()) return false;
    std::memcpy(out, list_->buf_.data() + offset, n);
    return true;
  }
  if (offset < window_start_ || offset + n > window_start_ + window_.size()) {
    window_.resize(std::max(kBlock, n));
    size_t got = 0;
    while (got < window_.size()) {
      const ssize_t r = ::pread(list_->fd_, window_.data() + got, window_.size() - got, static_cast<off_t>(offset + got));
      if (r < 0 && errno == EINTR) continue;
      if (r < 0) throw FatalError(std::string("cannot read the temporary list of files: ") + std::strerror(errno));
      if (r == 0) break;
      got += static_cast<size_t>(r);
    }
    window_.resize(got);
    window_start_ = offset;
    if (n > got) return false;
  }
  std::memcpy(out, window_.data() + (offset - window_start_), n);
  return true;
}

bool FileList::Reader::next(FoundFile& f, std::string* extra) {
  while (range_ < ranges_.size() && pos_ >= ranges_[range_].end) {
    if (++range_ < ranges_.size()) pos_ = ranges_[range_].begin;
  }
  if (range_ >= ranges_.size()) return false;
  // Each field in turn, as push_back() wrote it; out == nullptr skips it.
  auto take = [&](void* out, size_t n) {
    if (out && !read(pos_, n, static_cast<char*>(out))) return false;
    pos_ += n;
    return true;
  };
  uint32_t len = 0;
  if (!take(&len, sizeof len)) return false;
  f.rel_path.resize(len);
  if (!take(f.rel_path.data(), len) || !take(&f.size, sizeof f.size) || !take(&f.mtime_ns, sizeof f.mtime_ns) ||
      !take(&len, sizeof len))
    return false;
  if (extra) extra->resize(len);
  return take(extra ? extra->data() : nullptr, len);
}

}  // namespace yanbao
