-- A small archive for the query tests, loaded after open_archive_for_write() has migrated
-- an empty file. Two brokers, two series, picks of 经纬恒润 written three ways.
INSERT INTO reports (id, root, path, title, published, report_date, broker, series, body, sha256, encoding, size, mtime_ns, parser_version, ingested_at) VALUES
 (1, '/data', '中信/2024/zx-20240105.md', '中信证券周度策略：智驾加速落地', '2024-01-05', '2024-01-05', '中信证券', '周度策略',
  '# 本周观点' || char(10) || '智驾渗透率提升，自动驾驶产业链受益。推荐经纬恒润-W（688326.SH）、贵州茅台。' || char(10) || '## 要闻' || char(10) || 'DeepSeek 发布新模型。', 'h1', 'utf-8', 100, 1, 1, '2024-01-06T00:00:00Z'),
 (2, '/data', '中信/2024/zx-20240112.md', '中信证券周度策略：消费复苏', '2024-01-12', '2024-01-12', '中信证券', '周度策略',
  '消费复苏，白酒龙头贵州茅台值得关注。继续推荐经纬恒润-W、平安银行。', 'h2', 'utf-8', 100, 1, 1, '2024-01-13T00:00:00Z'),
 (3, '/data', '中信/2024/zx-20240119.md', '中信证券周度策略：红利风格', '2024-01-19', '2024-01-19', '中信证券', '周度策略',
  '红利风格占优，银行板块表现较好。推荐平安银行、贵州茅台。', 'h3', 'utf-8', 100, 1, 1, '2024-01-20T00:00:00Z'),
 (4, '/data', '中信/2024/zx-20240126.md', '中信证券周度策略：科技反弹', '2024-01-26', '2024-01-26', '中信证券', '周度策略',
  '科技反弹，汽车电子景气向上。推荐经纬恒润、平安银行。', 'h4', 'utf-8', 100, 1, 1, '2024-01-27T00:00:00Z'),
 (5, '/data', '中信/2024/zx-20240202.md', '中信证券周度策略：春季行情', '2024-02-02', '2024-02-02', '中信证券', '周度策略',
  '春季行情可期。推荐经纬恒润（688326）、中芯国际。茅台批价稳定。', 'h5', 'utf-8', 100, 1, 1, '2024-02-03T00:00:00Z'),
 (6, '/data', '华泰/ht-20240110.md', '华泰证券金股组合（1月）', '2024-01-10', '2024-01-10', '华泰证券', '金股组合',
  '一月金股：经纬恒润、宁德时代。Hello|World 测试。', 'h6', 'utf-8', 100, 1, 1, '2024-01-11T00:00:00Z'),
 (7, '/data', '华泰/ht-20240201.md', '华泰证券金股组合（2月）', '2024-02-01', '2024-02-01', '华泰证券', '金股组合',
  '二月金股：贵州茅台、宁德时代。', 'h7', 'utf-8', 100, 1, 1, '2024-02-02T00:00:00Z');

INSERT INTO report_tags (report_id, kind, value) VALUES (1, 'category', '策略'), (1, 'tag', '智驾'), (6, 'tag', '金股');

INSERT INTO picks (report_id, seq, theme, name, base_name, code, code_source, kind, rating) VALUES
 (1, 1, '智能驾驶', '经纬恒润-W', '经纬恒润', '688326.SH', 'report', 'recommend', NULL),
 (1, 2, '白酒', '贵州茅台', '贵州茅台', '600519.SH', 'archive', 'recommend', NULL),
 (2, 1, '智能驾驶', '经纬恒润-W', '经纬恒润', '688326.SH', 'archive', 'recommend', NULL),
 (2, 2, '银行', '平安银行', '平安银行', '000001.SZ', 'archive', 'recommend', NULL),
 (3, 1, '银行', '平安银行', '平安银行', '000001.SZ', 'archive', 'recommend', NULL),
 (3, 2, '白酒', '贵州茅台', '贵州茅台', '600519.SH', 'archive', 'recommend', NULL),
 (4, 1, '汽车电子', '经纬恒润', '经纬恒润', NULL, NULL, 'recommend', NULL),
 (4, 2, '银行', '平安银行', '平安银行', '000001.SZ', 'archive', 'recommend', NULL),
 (5, 1, '汽车电子', '经纬恒润', '经纬恒润', '688326.SH', 'report', 'recommend', NULL),
 (5, 2, '半导体', '中芯国际', '中芯国际', '688981.SH', 'archive', 'watch', NULL),
 (6, 1, '汽车电子', '经纬恒润', '经纬恒润', '688326.SH', 'archive', 'recommend', NULL),
 (6, 2, '新能源', '宁德时代', '宁德时代', '300750.SZ', 'archive', 'recommend', NULL),
 (7, 1, '白酒', '贵州茅台', '贵州茅台', '600519.SH', 'archive', 'recommend', NULL),
 (7, 2, '新能源', '宁德时代', '宁德时代', '300750.SZ', 'archive', 'recommend', NULL);

INSERT INTO securities (code, name, exchange, source) VALUES
 ('688326.SH', '经纬恒润-W', 'SH', 'report'), ('600519.SH', '贵州茅台', 'SH', 'report'),
 ('000001.SZ', '平安银行', 'SZ', 'report'), ('300750.SZ', '宁德时代', 'SZ', 'report');
INSERT INTO security_aliases (base_name, code, source) VALUES
 ('经纬恒润', '688326.SH', 'report'), ('贵州茅台', '600519.SH', 'report'), ('平安银行', '000001.SZ', 'report');

INSERT INTO indices (report_id, seq, name, raw_name, period, close, change_pct) VALUES
 (1, 1, '上证综指', '上证指数', 'week', 2929.18, -1.61),
 (1, 2, '深证成指', '深证成指', 'week', 9123.5, -2.1),
 (2, 1, '上证综指', '沪指', 'week', 2881.98, -1.61),
 (3, 1, '上证综指', '上证指数', 'week', 2832.28, -1.72),
 (5, 1, '上证综指', '上证指数', 'week', 2730.15, -0.62),
 (6, 1, '上证综指', '上证综合指数', 'week', 2887.0, -1.0),
 (5, 2, '上证综指', '上证指数', 'since:2024-01-01', 2730.15, -8.23);

INSERT INTO movers (report_id, seq, name, code, direction, change_pct) VALUES
 (1, 1, '剑桥科技', '603083.SH', 'up', 35.2),
 (2, 1, '剑桥科技', '603083.SH', 'up', 12.5),
 (2, 2, '某某退', NULL, 'down', -40.0),
 (5, 1, '中芯国际', '688981.SH', 'up', 8.8);

INSERT INTO news (report_id, seq, text) VALUES (1, 1, 'DeepSeek 发布新模型。');
INSERT INTO events (report_id, seq, event_date, company, code, text) VALUES
 (1, 1, '2024-01-10', '宁德时代', '300750.SZ', '宁德时代召开业绩说明会'),
 (5, 1, '2024-02-20', '经纬恒润', '688326.SH', '经纬恒润发布年报'),
 (6, 1, NULL, '中芯国际', NULL, '中芯国际股东大会');
INSERT INTO risks (report_id, seq, text) VALUES (1, 1, '政策不及预期'), (1, 2, '海外市场波动');

INSERT INTO ingest_runs (id, started_at, finished_at, roots, added, changed, removed, unchanged, duplicates, rejected, seconds) VALUES
 (1, '2024-02-03T00:00:00Z', '2024-02-03T00:00:05Z', '["/data"]', 7, 0, 0, 0, 0, 0, 5.0);
