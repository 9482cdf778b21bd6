#include "ingest/ingest_parts.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>

#include "util/sha256.h"

namespace yanbao::ingest_parts {
namespace {

std::atomic<int> g_signal{0};

extern "C" void on_stop_signal(int sig) { g_signal.store(sig); }

Parsed read_and_parse(const std::string& root, const Job& job, int64_t max_size) {
  const FoundFile& f = job.file;
  Parsed p;
  if (f.size > max_size) {
    p.outcome.problem = {"file is larger than --max-size (" + std::to_string(f.size) + " > " +
                             std::to_string(max_size) + " bytes)", 0};
    return p;
  }
  // O_NONBLOCK: a FIFO put in the file's place since the walk must not block the run; it
  // is no regular file, so it is rejected right after.
  const int fd = ::open(abs_path(root, f).c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    p.outcome.problem = {std::string("cannot read file: ") + std::strerror(errno), 0};
    return p;
  }
  struct FdCloser {
    int fd;
    ~FdCloser() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    p.outcome.problem = {"not a regular file any more, skipped", 0};
    return p;
  }
  if (st.st_size > max_size) {
    p.outcome.problem = {"file is larger than --max-size (" + std::to_string(st.st_size) + " > " +
                             std::to_string(max_size) + " bytes)", 0};
    return p;
  }
  std::string bytes;
  bytes.resize(static_cast<size_t>(st.st_size));
  size_t got = 0;
  while (got < bytes.size()) {
    const ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      p.outcome.problem = {std::string("cannot read file: ") + std::strerror(errno), 0};
      return p;
    }
    if (n == 0) break;  // shorter than its size said: being written; what is there is parsed
    got += static_cast<size_t>(n);
  }
  bytes.resize(got);
  p.sha256 = sha256_hex(bytes);
  if (!job.current_sha256.empty() && job.current_sha256 == p.sha256) {
    p.same_bytes = true;
    return p;
  }
  try {
    p.outcome = parse_report(bytes, f.rel_path);
  } catch (const std::exception& e) {  // a parser bug must not stop the ingest
    p.outcome = ParseOutcome{};
    p.outcome.problem = {std::string("internal error while parsing: ") + e.what(), 0};
  }
  return p;
}

}  // namespace

int stop_signal() { return g_signal.load(); }

StopSignals::StopSignals() {
  g_signal.store(0);
  struct sigaction sa {};
  sa.sa_handler = on_stop_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, &old_int_);
  sigaction(SIGTERM, &sa, &old_term_);
}

StopSignals::~StopSignals() {
  sigaction(SIGINT, &old_int_, nullptr);
  sigaction(SIGTERM, &old_term_, nullptr);
}

std::string now_utc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void parse_chunk(const std::string& root, const std::vector<Job>& jobs, size_t begin, size_t end, int threads,
                 int64_t max_size, std::vector<Parsed>& out) {
  out.assign(end - begin, Parsed{});
  std::atomic<size_t> next{begin};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < end;) {
      if (g_signal.load()) return;
      out[i - begin] = read_and_parse(root, jobs[i], max_size);
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
}

ChunkPipeline::ChunkPipeline(std::function<void(std::vector<Job>&)> next,
                             std::function<void(const std::vector<Job>&, std::vector<Parsed>&)> parse, size_t ahead)
    : next_(std::move(next)), parse_(std::move(parse)), ahead_(std::max<size_t>(1, ahead)) {
  thread_ = std::thread([this] { produce(); });
}

ChunkPipeline::~ChunkPipeline() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void ChunkPipeline::produce() {
  // The writer is the ingest's bottleneck: where there are fewer cores than threads, the
  // parsers (this thread and the workers it starts, which inherit its nice value) yield to
  // it, instead of taking turns with it on its core.
  ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 10);
  try {
    for (;;) {
      Chunk c;
      next_(c.jobs);
      if (c.jobs.empty() || g_signal.load()) break;
      parse_(c.jobs, c.parsed);
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return stop_ || ready_.size() < ahead_; });
      if (stop_) break;
      ready_.push_back(std::move(c));
      cv_.notify_all();
    }
  } catch (...) {
    std::lock_guard<std::mutex> lock(mu_);
    error_ = std::current_exception();
  }
  std::lock_guard<std::mutex> lock(mu_);
  done_ = true;
  cv_.notify_all();
}

bool ChunkPipeline::pop(Chunk& out) {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return done_ || !ready_.empty(); });
  if (ready_.empty()) {
    if (error_) std::rethrow_exception(error_);
    return false;
  }
  out = std::move(ready_.front());
  ready_.pop_front();
  cv_.notify_all();
  return true;
}

void Progress::update(size_t done) {
  if (!enabled_) return;
  constexpr int kWidth = 30;
  int filled = static_cast<int>(kWidth * done / total_);
  std::fprintf(stderr, "\r[%.*s%*s] %zu/%zu files", filled, "##############################", kWidth - filled, "",
               done, total_);
  std::fflush(stderr);
}

void Progress::finish() {
  if (enabled_) std::fprintf(stderr, "\r\033[K");
}

void Progress::stage(const std::string& what) {
  if (!enabled_) return;
  std::fprintf(stderr, "\r\033[K%s", what.c_str());
  std::fflush(stderr);
}

std::string location(const std::string& shown_path, int line) {
  std::string p = printable_path(shown_path);
  return line > 0 ? p + ":" + std::to_string(line) : p;
}

bool gone_from_disk(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0) return false;
  return errno == ENOENT || errno == ENOTDIR;
}

}  // namespace yanbao::ingest_parts
