// gen_corpus N OUT [--seed S] [--stocks-seed S] [--listings K] [--teach NAME=CODE[,NAME=CODE...]] [--pdf] [--tiny]
//
// Writes N synthetic research reports shaped like the real ones (YAML front matter, the
// weekly sections in their usual phrasings, theme pick lists, codes in some reports, news,
// events, filler prose; about 4 KB each) into a dated tree:
//
//   OUT/2025/2025-03/<broker>-<series>-<date>-<n>.md
//
// Deterministic for a seed: its own PRNG (splitmix64), no clocks, no std::random_device, so
// the same N and seed give byte-identical files on any machine. Used by tools/bench.
//
// --listings K adds K stocks that list one after another over the corpus's dates: each is
// picked only by reports after its listing, so an ingest keeps meeting names (and learning
// codes) it has not seen, as with years of real reports. Without it the ~500 stocks of the
// pool are all known after the first few hundred reports. K = 0 (the default) leaves every
// file as before.
//
// --teach NAME=CODE,... adds to report i the line "推荐标的：NAME（CODE）。" of entry i mod K
// (K entries): a report that teaches the archive a code. tools/bench uses it for the slow
// path of learning codes (issue 16): an archive that knows these stocks by name only, then 1
// report (or a week of 100) that prints their codes. Without it every file is as before.
//
// --stocks-seed S draws the pool of stocks (names and codes) from S instead of --seed: new
// reports that name the corpus's own stocks (another seed draws other names for other codes,
// and a name printed with two codes stays ambiguous in the archive). Default: --seed.
//
// --pdf writes the same reports as text converted from PDF (gen_corpus_pdf.h says how). Each
// choice comes from a hash of the report, never from the report's own draws, so a report
// says the same with and without --pdf: tools/bench compares the rows yanbao reads from the
// two (the document model's repair) and times it.
//
// --tiny writes N tiny valid reports instead (front matter with a title and a date, one
// line of body; about 120 bytes each), 1000 to a folder: OUT/tiny/NNNN/NNNNNNN.md. For the
// memory of a walk over a million files (tools/bench --tiny), where what is in the files
// does not matter and writing 4 GB of real-shaped reports would. Each file is distinct (no
// duplicates). The other options do not apply to it.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gen_corpus_pdf.h"

namespace {

struct Rng {
  uint64_t s;
  explicit Rng(uint64_t seed) : s(seed) {}
  uint64_t next() {
    uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  /// Uniform in [lo, hi] (inclusive).
  int range(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<uint64_t>(hi - lo + 1)); }
  bool chance(double p) { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0) < p; }
  double real(double lo, double hi) { return lo + (hi - lo) * static_cast<double>(next() >> 11) / 9007199254740992.0; }
  template <class T>
  const T& pick(const std::vector<T>& v) { return v[next() % v.size()]; }
};

uint64_t mix(uint64_t a, uint64_t b) { return Rng(a * 0x100000001b3ULL ^ b).next(); }

/// Splits a string of space-separated words into a vector.
std::vector<std::string> words(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

struct Stock {
  std::string name, code;  // code like 300223.SZ, 09868.HK, 920001.BJ
};

// ---------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------

const std::vector<std::string> kBrokers = words(
    "开源证券 国信证券 东吴证券 中信建投证券 天风证券 华西证券 浙商证券 国金证券 华安证券 民生证券 "
    "中泰证券 光大证券 德邦证券 华鑫证券 东北证券");

// Stock name syllables: FIRST + SECOND (+ suffix) gives plausible A-share names.
const std::vector<std::string> kFirst = words(
    "华 中 恒 博 金 天 科 新 长 宏 盛 联 东 海 瑞 德 鼎 安 嘉 汇 晶 光 润 泰 信 富 通 明 利 永 "
    "和 兴 致 远 星 宇 凯 鸿 华 聚 益 美 佳 创 力 达 思 维 万 国");
const std::vector<std::string> kSecond = words(
    "锐 威 芯 源 迈 川 诚 瑞 腾 阳 微 顺 丰 升 合 邦 成 航 驰 科 纳 能 捷 达 森 禾 泽 信 康 亿");
const std::vector<std::string> kSuffix = words(
    "科技 股份 电子 智能 材料 精密 传感 光电 机电 电气 汽车 医药 生物 药业 新材 微电 半导体 "
    "信息 软件 通信 装备 动力 数控 激光 光学 电机 能源 控股");

struct SeriesDef {
  std::string name;  // 中小盘周报
  std::string tag;   // 中小盘
  int style;         // 0 zxp, 1 industry w/ codes, 2 auto grouped, 3 strategy, 4 company note
  std::string sector;
};

const std::vector<SeriesDef> kSeries = {
    {"中小盘周报", "中小盘", 0, "中小盘"},       {"电子行业周报", "电子", 1, "申万电子指数"},
    {"汽车行业周报", "汽车", 2, "SW汽车指数"},   {"策略周报", "策略", 3, "万得全A"},
    {"医药行业周报", "医药", 1, "申万医药生物指数"}, {"机械行业周报", "机械", 1, "申万机械设备指数"},
    {"计算机行业周报", "计算机", 1, "申万计算机指数"}, {"公司点评", "公司点评", 4, ""},
};

const std::vector<std::string> kThemes = words(
    "智能汽车 机器人 AI端侧 半导体设备 算力 低空经济 商业航天 消费电子 创新药 存储 光通信 卫星互联网 "
    "固态电池 数据要素 工业母机 医疗器械 信创 AI应用 军工电子 新能源车 储能 出海 高端制造 人形机器人 "
    "eVTOL 汽车零部件 液冷 铜连接");

const std::vector<std::string> kIndustryThemeHeads = words(
    "整车 零部件 智能驾驶产业链 SoC 存储 安防视觉 创新药 CXO 医疗器械 中药 工业母机 机器人 信创 AI应用 "
    "算力 数据要素 港股");

const std::vector<std::string> kNews = {
    "政府工作报告提出培育新质生产力、6G等未来产业",
    "工信部表示将加快人形机器人标准体系建设",
    "宇树科技人形机器人开启线上预售",
    "比亚迪发布新一代刀片电池",
    "高通发布面向端侧大模型的新一代AI PC平台",
    "多家手机厂商发布搭载端侧大模型的旗舰机型",
    "NAND Flash合约价预计环比上涨5%至10%",
    "工信部等部门发布新一轮消费电子以旧换新补贴细则",
    "乘用车零售销量同比增长26%",
    "商务部等部门明确汽车以旧换新补贴标准",
    "小鹏汽车交付超3万辆，连续四个月破3万",
    "国家药监局批准多款创新药上市",
    "医保目录调整工作方案征求意见",
    "国务院常务会议部署推动低空经济高质量发展",
    "长征系列运载火箭成功发射多颗低轨卫星",
    "英伟达发布新一代GPU架构",
    "国内大模型厂商宣布API价格大幅下调",
    "华为发布鸿蒙智能座舱新版本",
    "特斯拉FSD入华进展引发市场关注",
    "多地出台人工智能产业专项扶持政策",
    "证监会发布支持科技型企业并购重组的若干措施",
    "央行下调存款准备金率0.5个百分点",
    "工业机器人产量同比增长超过20%",
    "城区NOA方案向15万元以下车型下沉",
    "半导体设备国产化率持续提升",
    "北交所推出专精特新专板",
};

const std::vector<std::string> kEventVerbs = {
    "发布2024年度业绩快报，全年实现营收{a}亿元，同比增长{p}%",
    "公告拟以自有资金设立机器人传感器子公司，注册资本{b}亿元",
    "发布股份回购方案，拟回购金额{b}亿元至{c}亿元",
    "披露一季度业绩预告，预计归母净利润同比增长{p}%",
    "公告与头部整机厂签署战略合作协议",
    "发布新一代域控制器产品",
    "公告股东拟减持不超过{q}%股份",
    "召开新品发布会，推出机器人关节模组",
    "发布定增预案，拟募集资金不超过{a}亿元",
    "公告获得海外客户定点，生命周期总金额约{a}亿元",
};

// Filler prose: analyst-style sentences. Those mentioning 智驾 or 具身智能 are drawn with a
// lower probability so the search terms hit a fraction of the corpus, not all of it.
const std::vector<std::string> kFiller = {
    "我们认为，本轮行情的核心驱动力来自产业趋势与政策催化的共振，业绩兑现度较高的细分龙头有望获得估值溢价。",
    "从估值角度看，板块当前市盈率处于近五年30%分位附近，安全边际较为充足，中长期配置价值凸显。",
    "海外需求回暖叠加国内稳增长政策持续发力，下游订单能见度明显提升，产业链景气度有望延续。",
    "从资金面看，北向资金本周净流入，两融余额小幅回升，市场风险偏好边际改善。",
    "产业链调研显示，头部厂商一季度排产环比提升，库存已回落至合理水平，价格战趋于缓和。",
    "国产替代仍是贯穿全年的主线，设备、材料与零部件环节的渗透率提升空间较大。",
    "短期来看，市场或将围绕年报与一季报业绩进行验证，建议关注业绩超预期与估值切换的机会。",
    "大模型推理成本快速下降，推动AI应用在办公、教育、营销等场景加速落地，带动算力需求持续增长。",
    "核心零部件是国产替代最确定的环节，单机价值量高、技术壁垒强，国内厂商在成本与响应速度上具备优势。",
    "出海方面，自主品牌在中东、拉美市场份额持续提升，海外收入占比提高有望带动盈利能力改善。",
    "政策层面，各地相继出台专项扶持政策，产业基金加速落地，为行业发展提供了良好的外部环境。",
    "从竞争格局看，行业集中度持续提升，具备规模优势与技术积累的龙头企业有望强者恒强。",
    "考虑到下游需求复苏节奏，我们维持行业整体判断，建议投资者把握回调带来的布局机会。",
    "原材料价格回落叠加产品结构优化，行业毛利率有望逐季修复，盈利弹性值得期待。",
    "我们预计行业全年收入增速维持在15%至20%区间，利润增速有望快于收入增速。",
};
const std::vector<std::string> kFillerZhijia = {
    "城区NOA向主流价格带下沉，智驾芯片、域控制器与线控底盘环节确定性较强。",
    "高阶智驾渗透率快速提升，激光雷达与4D毫米波雷达出货量有望迎来高增长。",
    "整车厂加速推进智驾平权，端到端大模型方案成为行业竞争焦点。",
};
const std::vector<std::string> kFillerJushen = {
    "具身智能写入政府工作报告，人形机器人产业化进程有望提速，灵巧手与丝杠环节率先受益。",
    "具身智能大模型持续迭代，整机厂商密集发布新品，带动产业链订单预期持续上修。",
};
const std::vector<std::string> kRisks = words(
    "政策落地不及预期 下游需求复苏不及预期 行业竞争加剧 原材料价格波动 技术迭代不及预期 "
    "国际贸易摩擦加剧 人形机器人量产进度不及预期 存储价格上涨持续性不及预期 宏观经济下行 "
    "研发进展不及预期 集采降价超预期 海外贸易政策风险");

const std::vector<std::string> kTopicTitles = {
    "人形机器人量产在即，关注核心零部件国产化",
    "端侧AI加速渗透，关注SoC与存储共振",
    "低空经济政策密集落地，eVTOL产业链迎来机遇",
    "智能座舱加速普及，关注域控与传感器环节",
    "创新药出海提速，关注BD交易与临床数据催化",
    "半导体设备国产化率提升，关注刻蚀与薄膜沉积",
    "商业航天发射密度提升，卫星互联网建设提速",
    "固态电池产业化加速，关注材料与设备环节",
};

const std::vector<std::string> kNoteHeads = {
    "业绩符合预期，新业务放量在即", "订单回暖，盈利拐点显现", "产品结构优化，毛利率持续改善",
    "海外业务高增，全球化布局加速", "研发投入加大，平台化布局成型", "Q4业绩超预期，全年高增长可期",
};

// ---------------------------------------------------------------------------------------

struct Index {
  const char* name;
  double base;
};
const Index kIndices[] = {{"上证综指", 3100}, {"深证成指", 10000}, {"创业板指", 2050}, {"科创50", 950},
                          {"恒生指数", 19500}};

/// Days since 1970-01-01 for a civil date, and back (Howard Hinnant's algorithms).
int64_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}
void civil_from_days(int64_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t yy = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(yy + (m <= 2));
}

std::string fmt(const char* f, ...) __attribute__((format(printf, 1, 2)));
std::string fmt(const char* f, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, f);
  int n = std::vsnprintf(buf, sizeof buf, f, ap);
  va_end(ap);
  return std::string(buf, static_cast<size_t>(n < 0 ? 0 : std::min<int>(n, sizeof buf - 1)));
}

std::string pct_word(double v) { return fmt("%s%.2f%%", v >= 0 ? "上涨" : "下跌", v >= 0 ? v : -v); }

class Generator {
 public:
  Generator(uint64_t seed, uint64_t stocks_seed, uint64_t listings, std::vector<Stock> teach)
      : seed_(seed), stocks_seed_(stocks_seed), teach_(std::move(teach)) {
    build_pool(listings);
  }

  const std::vector<Stock>& pool() const { return pool_; }
  void set_pdf(bool on) { pdf_ = on; }

  /// Writes report number i of n into `out` (cleared first); sets rel_dir and file_name.
  void report(uint64_t i, uint64_t n, std::string& out, std::string& rel_dir, std::string& file_name) {
    Rng r(mix(seed_, i + 1));
    out.clear();
    // The listed stocks report i may pick: those listed at or before it.
    listed_now_ = listed_.empty() ? 0 : std::min<uint64_t>(listed_.size(), i * listed_.size() / std::max<uint64_t>(n, 1) + 1);
    // Dates: spread evenly over 2019-01-07 .. 2025-12-29 (Mondays), several reports per week.
    const int64_t first_monday = days_from_civil(2019, 1, 7);
    const int64_t weeks = 364;
    const int64_t week = static_cast<int64_t>(i * static_cast<uint64_t>(weeks) / std::max<uint64_t>(n, 1));
    const int64_t monday = first_monday + week * 7;
    const SeriesDef& ser = kSeries[r.next() % kSeries.size()];
    const std::string& broker = kBrokers[r.next() % kBrokers.size()];
    // Weeklies are dated on the weekend/Monday after the week; notes on any weekday.
    const int64_t day = ser.style == 4 ? monday + r.range(0, 4) : monday + 5 + r.range(0, 2);
    int y;
    unsigned m, d;
    civil_from_days(day, y, m, d);
    int wy;
    unsigned wm1, wd1, wm2, wd2;
    civil_from_days(monday, wy, wm1, wd1);
    civil_from_days(monday + 4, wy, wm2, wd2);

    rel_dir = fmt("%04d/%04d-%02u", y, y, m);
    file_name = broker + "-" + ser.name + "-" + fmt("%04d-%02u-%02u-%llu", y, m, d, static_cast<unsigned long long>(i)) + ".md";

    const bool zhijia = r.chance(0.18), jushen = r.chance(0.12);
    std::vector<std::string> body;  // paragraphs
    std::string title, summary_src;

    if (ser.style == 4) {
      // A company note as brokers write them: the rating block (rating, action, target price
      // in the listing's currency), an analyst line, bullets, and the forecast table as HTML
      // (as PDF converters write it) or as a pipe table. The well-known stocks are covered
      // most, so consensus has brokers to gather.
      const Stock& s = r.chance(0.3) ? pool_[r.next() % 40] : pool_[r.next() % pool_.size()];
      const bool hk = s.code.size() > 3 && s.code.compare(s.code.size() - 3, 3, ".HK") == 0;
      title = s.name + "（" + s.code + "）：" + r.pick(kNoteHeads);
      double rev = r.real(5, 500), g = r.real(-10, 60), np = rev * r.real(0.05, 0.2);
      double price = r.real(8, 300), shares = np / price * r.real(20, 60);  // 亿股, so EPS is sane
      const char* rating = r.chance(0.7) ? "买入" : r.chance(0.7) ? "增持" : "推荐";
      const int act = r.range(0, 9);  // mostly 维持, sometimes 首次/上调/下调
      const char* action = act < 6 ? "维持" : act < 8 ? "首次" : act < 9 ? "上调" : "下调";
      body.push_back(fmt("%s（%s）", rating, action));
      if (r.chance(0.6)) body.push_back(fmt("目标价：%.2f%s", price * r.real(1.1, 1.5), hk ? "港元" : "元"));
      body.push_back("证券分析师 " + r.pick(kFirst) + r.pick(kSecond).substr(0, 3) +
                     fmt("\n\n执业证书编号：S%04d%09d", r.range(1000, 1600), r.range(0, 999999999)));
      body.push_back(fmt("事件：公司发布%04d年度业绩快报，全年实现营业收入%.1f亿元，同比增长%.1f%%；实现归母净利润%.1f亿元，同比增长%.1f%%。",
                         y - 1, rev, g, np, r.real(-20, 80)));
      body.push_back("■ 主业稳健增长，份额持续提升。" + r.pick(kFiller) + r.pick(kFiller));
      if (zhijia) body.push_back("■ 智驾业务打开第二成长曲线。" + r.pick(kFillerZhijia));
      if (jushen) body.push_back("■ 布局具身智能，打开长期空间。" + r.pick(kFillerJushen));
      body.push_back(fmt("■ 盈利预测与投资评级：我们预计公司%04d-%04d年归母净利润分别为%.1f/%.1f/%.1f亿元，对应当前股价PE分别为%.1f/%.1f/%.1f倍，%s“%s”评级。",
                         y, y + 2, np * 1.2, np * 1.45, np * 1.7, r.real(20, 60), r.real(15, 40), r.real(10, 30),
                         act < 6 ? "维持" : act < 8 ? "首次覆盖，给予" : act < 9 ? "上调至" : "下调至", rating));
      // The forecast table: last year's actual and three forecast years.
      const char* metrics[] = {"营业收入（百万元）", "归母净利润（百万元）", "EPS（元）", "P/E（倍）"};
      std::string rows[4];
      double base[4] = {rev * 100, np * 100, np / shares, price / (np / shares)};
      double grow[4] = {r.real(1.05, 1.3), r.real(1.05, 1.4), 0, 0};
      grow[2] = grow[1];
      grow[3] = 1 / grow[1];
      const bool html = r.chance(0.5);
      std::string table = html ? "<table><tr><td>指标</td>" : "| 指标 |";
      for (int k = 0; k < 4; ++k) table += fmt(html ? "<td>%04d%s</td>" : " %04d%s |", y - 1 + k, k ? "E" : "A");
      table += html ? "</tr>" : "\n|---|---|---|---|---|";
      for (int mi = 0; mi < 4; ++mi) {
        table += html ? std::string("<tr><td>") + metrics[mi] + "</td>" : std::string("\n| ") + metrics[mi] + " |";
        double v = base[mi];
        for (int k = 0; k < 4; ++k, v *= grow[mi])
          table += mi < 2 ? fmt(html ? "<td>%.0f</td>" : " %.0f |", v) : fmt(html ? "<td>%.2f</td>" : " %.2f |", v);
        if (html) table += "</tr>";
      }
      if (html) table += "</table>";
      body.push_back("表1：盈利预测与估值");
      body.push_back(table);
      body.push_back("数据来源：Wind，" + broker + "研究所");
    } else {
      title = ser.name + "：" + r.pick(kTopicTitles);
      // Market performance, shared by every report of the week (index moves per week).
      if (ser.style == 0 || ser.style == 3) {
        std::string mk = fmt("市场表现：本周（指%u月%u日至%u月%u日，下同）", wm1, wd1, wm2, wd2);
        for (int k = 0; k < 3; ++k) {
          double close, chg;
          index_for_week(week, k, close, chg);
          mk += fmt("%s%s收于%.0f点，%s", k ? "；" : "", kIndices[k].name, close, pct_word(chg).c_str());
        }
        mk += fmt("。大小盘风格方面，本周大盘指数%s，小盘指数%s。", pct_word(r.real(-3, 3)).c_str(),
                  pct_word(r.real(-4, 4)).c_str());
        const Stock& a = r.pick(pool_);
        const Stock& b = r.pick(pool_);
        const Stock& c = r.pick(pool_);
        mk += a.name + "、" + b.name + "本周涨幅居前，" + c.name + "本周跌幅居前。";
        body.push_back(mk);
      } else {
        double s = r.real(-5, 6), hs = r.real(-3, 3);
        std::string mk = fmt("行情回顾：本周（%04d.%02u.%02u-%04d.%02u.%02u）沪深300指数%s，%s%s，%s沪深300指数%.2f个百分点。",
                             wy, wm1, wd1, wy, wm2, wd2, pct_word(hs).c_str(), ser.sector.c_str(),
                             pct_word(s).c_str(), s >= hs ? "跑赢" : "跑输", s >= hs ? s - hs : hs - s);
        body.push_back(mk);
        std::string mv = "个股方面，本周板块涨幅前五的个股为：";
        for (int k = 0; k < 5; ++k) mv += (k ? "、" : "") + r.pick(pool_).name + fmt("（+%.2f%%）", 12.0 - k * 1.5 - r.real(0, 1));
        mv += "；跌幅前五的个股为：";
        for (int k = 0; k < 5; ++k) mv += (k ? "、" : "") + r.pick(pool_).name + fmt("（-%.2f%%）", 6.0 - k - r.real(0, 0.9));
        body.push_back(mv + "。");
      }
      // News.
      std::string news = ser.style == 0 || ser.style == 3 ? "本周要闻：" : "行业要闻：";
      int nn = r.range(3, 6);
      for (int k = 0; k < nn; ++k) news += (k ? "；" : "") + r.pick(kNews);
      if (zhijia && r.chance(0.5)) news += "；多家车企宣布高阶智驾方案全系标配";
      body.push_back(news + "。");
      // Events.
      if (ser.style == 0 || ser.style == 3 || r.chance(0.5)) {
        std::string ev = "本周重大事项：";
        int ne = r.range(2, 4);
        for (int k = 0; k < ne; ++k) {
          std::string verb = r.pick(kEventVerbs);
          replace(verb, "{a}", fmt("%.1f", r.real(1, 300)));
          replace(verb, "{b}", fmt("%d", r.range(1, 5)));
          replace(verb, "{c}", fmt("%d", r.range(6, 10)));
          replace(verb, "{p}", fmt("%.1f", r.real(1, 80)));
          replace(verb, "{q}", fmt("%d", r.range(1, 3)));
          int ey; unsigned em, ed;
          civil_from_days(monday + r.range(0, 4), ey, em, ed);
          ev += fmt("%s%u月%u日，", k ? "；" : "", em, ed) + r.pick(pool_).name + verb;
        }
        body.push_back(ev + "。");
      }
      // Topic and filler prose (pads the file to about 4 KB).
      body.push_back(std::string(ser.style == 0 || ser.style == 3 ? "本周专题：" : "本周观点：") + r.pick(kTopicTitles));
      int np = r.range(3, 6);
      for (int k = 0; k < np; ++k) {
        std::string para;
        int ns = r.range(3, 5);
        for (int s = 0; s < ns; ++s) para += r.pick(kFiller);
        if (k == 1 && zhijia) para += r.pick(kFillerZhijia);
        if (k == 2 && jushen) para += r.pick(kFillerJushen);
        body.push_back(para);
      }
      // Picks: 2-5 themes of 3-20 stocks.
      int nt = r.range(2, 5);
      std::vector<std::string> themes;
      std::set<std::string> used;
      if (ser.style == 0 || ser.style == 3) {
        std::string pk;
        for (int t = 0; t < nt; ++t) {
          std::string th = t == 0 && jushen ? std::string("具身智能") : t == 1 && zhijia ? std::string("智驾") : r.pick(kThemes);
          if (!used.insert(th).second) continue;
          pk += (pk.empty() ? "" : "；") + th + "主题（" + stock_list(r, r.range(3, 20), false) + "）";
        }
        body.push_back(ser.style == 3 ? "金股组合" : "重点推荐主题和个股");
        body.push_back(pk + "。");
      } else if (ser.style == 2) {
        std::string pk = "投资建议：";
        for (int t = 0; t < nt; ++t) {
          std::string th = r.pick(kIndustryThemeHeads);
          if (!used.insert(th).second) continue;
          pk += (used.size() > 1 ? "；" : "") + th + (r.chance(0.7) ? "推荐" : "建议关注") + stock_list(r, r.range(3, 20), true);
        }
        body.push_back(pk + "。");
      } else {
        body.push_back("投资建议：维持行业“优于大市”评级，重点关注" + r.pick(kThemes) + "与" + r.pick(kThemes) + "两条主线。");
        int total = r.range(3, 20) + r.range(3, 20);
        int rec = std::max(3, total / 2);
        body.push_back("推荐标的：" + stock_list(r, rec, true) + "；建议关注：" + stock_list(r, total - rec, true) + "。");
      }
    }
    if (!teach_.empty()) {  // no draw: the rest of the file is as without --teach
      const Stock& t = teach_[i % teach_.size()];
      body.push_back("推荐标的：" + t.name + "（" + t.code + "）。");
    }
    std::string risk = "风险提示：";
    int nr = r.range(2, 4);
    for (int k = 0; k < nr; ++k) risk += (k ? "；" : "") + r.pick(kRisks);
    body.push_back(risk + "。");

    // Front matter.
    out += "---\n";
    out += "title: \"" + title + "\"\n";
    out += fmt("date: \"%04d-%02u-%02u %02d:%02d:00\"\n", y, m, d, r.range(7, 21), r.range(0, 59));
    std::string summary = utf8_prefix(body[0], 60);
    out += "summary: \"" + summary + "...\"\n";
    if (r.chance(0.6)) out += "author: \"" + broker + "\"\n";
    out += "categories:\n  - \"hibor\"\n  - \"" + ser.tag + "\"\n";
    out += "tags:\n  - \"hibor\"\n  - \"" + ser.name + "\"\n";
    if (zhijia) out += "  - \"智能驾驶\"\n";
    out += "---\n\n";
    if (pdf_) {
      out += pdf_text::render(body, mix(seed_ ^ 0x9dfULL, i), broker + " " + ser.name);
    } else {
      for (const auto& p : body) {
        out += p;
        out += "\n\n";
      }
    }
    out += "来源: " + broker + "\n\n";
    char hex[33];
    uint64_t h1 = mix(seed_ ^ 0xabcdef, i), h2 = mix(h1, i);
    std::snprintf(hex, sizeof hex, "%016llx%016llx", static_cast<unsigned long long>(h1), static_cast<unsigned long long>(h2));
    out += "[hibor](https://www.hibor.com.cn/data/";
    out += hex;
    out += ".html)\n";
  }

 private:
  static void replace(std::string& s, std::string_view from, const std::string& to) {
    size_t p = s.find(from);
    if (p != std::string::npos) s.replace(p, from.size(), to);
  }

  /// At most `chars` UTF-8 characters of s.
  static std::string utf8_prefix(const std::string& s, int chars) {
    size_t i = 0;
    for (int c = 0; c < chars && i < s.size(); ++c) {
      unsigned char b = static_cast<unsigned char>(s[i]);
      i += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    }
    std::string out = s.substr(0, std::min(i, s.size()));
    for (char& ch : out)
      if (ch == '"') ch = '\'';
    return out;
  }

  /// Index close and weekly change for week w and index k: a random walk per index, the same
  /// for every report of that week (so index-history sees agreeing values).
  void index_for_week(int64_t w, int k, double& close, double& chg) {
    while (static_cast<int64_t>(walk_[k].size()) <= w) {
      double prev = walk_[k].empty() ? kIndices[k].base : walk_[k].back().first;
      Rng r(mix(seed_ ^ 0x5eed, static_cast<uint64_t>(walk_[k].size() * 8 + k)));
      double c = r.real(-3.5, 3.6);
      walk_[k].push_back({prev * (1 + c / 100), c});
    }
    close = walk_[k][static_cast<size_t>(w)].first;
    chg = walk_[k][static_cast<size_t>(w)].second;
  }

  std::string stock_list(Rng& r, int count, bool codes) {
    std::string s;
    std::set<size_t> seen;
    for (int k = 0; k < count; ++k) {
      // Favour the first stocks in the pool (well-known names) so some are picked often.
      size_t idx = r.chance(0.25) ? r.next() % 40 : r.next() % pool_.size();
      const Stock* chosen = &pool_[idx];
      if (listed_now_ > 0 && r.chance(0.2)) {  // only with --listings: the same draws otherwise
        const size_t j = r.next() % listed_now_;
        idx = pool_.size() + j;
        chosen = &listed_[j];
      }
      if (!seen.insert(idx).second) continue;
      const Stock& st = *chosen;
      if (!s.empty()) s += "、";
      s += st.name;
      if (codes) s += "（" + st.code + "）";
    }
    return s;
  }

  void build_pool(uint64_t listings) {
    pool_ = {{"长光华芯", "688048.SH"}, {"经纬恒润-W", "688326.SH"}, {"北京君正", "300223.SZ"},
             {"贵州茅台", "600519.SH"}, {"华测导航", "300627.SZ"},   {"炬光科技", "688167.SH"},
             {"均胜电子", "600699.SH"}, {"德赛西威", "002920.SZ"},   {"拓普集团", "601689.SH"},
             {"绿的谐波", "688017.SH"}, {"柯力传感", "603662.SH"},   {"兆威机电", "003021.SZ"},
             {"乐鑫科技", "688018.SH"}, {"恒玄科技", "688608.SH"},   {"瑞芯微", "603893.SH"},
             {"比亚迪", "002594.SZ"},   {"吉利汽车", "00175.HK"},    {"小鹏汽车-W", "09868.HK"},
             {"赛力斯", "601127.SH"},   {"地平线机器人-W", "09660.HK"}, {"海康威视", "002415.SZ"},
             {"江波龙", "301308.SZ"},   {"晶晨股份", "688099.SH"},   {"汇川技术", "300124.SZ"},
             {"宁德时代", "300750.SZ"}, {"恒瑞医药", "600276.SH"},   {"迈瑞医疗", "300760.SZ"},
             {"中芯国际", "688981.SH"}, {"北方华创", "002371.SZ"},   {"速腾聚创", "02498.HK"}};
    std::set<std::string> names, codes;
    for (const auto& s : pool_) {
      names.insert(s.name);
      codes.insert(s.code);
    }
    Rng r(mix(stocks_seed_, 0xC0DE));
    while (pool_.size() < 520) {
      std::string name = r.pick(kFirst) + r.pick(kSecond);
      if (r.chance(0.75)) name += r.pick(kSuffix);
      int ex = r.range(0, 99);
      std::string code;
      if (ex < 30) code = fmt("%d%03d.SH", r.chance(0.5) ? 600 + 3 * r.range(0, 1) : 601 + 4 * r.range(0, 1), r.range(0, 999));
      else if (ex < 45) code = fmt("688%03d.SH", r.range(0, 999));
      else if (ex < 65) code = fmt("00%d%03d.SZ", r.range(0, 3), r.range(0, 999));
      else if (ex < 85) code = fmt("30%d%03d.SZ", r.range(0, 1), r.range(0, 999));
      else if (ex < 90) code = r.chance(0.5) ? fmt("920%03d.BJ", r.range(0, 999)) : fmt("83%04d.BJ", r.range(0, 9999));
      else {
        code = fmt("0%04d.HK", r.range(1, 9999));
        if (r.chance(0.3)) name += "-W";
      }
      if (!names.insert(name).second || !codes.insert(code).second) continue;
      pool_.push_back({name, code});
    }
    // Stocks that list over the corpus's dates, from their own stream (the pool is unchanged),
    // with codes from ranges the pool does not use.
    Rng l(mix(stocks_seed_, 0x115D));
    while (listed_.size() < listings) {
      std::string name = l.pick(kFirst) + l.pick(kSecond) + l.pick(kSuffix);
      if (l.chance(0.5)) name = l.pick(kFirst) + name;
      const uint64_t k = listed_.size();
      std::string code = k < 10000 ? fmt("87%04llu.BJ", static_cast<unsigned long long>(k))
                                   : fmt("4%05llu.BJ", static_cast<unsigned long long>(k - 10000));
      if (!names.insert(name).second || !codes.insert(code).second) continue;
      listed_.push_back({name, code});
    }
  }

  uint64_t seed_;
  uint64_t stocks_seed_;  // the pool's names and codes (--stocks-seed)
  std::vector<Stock> teach_;  // --teach
  bool pdf_ = false;          // --pdf
  std::vector<Stock> pool_;
  std::vector<Stock> listed_;  // --listings, in listing order
  uint64_t listed_now_ = 0;    // how many of them the current report may pick
  std::vector<std::pair<double, double>> walk_[5];
};

bool mkdirs(const std::string& path) {
  std::string cur;
  size_t i = 0;
  while (i <= path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    cur = path.substr(0, j);
    if (!cur.empty() && ::mkdir(cur.c_str(), 0755) != 0 && errno != EEXIST) return false;
    i = j + 1;
  }
  return true;
}

int usage() {
  std::fprintf(stderr, "usage: gen_corpus N OUT [--seed S] [--stocks-seed S] [--listings K] [--teach NAME=CODE[,NAME=CODE...]] [--pdf] [--tiny]\n");
  return 2;
}

/// Report i of a --tiny corpus: its folder (relative to OUT), its file name and its bytes.
void tiny_report(uint64_t i, std::string& out, std::string& rel_dir, std::string& name) {
  const unsigned day = static_cast<unsigned>(i % 28) + 1, month = static_cast<unsigned>(i / 28 % 12) + 1;
  char buf[256];
  std::snprintf(buf, sizeof buf, "tiny/%04llu", static_cast<unsigned long long>(i / 1000));
  rel_dir = buf;
  std::snprintf(buf, sizeof buf, "%07llu.md", static_cast<unsigned long long>(i));
  name = buf;
  std::snprintf(buf, sizeof buf,
                "---\ntitle: \"开源证券-中小盘周报-%07llu\"\ndate: \"2025-%02u-%02u\"\n---\n\n小报告 %llu。\n",
                static_cast<unsigned long long>(i), month, day, static_cast<unsigned long long>(i));
  out = buf;
}

/// A whole number in decimal, or false (strtoull alone took "abc" as 0 and "-1" as 2^64-1).
bool parse_count(const char* text, uint64_t& out) {
  if (*text < '0' || *text > '9') return false;
  errno = 0;
  char* end = nullptr;
  out = std::strtoull(text, &end, 10);
  return errno == 0 && end && *end == '\0';
}

/// Listed stocks get codes 870000.BJ-879999.BJ, then 400000.BJ-499999.BJ.
constexpr uint64_t kMaxListings = 110000;

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> pos;
  uint64_t seed = 42, listings = 0, stocks_seed = 0;
  bool stocks_seed_given = false;
  std::vector<Stock> teach;
  bool tiny = false, pdf = false;
  auto bad = [](const char* option, const char* value) {
    std::fprintf(stderr, "gen_corpus: %s wants a whole number, not '%s'\n", option, value);
    return 2;
  };
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    const char* value = nullptr;
    if (a == "--teach" || a.rfind("--teach=", 0) == 0) {
      std::string list = a == "--teach" ? (i + 1 < argc ? argv[++i] : "") : a.substr(8);
      for (size_t pos = 0; pos < list.size();) {
        size_t comma = list.find(',', pos);
        if (comma == std::string::npos) comma = list.size();
        const std::string entry = list.substr(pos, comma - pos);
        const size_t eq = entry.find('=');
        if (eq == 0 || eq == std::string::npos || eq + 1 == entry.size()) {
          std::fprintf(stderr, "gen_corpus: --teach wants NAME=CODE[,NAME=CODE...], not '%s'\n", entry.c_str());
          return 2;
        }
        teach.push_back({entry.substr(0, eq), entry.substr(eq + 1)});
        pos = comma + 1;
      }
      if (teach.empty()) return usage();
      continue;
    }
    if ((a == "--seed" || a == "--stocks-seed" || a == "--listings") && i + 1 < argc) value = argv[++i];
    else if (a.rfind("--seed=", 0) == 0 || a.rfind("--stocks-seed=", 0) == 0 || a.rfind("--listings=", 0) == 0)
      value = argv[i] + a.find('=') + 1;
    if (value) {
      const std::string option = a.substr(0, a.find('='));
      if (option == "--stocks-seed") stocks_seed_given = true;
      if (!parse_count(value, option == "--seed" ? seed : option == "--stocks-seed" ? stocks_seed : listings))
        return bad(option.c_str(), value);
    } else if (a == "--tiny") {
      tiny = true;
    } else if (a == "--pdf") {
      pdf = true;
    } else if (a == "-h" || a == "--help") {
      return usage();
    } else {
      pos.push_back(a);
    }
  }
  if (listings > kMaxListings) {
    std::fprintf(stderr, "gen_corpus: --listings is at most %llu\n", static_cast<unsigned long long>(kMaxListings));
    return 2;
  }
  if (pos.size() != 2) return usage();
  uint64_t n = 0;
  if (!parse_count(pos[0].c_str(), n)) return usage();
  std::string out_dir = pos[1];
  while (out_dir.size() > 1 && out_dir.back() == '/') out_dir.pop_back();
  if (!mkdirs(out_dir)) {
    std::fprintf(stderr, "gen_corpus: cannot create %s: %s\n", out_dir.c_str(), std::strerror(errno));
    return 1;
  }
  Generator gen(seed, stocks_seed_given ? stocks_seed : seed, listings, std::move(teach));
  gen.set_pdf(pdf);
  std::string buf, rel_dir, name, last_dir;
  buf.reserve(16384);
  uint64_t bytes = 0;
  for (uint64_t i = 0; i < n; ++i) {
    if (tiny) tiny_report(i, buf, rel_dir, name);
    else gen.report(i, n, buf, rel_dir, name);
    if (rel_dir != last_dir) {
      if (!mkdirs(out_dir + "/" + rel_dir)) {
        std::fprintf(stderr, "gen_corpus: cannot create %s/%s: %s\n", out_dir.c_str(), rel_dir.c_str(), std::strerror(errno));
        return 1;
      }
      last_dir = rel_dir;
    }
    std::string path = out_dir + "/" + rel_dir + "/" + name;
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
      std::fprintf(stderr, "gen_corpus: cannot write %s: %s\n", path.c_str(), std::strerror(errno));
      return 1;
    }
    size_t off = 0;
    while (off < buf.size()) {
      ssize_t w = ::write(fd, buf.data() + off, buf.size() - off);
      if (w < 0) {
        if (errno == EINTR) continue;
        std::fprintf(stderr, "gen_corpus: write %s: %s\n", path.c_str(), std::strerror(errno));
        ::close(fd);
        return 1;
      }
      off += static_cast<size_t>(w);
    }
    ::close(fd);
    bytes += buf.size();
  }
  std::printf("%llu files, %.1f MB (%.0f bytes/file) in %s, seed %llu\n", static_cast<unsigned long long>(n),
              bytes / 1e6, n ? static_cast<double>(bytes) / static_cast<double>(n) : 0.0, out_dir.c_str(),
              static_cast<unsigned long long>(seed));
  return 0;
}
