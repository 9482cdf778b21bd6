// Datasette's conventions (issue 15): `yanbao queries export --datasette` prints the canned
// queries as Datasette's metadata.yaml, and --queries reads that form back.
#include <gtest/gtest.h>

#include <yaml-cpp/yaml.h>

#include <sstream>

#include "query/canned.h"
#include "test_util.h"

using namespace yanbao;
namespace fs = std::filesystem;
using test::FixtureArchive;
using test::run_yanbao;
using test::spit;

namespace {

/// Everything a query is, as text, to compare two definitions.
std::string describe(const CannedQuery& q) {
  std::ostringstream o;
  o << q.name << "|" << q.title << "|" << q.description << "|" << q.sql << "|" << q.rows_title << "|" << q.total_sql;
  for (const auto& p : q.params) {
    o << "|param " << p.name << " " << p.type << " " << p.required << p.positional << " "
      << p.default_value.value_or("<none>") << " " << (p.bound == DateBound::end) << " " << p.description;
    for (const auto& c : p.choices) o << " choice " << c;
  }
  for (const auto& s : q.summary) o << "|section " << s.title << " " << s.record << s.before << " " << s.when << " " << s.sql;
  for (const auto& l : q.lets) o << "|let " << l.name << " " << l.sql;
  return o.str();
}

std::string exported() {
  std::ostringstream out;
  write_datasette_metadata(out, QueryCatalog::builtin().all(), "reports");
  return out.str();
}

}  // namespace

TEST(Datasette, ExportIsMetadataWithDatabasesQueriesAndNamedParams) {
  YAML::Node root = YAML::Load(exported());
  YAML::Node q = root["databases"]["reports"]["queries"]["pick-history"];
  ASSERT_TRUE(q.IsMap());
  EXPECT_NE(q["sql"].as<std::string>().find(":ticker_base"), std::string::npos);
  EXPECT_EQ(q["title"].as<std::string>(), QueryCatalog::builtin().get("pick-history").title);
  EXPECT_EQ(q["params"][0].as<std::string>(), "ticker");
  EXPECT_EQ(root["databases"]["reports"]["queries"].size(), QueryCatalog::builtin().all().size());
}

TEST(Datasette, ExportedQueriesReadBackTheSame) {
  QueryCatalog back;
  back.add_yaml(exported(), "metadata.yaml");
  const QueryCatalog catalog = QueryCatalog::builtin();
  const auto& built_in = catalog.all();
  ASSERT_EQ(back.all().size(), built_in.size());
  for (size_t i = 0; i < built_in.size(); ++i) EXPECT_EQ(describe(back.all()[i]), describe(built_in[i]));
}

TEST(Datasette, ExportInlinesLetsSoTheStatementRunsAlone) {
  YAML::Node root = YAML::Load(exported());
  YAML::Node q = root["databases"]["reports"]["queries"]["consensus"];
  ASSERT_TRUE(q.IsMap());
  ASSERT_FALSE(QueryCatalog::builtin().get("consensus").lets.empty());
  const std::string sql = q["sql"].as<std::string>();
  EXPECT_EQ(sql.find(":window_start"), std::string::npos) << sql;
  EXPECT_NE(sql.find("SELECT coalesce(:since, date(max(d)"), std::string::npos) << sql;
  // yanbao reads back the statement that uses the let
  EXPECT_NE(q["yanbao"]["sql"].as<std::string>().find(":window_start"), std::string::npos);
  // and the inlined statement answers as yanbao does (notes rating and forecasting 恒立液压)
  struct {
    test::TempDir tmp;
    fs::path dir = tmp.path;
    std::string db = (tmp.path / "yanbao.db").string();
  } f;
  ASSERT_EQ(run_yanbao({"ingest", std::string(YANBAO_TEST_DATA) + "/company", "--db", f.db}, f.dir).code, 0);
  spit(f.dir / "inlined.yaml", "- name: inlined\n  params: [{name: ticker, type: ticker}, {name: since, type: date}, "
                               "{name: days, type: int, default: \"180\"}]\n  sql: |\n" +
                                   [&] {
                                     std::string indented;
                                     std::istringstream in(sql);
                                     for (std::string line; std::getline(in, line);) indented += "    " + line + "\n";
                                     return indented;
                                   }());
  for (const char* t : {"恒立液压", "601100", "经纬恒润"}) {
    auto a = run_yanbao({"--db", f.db, "-f", "tsv", "run", "consensus", t}, f.dir);
    auto b = run_yanbao({"--db", f.db, "-f", "tsv", "--queries", (f.dir / "inlined.yaml").string(), "run", "inlined",
                         "--ticker", t},
                        f.dir);
    EXPECT_EQ(b.code, 0) << b.err;
    EXPECT_EQ(a.out, b.out) << t;
    if (std::string(t) == "601100") {
      EXPECT_NE(a.out.find("broker"), std::string::npos) << a.out;
    }
  }
}

TEST(Datasette, PlainDatasetteQueriesTakeTheirParamsAsOptions) {
  FixtureArchive f;
  spit(f.dir / "metadata.yaml", R"(title: My reports
databases:
  yanbao:
    queries:
      by-broker:
        title: Reports of one broker
        sql: |-
          select report_date, title from reports where broker = :broker order by report_date
      count-all: select count(*) as n from reports
      dated:
        sql: select count(*) as n from reports where report_date >= :since and broker = :broker
        params:
        - since
        - broker
)");
  auto r = run_yanbao({"--db", f.db, "--queries", (f.dir / "metadata.yaml").string(), "--format", "tsv", "run",
                       "by-broker", "--broker", "华泰证券"},
                      f.dir);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "report_date\ttitle\n2024-01-10\t华泰证券金股组合（1月）\n2024-02-01\t华泰证券金股组合（2月）\n");
  auto n = run_yanbao({"--db", f.db, "--queries", (f.dir / "metadata.yaml").string(), "--format", "tsv", "run",
                       "count-all"},
                      f.dir);
  EXPECT_EQ(n.out, "n\n7\n") << n.err;
  auto d = run_yanbao({"--db", f.db, "--queries", (f.dir / "metadata.yaml").string(), "--format", "tsv", "run",
                       "dated", "-p", "since", "2024-01-12", "--broker", "中信证券"},
                      f.dir);
  EXPECT_EQ(d.out, "n\n4\n") << d.err;
}

TEST(Datasette, CliExportRoundTripsThroughQueriesOption) {
  FixtureArchive f;
  auto e = run_yanbao({"--db", f.db, "queries", "export", "--datasette"}, f.dir);
  ASSERT_EQ(e.code, 0) << e.err;
  EXPECT_NE(e.out.find("databases:\n  yanbao:\n    queries:\n"), std::string::npos) << e.out.substr(0, 400);
  spit(f.dir / "metadata.yaml", e.out);
  // the exported pick-history, read back, answers as the built-in does
  auto a = run_yanbao({"--db", f.db, "picks", "经纬恒润"}, f.dir);
  auto b = run_yanbao({"--db", f.db, "--queries", (f.dir / "metadata.yaml").string(), "picks", "经纬恒润"}, f.dir);
  EXPECT_EQ(a.out, b.out);
  auto l = run_yanbao({"--db", f.db, "--queries", (f.dir / "metadata.yaml").string(), "queries"}, f.dir);
  EXPECT_NE(l.out.find("metadata.yaml"), std::string::npos) << l.out;
}
