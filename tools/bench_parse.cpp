// bench_parse: times yanbao's per-file parse (parse_report: decode + front matter +
// extraction) on one thread, with every file already in memory, and optionally writes a
// canonical dump of every ParseOutcome so two builds can be diffed byte for byte.
//
//   bench_parse DIR [--glob PATTERN]... [--repeat N] [--check FILE]
//   bench_parse --compare EXPECTED_DUMP DUMP
//
// Files are found like `yanbao ingest` finds them (walk_reports; default globs *.md
// *.markdown *.txt) and read before the clock starts. The timed loop runs parse_report over
// all files N times (default 1) and prints files/s, MB/s and µs/file for the best pass, and
// the thread's CPU time per file over the timed passes (steadier than wall time on a shared
// machine). --check writes the dump of the first pass, which is then not timed when N > 1.
// Then it times the document model alone (parse_document + render_text over each body, the
// first step of extraction) the same way, and prints its share of the parse.
//
// --compare reads two --check dumps of the same files (a corpus and the same reports as
// PDF text, gen-corpus --pdf) and prints, per kind of row, how many rows the first has, how
// many the second has the same (equal fields, same file) and how many it has besides: the
// document model's repair, as recall and precision against the clean text.
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "extract/document.h"
#include "ingest/report.h"
#include "ingest/walk.h"

namespace {

using namespace yanbao;

/// Escapes control bytes and backslashes so every field stays on one line.
void put_text(std::ostream& os, std::string_view s) {
  for (unsigned char c : s) {
    if (c == '\\') os << "\\\\";
    else if (c == '\n') os << "\\n";
    else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      os << buf;
    } else os << static_cast<char>(c);
  }
}

void put(std::ostream& os, const char* name, std::string_view s) {
  os << "  " << name << "=\"";
  put_text(os, s);
  os << "\"\n";
}

void put(std::ostream& os, const char* name, const std::string& s) { put(os, name, std::string_view(s)); }

void put(std::ostream& os, const char* name, const std::optional<std::string>& s) {
  if (s) put(os, name, std::string_view(*s));
  else os << "  " << name << "=null\n";
}

void put(std::ostream& os, const char* name, const std::optional<double>& v) {
  os << "  " << name << "=";
  if (v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", *v);  // round-trips every double exactly
    os << buf;
  } else {
    os << "null";
  }
  os << "\n";
}

void dump(std::ostream& os, const std::string& rel_path, const ParseOutcome& o) {
  os << "== " << rel_path << "\n";
  if (!o.ok) {
    os << "problem line=" << o.problem.line << " ";
    put_text(os, o.problem.message);
    os << "\n";
    return;
  }
  const ReportRecord& r = o.report;
  put(os, "title", r.title);
  put(os, "published", r.published);
  put(os, "report_date", r.report_date);
  put(os, "broker", r.broker);
  put(os, "series", r.series);
  put(os, "url", r.url);
  put(os, "summary", r.summary);
  put(os, "body", r.body);
  put(os, "front_matter_json", r.front_matter_json);
  put(os, "front_format", r.front_format);
  put(os, "encoding", r.encoding);
  for (const auto& [kind, value] : r.tags) {
    os << " tag\n";
    put(os, "kind", kind);
    put(os, "value", value);
  }
  const Extraction& x = r.extraction;
  for (const auto& i : x.indices) {
    os << " index\n";
    put(os, "name", i.name);
    put(os, "raw_name", i.raw_name);
    put(os, "period", i.period);
    put(os, "close", i.close);
    put(os, "change_pct", i.change_pct);
  }
  for (const auto& m : x.movers) {
    os << " mover\n";
    put(os, "name", m.name);
    put(os, "code", m.code);
    put(os, "direction", m.direction);
    put(os, "change_pct", m.change_pct);
  }
  for (const auto& n : x.news) {
    os << " news\n";
    put(os, "text", n.text);
  }
  for (const auto& e : x.events) {
    os << " event\n";
    put(os, "event_date", e.event_date);
    put(os, "company", e.company);
    put(os, "code", e.code);
    put(os, "text", e.text);
  }
  for (const auto& p : x.picks) {
    os << " pick\n";
    put(os, "theme", p.theme);
    put(os, "name", p.name);
    put(os, "code", p.code);
    put(os, "kind", p.kind);
    put(os, "rating", p.rating);
  }
  for (const auto& k : x.risks) {
    os << " risk\n";
    put(os, "text", k.text);
  }
  put(os, "period_start", x.period_start);
  put(os, "period_end", x.period_end);
  put(os, "topic", x.topic);
}

/// This thread's CPU time: unlike wall time, not inflated by other processes on the cores.
double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

int usage() {
  std::cerr << "usage: bench_parse DIR [--glob PATTERN]... [--repeat N] [--check FILE]\n"
               "       bench_parse --compare EXPECTED_DUMP DUMP\n";
  return 2;
}

/// The rows of a dump by (file, kind), each row its field lines joined. Report fields,
/// tags and the report's period and topic are left out: rows only.
using DumpRows = std::map<std::pair<std::string, std::string>, std::multiset<std::string>>;

bool load_dump(const std::string& path, DumpRows& rows) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::string line, file, kind, row;
  auto flush = [&] {
    if (!kind.empty()) rows[{file, kind}].insert(row);
    kind.clear();
    row.clear();
  };
  while (std::getline(in, line)) {
    if (line.rfind("== ", 0) == 0) {
      flush();
      file = line.substr(3);
    } else if (line.size() > 1 && line[0] == ' ' && line[1] != ' ') {
      flush();
      kind = line.substr(1);
      if (kind == "tag") kind.clear();
    } else if (line.rfind("  period_start=", 0) == 0 || line.rfind("  period_end=", 0) == 0 ||
               line.rfind("  topic=", 0) == 0) {
      flush();
    } else if (!kind.empty() && line.rfind("  ", 0) == 0) {
      row += line;
      row += '\n';
    }
  }
  flush();
  return true;
}

int compare_dumps(const std::string& expected_path, const std::string& got_path) {
  DumpRows expected, got;
  for (auto [path, rows] : {std::pair{&expected_path, &expected}, std::pair{&got_path, &got}}) {
    if (!load_dump(*path, *rows)) {
      std::cerr << "bench_parse: cannot read " << *path << " (a dump that --check wrote)\n";
      return 1;
    }
  }
  struct Counts {
    size_t expected = 0, same = 0, extra = 0;
  };
  std::map<std::string, Counts> by_kind;
  for (const auto& [key, rows] : expected) by_kind[key.second].expected += rows.size();
  for (const auto& [key, rows] : got) {
    Counts& c = by_kind[key.second];
    auto it = expected.find(key);
    std::multiset<std::string> left = it == expected.end() ? std::multiset<std::string>{} : it->second;
    for (const auto& r : rows) {
      auto m = left.find(r);
      if (m == left.end()) {
        ++c.extra;
      } else {
        ++c.same;
        left.erase(m);
      }
    }
  }
  for (const auto& [kind, c] : by_kind)
    std::printf("%s expected %zu same %zu extra %zu\n", kind.c_str(), c.expected, c.same, c.extra);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string root, check;
  std::vector<std::string> globs;
  int repeat = 1;
  if (argc == 4 && std::string(argv[1]) == "--compare") return compare_dumps(argv[2], argv[3]);
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--glob" && i + 1 < argc) globs.push_back(argv[++i]);
    else if (a == "--repeat" && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
    else if (a == "--check" && i + 1 < argc) check = argv[++i];
    else if (!a.empty() && a[0] != '-' && root.empty()) root = a;
    else return usage();
  }
  if (root.empty()) return usage();
  if (globs.empty()) globs = {"*.md", "*.markdown", "*.txt"};

  WalkResult walk = walk_reports(root, globs);
  for (const auto& w : walk.warnings) std::cerr << "warning: " << w << "\n";
  const std::vector<FoundFile> files = walk.files.to_vector();  // every file's bytes are held below anyway
  std::vector<std::string> contents;
  contents.reserve(files.size());
  size_t total_bytes = 0;
  for (const auto& f : files) {
    std::ifstream in(abs_path(root, f), std::ios::binary);
    contents.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    total_bytes += contents.back().size();
  }
  const size_t n = contents.size();
  if (n == 0) {
    std::cerr << "no files under " << root << "\n";
    return 1;
  }

  std::ofstream dump_out;
  if (!check.empty()) {
    dump_out.open(check, std::ios::binary);
    if (!dump_out) {
      std::cerr << "cannot write " << check << "\n";
      return 1;
    }
  }

  using Clock = std::chrono::steady_clock;
  double best = 1e300;
  size_t ok = 0;
  double cpu_total = 0;
  int cpu_passes = 0;
  for (int pass = 0; pass < repeat; ++pass) {
    auto t0 = Clock::now();
    double cpu0 = cpu_seconds();
    size_t pass_ok = 0;
    for (size_t i = 0; i < n; ++i) {
      ParseOutcome o = parse_report(contents[i], files[i].rel_path);
      pass_ok += o.ok;
      // The dump is written inside the loop (so outcomes need not be kept), and only on
      // the first pass; use --repeat > 1 when timing with --check.
      if (pass == 0 && dump_out.is_open()) dump(dump_out, files[i].rel_path, o);
    }
    double s = std::chrono::duration<double>(Clock::now() - t0).count();
    double cpu = cpu_seconds() - cpu0;
    if (!(pass == 0 && dump_out.is_open() && repeat > 1)) {
      best = std::min(best, s);
      cpu_total += cpu;
      ++cpu_passes;
    }
    ok = pass_ok;
  }
  std::printf("files %zu (ok %zu), %.1f MB, %d pass(es)\n", n, ok, total_bytes / 1e6, repeat);
  std::printf("best pass: %.3f s, %.0f files/s, %.2f MB/s, %.1f us/file\n", best, n / best,
              total_bytes / 1e6 / best, best / n * 1e6);
  const double parse_cpu = cpu_total / (static_cast<double>(n) * cpu_passes) * 1e6;
  std::printf("thread cpu (timed passes): %.1f us/file\n", parse_cpu);

  // The document model alone, on the bodies the parse read (its first step).
  std::vector<std::string> bodies;
  bodies.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    ParseOutcome o = parse_report(contents[i], files[i].rel_path);
    if (o.ok) bodies.push_back(std::move(o.report.body));
  }
  double doc_cpu = 1e300;
  static volatile size_t sink = 0;  // keeps the work from being optimized away
  for (int pass = 0; pass < repeat; ++pass) {
    const double cpu0 = cpu_seconds();
    for (const auto& b : bodies) {
      const Document doc = parse_document(b);
      sink = sink + render_text(doc).size() + doc.blocks.size();
    }
    doc_cpu = std::min(doc_cpu, cpu_seconds() - cpu0);
  }
  if (!bodies.empty())
    std::printf("document model (parse_document + render_text), thread cpu of the best pass: %.1f us/file, %.0f%% of the parse\n",
                doc_cpu / static_cast<double>(bodies.size()) * 1e6,
                100.0 * doc_cpu / static_cast<double>(bodies.size()) * 1e6 / parse_cpu);
  return 0;
}
