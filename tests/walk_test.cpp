// Specs for the walk: the files it finds, in the order an ingest merges them with the
// archive, kept in a list that does not grow in memory with their number; and the pipeline
// that parses them ahead of the writer.
#include <gtest/gtest.h>

#include "test_util.h"

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

#include "ingest/file_list.h"
#include "ingest/ingest_parts.h"
#include "ingest/ingest.h"
#include "ingest/walk.h"
#include "util/error.h"

namespace fs = std::filesystem;
using namespace yanbao;
using namespace yanbao::ingest_parts;
using yanbao::test::spit;
using yanbao::test::TempDir;

namespace {

std::vector<std::string> paths_of(FileList& list) {
  std::vector<std::string> out;
  for (const auto& f : list.to_vector()) out.push_back(f.rel_path);
  return out;
}

const char* kReport = "---\ntitle: \"开源证券-中小盘周报\"\ndate: \"2025-03-09\"\n---\n\n正文。\n";

}  // namespace

TEST(FileList, ReadsBackEachFileWithItsExtraInTheOrderAppended) {
  FileList list;
  list.push_back({"a.md", 10, 111});
  list.push_back({"b/c.md", 20, 222}, "digest");
  ASSERT_EQ(list.size(), 2u);
  FileList::Reader r = list.reader();
  FoundFile f;
  std::string extra = "left over";
  ASSERT_TRUE(r.next(f, &extra));
  EXPECT_EQ(f.rel_path, "a.md");
  EXPECT_EQ(f.size, 10);
  EXPECT_EQ(f.mtime_ns, 111);
  EXPECT_EQ(extra, "");
  ASSERT_TRUE(r.next(f, &extra));
  EXPECT_EQ(f.rel_path, "b/c.md");
  EXPECT_EQ(f.size, 20);
  EXPECT_EQ(f.mtime_ns, 222);
  EXPECT_EQ(extra, "digest");
  EXPECT_FALSE(r.next(f));
}

TEST(FileList, ALongListGoesToATemporaryFileAndReadsBackTheSame) {
  // Far more than the block kept in memory, with paths of every length so that records
  // straddle the blocks read back.
  FileList list;
  const int n = 40000;
  for (int i = 0; i < n; ++i)
    list.push_back({std::string(static_cast<size_t>(i % 97), 'x') + std::to_string(i), i, -i}, std::to_string(i * 7));
  for (int pass = 0; pass < 2; ++pass) {  // read as often as needed
    FileList::Reader r = list.reader();
    FoundFile f;
    std::string extra;
    int i = 0;
    for (; r.next(f, &extra); ++i) {
      ASSERT_EQ(f.rel_path, std::string(static_cast<size_t>(i % 97), 'x') + std::to_string(i));
      ASSERT_EQ(f.size, i);
      ASSERT_EQ(f.mtime_ns, -i);
      ASSERT_EQ(extra, std::to_string(i * 7));
    }
    EXPECT_EQ(i, n);
  }
}

TEST(FileList, ATemporaryFolderThatCannotTakeTheListIsAFatalErrorNamingIt) {
  TempDir tmp;
  const std::string missing = (tmp.path / "no-such-folder").string();
  const char* was = std::getenv("TMPDIR");
  const std::string saved = was ? was : "";
  ::setenv("TMPDIR", missing.c_str(), 1);
  std::string message;
  try {
    FileList list;
    for (int i = 0; i < 20000; ++i) list.push_back({"report-" + std::to_string(i) + ".md", i, i});
  } catch (const FatalError& e) {
    message = e.what();
  }
  if (was)
    ::setenv("TMPDIR", saved.c_str(), 1);
  else
    ::unsetenv("TMPDIR");
  EXPECT_NE(message.find("cannot create a temporary file in " + missing + " for the list of files"), std::string::npos)
      << message;
}

TEST(FileList, ReadsInTheOrderOfTheRangesGiven) {
  FileList list;
  std::vector<FileList::Range> ranges;
  for (const char* p : {"1", "2", "3"}) {
    const uint64_t begin = list.end_offset();
    list.push_back({p});
    ranges.push_back({begin, list.end_offset()});
  }
  list.reorder({ranges[2], {ranges[0].begin, ranges[1].end}});
  EXPECT_EQ(paths_of(list), (std::vector<std::string>{"3", "1", "2"}));
}

TEST(Walk, ListsFilesInBytewiseOrderOfTheirPathsWhereAFolderNameStartsASiblingsName) {
  // "a" is a folder; "a-b.md", "a.md" and "a0" start with its name followed by a byte below
  // '/' or above it: bytewise, "a-b.md" < "a.md" < "a/..." < "a0/...".
  TempDir t;
  for (const char* p : {"a/c.md", "a/b/x.md", "a/b-y.md", "a-b.md", "a.md", "a0/z.md", "ab.md", "A.md", "中文.md"})
    spit(t.path / p, kReport);
  WalkResult w = walk_reports(t.path.string(), {"*.md"});
  std::vector<std::string> got = paths_of(w.files);
  std::vector<std::string> sorted = got;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(got, sorted);
  EXPECT_EQ(got, (std::vector<std::string>{"A.md", "a-b.md", "a.md", "a/b-y.md", "a/b/x.md", "a/c.md", "a0/z.md",
                                           "ab.md", "中文.md"}));
}

TEST(Walk, TheFirstOfTwoWaysIntoAFolderInNameOrderIsTheOneWalked) {
  // "a" comes before "a-link" by name, after it by path ("a-link/" < "a/"): the folder is
  // walked as "a", as it always was, and the link is the one said to be visited already.
  TempDir t;
  spit(t.path / "a/x.md", kReport);
  fs::create_directory_symlink(t.path / "a", t.path / "a-link");
  WalkResult w = walk_reports(t.path.string(), {"*.md"});
  EXPECT_EQ(paths_of(w.files), (std::vector<std::string>{"a/x.md"}));
  ASSERT_EQ(w.warnings.size(), 1u);
  EXPECT_NE(w.warnings[0].find("a-link: folder already visited"), std::string::npos) << w.warnings[0];
}

TEST(Walk, ReportIdsFollowThePathOrderOfTheWalk) {
  TempDir t;
  for (const char* p : {"a/c.md", "a-b.md", "a.md", "b.md"}) spit(t.path / "in" / p, kReport + std::string(p));
  const std::string db = (t.path / "a.db").string();
  IngestOptions opt;
  opt.dirs = {(t.path / "in").string()};
  std::ostringstream err;
  IngestSummary s = run_ingest(db, opt, err);
  EXPECT_EQ(s.added, 4) << err.str();
  SQLite::Database a(db);
  SQLite::Statement st(a, "SELECT path FROM reports ORDER BY id");
  std::vector<std::string> by_id;
  while (st.executeStep()) by_id.push_back(st.getColumn(0).getString());
  EXPECT_EQ(by_id, (std::vector<std::string>{"a-b.md", "a.md", "a/c.md", "b.md"}));
}

namespace {

/// A pipeline over `chunks` chunks of one job each, the job's path naming its chunk; the
/// parse gives each job its path as its digest.
struct NumberedChunks {
  int chunks;
  std::atomic<int> taken{0}, parsed{0};
  std::function<void(std::vector<Job>&)> next() {
    return [this](std::vector<Job>& out) {
      out.clear();
      if (taken < chunks) out.push_back(Job{{std::to_string(taken++), 1, 1}, ""});
    };
  }
  std::function<void(const std::vector<Job>&, std::vector<Parsed>&)> parse() {
    return [this](const std::vector<Job>& js, std::vector<Parsed>& out) {
      out.assign(js.size(), Parsed{});
      for (size_t i = 0; i < js.size(); ++i) out[i].sha256 = js[i].file.rel_path;
      ++parsed;
    };
  }
};

}  // namespace

TEST(ChunkPipeline, GivesEveryChunkInTheOrderTaken) {
  NumberedChunks n{200};
  ChunkPipeline pipeline(n.next(), n.parse(), 4);
  int i = 0;
  for (ChunkPipeline::Chunk c; pipeline.pop(c); ++i) {
    ASSERT_EQ(c.jobs.size(), 1u);
    EXPECT_EQ(c.jobs[0].file.rel_path, std::to_string(i));
    EXPECT_EQ(c.parsed.at(0).sha256, std::to_string(i));
  }
  EXPECT_EQ(i, 200);
}

TEST(ChunkPipeline, ParsesNoMoreThanItsDepthAheadOfTheWriter) {
  NumberedChunks n{100};
  ChunkPipeline pipeline(n.next(), n.parse(), 3);
  ChunkPipeline::Chunk c;
  ASSERT_TRUE(pipeline.pop(c));  // the writer holds chunk 0; the producer fills 3 slots ...
  // ... and parses one more, which then waits for a slot: once 5 are parsed (the marker),
  // the producer is blocked and has taken exactly 5.
  while (n.parsed < 5) std::this_thread::yield();
  EXPECT_EQ(n.taken, 5);
  ASSERT_TRUE(pipeline.pop(c));  // a slot frees: the next one is taken
  while (n.parsed < 6) std::this_thread::yield();
  EXPECT_EQ(n.taken, 6);
}

TEST(ChunkPipeline, RethrowsWhatTheProducerThrewAfterTheChunksBeforeIt) {
  int taken = 0;
  ChunkPipeline pipeline(
      [&](std::vector<Job>& out) {
        out.clear();
        if (taken == 2) throw std::runtime_error("cannot read the file list");
        out.push_back(Job{{std::to_string(taken++), 1, 1}, ""});
      },
      [](const std::vector<Job>& js, std::vector<Parsed>& out) { out.assign(js.size(), Parsed{}); }, 8);
  ChunkPipeline::Chunk c;
  EXPECT_TRUE(pipeline.pop(c));
  EXPECT_TRUE(pipeline.pop(c));
  EXPECT_THROW(pipeline.pop(c), std::runtime_error);
}

TEST(ChunkPipeline, AWriterThatStopsEarlyLeavesNoProducerRunning) {
  NumberedChunks n{1000000};
  {
    ChunkPipeline pipeline(n.next(), n.parse(), 2);
    ChunkPipeline::Chunk c;
    ASSERT_TRUE(pipeline.pop(c));
  }  // destroyed with the producer blocked on a full queue: stopped and joined
  const int taken = n.taken;
  EXPECT_LE(taken, 4);
}
