// bench_util: small measuring helpers for tools/bench (no dependencies beyond libc).
//
//   bench_util run [--stdout F] [--stderr F] -- CMD ARGS...
//       Runs CMD once; prints "wall_s maxrss_kb user_s sys_s exit main_cpu_s" (tab-separated)
//       on stdout. maxrss is the child's peak resident set size from wait4()'s rusage;
//       main_cpu_s the CPU time (user + sys) of its main thread, sampled from
//       /proc/PID/task/PID/stat every 10 ms while it runs (the last sample: at most 10 ms short).
//       For yanbao ingest the main thread is the writer (walk, writes, indexes, summaries);
//       parsing runs on other threads.
//   bench_util repeat N [--stdout F] -- CMD ARGS...
//       Runs CMD N times (stdout to F, default /dev/null; stderr to /dev/null); prints
//       "median_ms min_ms max_ms maxrss_kb exit" where exit is the first non-zero exit code, or 0.
//   bench_util readall DIR...
//       Reads every regular file under DIR (recursively, hidden entries skipped, like
//       yanbao's walk) with one thread; prints "files bytes seconds". The "floor" of ingest.
#include <dirent.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct RunResult {
  double wall_s = 0, user_s = 0, sys_s = 0, main_cpu_s = 0;
  long maxrss_kb = 0;
  int exit = 0;
};

int open_or_die(const std::string& path, int flags) {
  int fd = ::open(path.c_str(), flags | O_CLOEXEC, 0644);
  if (fd < 0) {
    std::fprintf(stderr, "bench_util: %s: %s\n", path.c_str(), std::strerror(errno));
    std::exit(1);
  }
  return fd;
}

/// utime + stime of thread `tid` of process `pid` in seconds, or -1 (gone, or a zombie).
double thread_cpu(pid_t pid, pid_t tid) {
  char path[64];
  std::snprintf(path, sizeof path, "/proc/%d/task/%d/stat", static_cast<int>(pid), static_cast<int>(tid));
  int fd = ::open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  char buf[1024];
  ssize_t n = ::read(fd, buf, sizeof buf - 1);
  ::close(fd);
  if (n <= 0) return -1;
  buf[n] = '\0';
  const char* p = std::strrchr(buf, ')');  // the command name may hold spaces
  if (!p || p[1] != ' ' || p[2] == 'Z') return -1;
  // Fields after the name: state(3) ppid pgrp session tty tpgid flags minflt cminflt majflt
  // cmajflt utime(14) stime(15).
  unsigned long long utime = 0, stime = 0;
  if (std::sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime, &stime) != 2) return -1;
  return static_cast<double>(utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

/// Runs argv; with sample_main, polls for its end (every 10 ms) and samples its main thread's
/// CPU time meanwhile, else waits (repeat: a poll would add up to 10 ms to a short query).
RunResult run_once(char** argv, const std::string& out, const std::string& err, bool sample_main = false) {
  RunResult r;
  const auto t0 = Clock::now();
  pid_t pid = ::fork();
  if (pid < 0) {
    std::perror("bench_util: fork");
    std::exit(1);
  }
  if (pid == 0) {
    if (!out.empty()) ::dup2(open_or_die(out, O_WRONLY | O_CREAT | O_TRUNC), 1);
    if (!err.empty()) ::dup2(open_or_die(err, O_WRONLY | O_CREAT | O_TRUNC), 2);
    ::execvp(argv[0], argv);
    std::fprintf(stderr, "bench_util: cannot run %s: %s\n", argv[0], std::strerror(errno));
    ::_exit(127);
  }
  int status = 0;
  struct rusage ru {};
  for (;;) {
    const pid_t done = ::wait4(pid, &status, sample_main ? WNOHANG : 0, &ru);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) {
      std::perror("bench_util: wait4");
      std::exit(1);
    }
    if (const double cpu = thread_cpu(pid, pid); cpu >= 0) r.main_cpu_s = cpu;
    ::usleep(10000);
  }
  r.wall_s = std::chrono::duration<double>(Clock::now() - t0).count();
  r.user_s = static_cast<double>(ru.ru_utime.tv_sec) + ru.ru_utime.tv_usec / 1e6;
  r.sys_s = static_cast<double>(ru.ru_stime.tv_sec) + ru.ru_stime.tv_usec / 1e6;
  r.maxrss_kb = ru.ru_maxrss;
  r.exit = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

struct ReadStats {
  uint64_t files = 0, bytes = 0;
};

void read_tree(const std::string& dir, std::vector<char>& buf, ReadStats& st) {
  DIR* d = ::opendir(dir.c_str());
  if (!d) return;
  while (dirent* e = ::readdir(d)) {
    if (e->d_name[0] == '.') continue;
    std::string p = dir + "/" + e->d_name;
    unsigned char type = e->d_type;
    if (type == DT_UNKNOWN || type == DT_LNK) {
      struct stat s {};
      if (::stat(p.c_str(), &s) != 0) continue;
      type = S_ISDIR(s.st_mode) ? DT_DIR : S_ISREG(s.st_mode) ? DT_REG : DT_UNKNOWN;
    }
    if (type == DT_DIR) {
      read_tree(p, buf, st);
    } else if (type == DT_REG) {
      int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
      if (fd < 0) continue;
      ssize_t n;
      while ((n = ::read(fd, buf.data(), buf.size())) > 0) st.bytes += static_cast<uint64_t>(n);
      ::close(fd);
      ++st.files;
    }
  }
  ::closedir(d);
}

int usage() {
  std::fprintf(stderr,
               "usage: bench_util run [--stdout F] [--stderr F] -- CMD...\n"
               "       bench_util repeat N [--stdout F] -- CMD...\n"
               "       bench_util readall DIR...\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  std::string cmd = argv[1];
  if (cmd == "readall") {
    if (argc < 3) return usage();
    std::vector<char> buf(1 << 20);
    ReadStats st;
    const auto t0 = Clock::now();
    for (int i = 2; i < argc; ++i) read_tree(argv[i], buf, st);
    double s = std::chrono::duration<double>(Clock::now() - t0).count();
    std::printf("%llu\t%llu\t%.4f\n", static_cast<unsigned long long>(st.files),
                static_cast<unsigned long long>(st.bytes), s);
    return 0;
  }
  int i = 2, times = 1;
  if (cmd == "repeat") {
    if (argc < 3) return usage();
    times = std::atoi(argv[2]);
    i = 3;
    if (times < 1) return usage();
  } else if (cmd != "run") {
    return usage();
  }
  std::string out = cmd == "repeat" ? "/dev/null" : "", err = cmd == "repeat" ? "/dev/null" : "";
  for (; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--") {
      ++i;
      break;
    }
    if (a == "--stdout" && i + 1 < argc) out = argv[++i];
    else if (a == "--stderr" && i + 1 < argc) err = argv[++i];
    else return usage();
  }
  if (i >= argc) return usage();
  char** child = argv + i;
  if (cmd == "run") {
    RunResult r = run_once(child, out, err, true);
    std::printf("%.4f\t%ld\t%.3f\t%.3f\t%d\t%.3f\n", r.wall_s, r.maxrss_kb, r.user_s, r.sys_s, r.exit, r.main_cpu_s);
    return 0;
  }
  std::vector<double> ms;
  long rss = 0;
  int first_bad = 0;
  for (int k = 0; k < times; ++k) {
    RunResult r = run_once(child, out, err);
    ms.push_back(r.wall_s * 1000);
    rss = std::max(rss, r.maxrss_kb);
    if (r.exit && !first_bad) first_bad = r.exit;
  }
  std::sort(ms.begin(), ms.end());
  double med = ms.size() % 2 ? ms[ms.size() / 2] : (ms[ms.size() / 2 - 1] + ms[ms.size() / 2]) / 2;
  std::printf("%.2f\t%.2f\t%.2f\t%ld\t%d\n", med, ms.front(), ms.back(), rss, first_bad);
  return 0;
}
