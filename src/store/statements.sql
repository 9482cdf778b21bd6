-- The named statements of store/: the ingest writer's (prepared once and reused), the query
-- summaries' one definition of counting, the full-text index's upkeep, securities import and
-- bulk-load index deferral. Each starts with a "-- name:" line; store/statements.cpp looks
-- them up by that name.

-- name: files_for_root
-- In path order (the primary key's), as the walk sorts its files: ingest merges the two.
SELECT path, size, mtime_ns, status, report_id, sha256 FROM files WHERE root = :root ORDER BY path;

-- name: reports_from_older_parsers
-- Reports an older parser extracted: re-extracted even when their file is unchanged. Through
-- reports_by_parser_version; reading parser_version from every report row instead would
-- touch every page of the reports table (a 4 KB body each) on every ingest.
-- In path order, for the merge with the walk.
SELECT path, parser_version FROM reports WHERE parser_version < :parser_version AND root = :root ORDER BY path;

-- name: committed_file_state
-- What is committed for one file, read under the write lock: another ingest of the same
-- folder may have written it since this one compared its walk with the archive.
SELECT f.size, f.mtime_ns, f.status, f.report_id, r.parser_version
FROM files f LEFT JOIN reports r ON r.id = f.report_id AND f.status = 'report'
WHERE f.root = :root AND f.path = :path;

-- name: file_status
SELECT status, report_id FROM files WHERE root = :root AND path = :path;

-- name: errors_without_file
-- Rejections that each run finds again: paths the walk could not take (no row in files, or
-- a stored report's path that is a FIFO now), and failed reads of a file whose last good
-- report was kept (its stored size and mtime differ from the file's, so it is read again).
-- Only rejections of `error` files are remembered between runs.
SELECT path FROM ingest_errors e WHERE root = :root
  AND NOT EXISTS (SELECT 1 FROM files f WHERE f.root = e.root AND f.path = e.path AND f.status = 'error');

-- name: report_by_sha256
SELECT id FROM reports WHERE sha256 = :sha256 AND NOT (root = :root AND path = :path) LIMIT 1;

-- name: own_report
SELECT id FROM reports WHERE root = :root AND path = :path;

-- name: delete_report
DELETE FROM reports WHERE id = :id;

-- name: insert_report
INSERT INTO reports (root, path, title, published, report_date, broker, series, url, period_start,
                     period_end, topic, summary, body, sha256, front_matter, front_format, encoding,
                     size, mtime_ns, parser_version, ingested_at, kind)
VALUES (:root, :path, :title, :published, :report_date, :broker, :series, :url, :period_start,
        :period_end, :topic, :summary, :body, :sha256, :front_matter, :front_format, :encoding,
        :size, :mtime_ns, :parser_version, :ingested_at, :kind);

-- name: insert_tag
INSERT OR IGNORE INTO report_tags (report_id, kind, value) VALUES (:report_id, :kind, :value);

-- name: insert_index
INSERT INTO indices (report_id, seq, name, raw_name, period, close, change_pct, line)
VALUES (:report_id, :seq, :name, :raw_name, :period, :close, :change_pct, :line);

-- name: insert_mover
INSERT INTO movers (report_id, seq, name, code, direction, change_pct, line)
VALUES (:report_id, :seq, :name, :code, :direction, :change_pct, :line);

-- name: insert_news
INSERT INTO news (report_id, seq, text, line) VALUES (:report_id, :seq, :text, :line);

-- name: insert_event
INSERT INTO events (report_id, seq, event_date, company, code, text, line)
VALUES (:report_id, :seq, :event_date, :company, :code, :text, :line);

-- name: insert_pick
INSERT INTO picks (report_id, seq, theme, name, base_name, code, code_source, kind, rating, line)
VALUES (:report_id, :seq, :theme, :name, :base_name, :code, :code_source, :kind, :rating, :line);

-- name: insert_risk
INSERT INTO risks (report_id, seq, text, line) VALUES (:report_id, :seq, :text, :line);

-- name: insert_sector
INSERT INTO sectors (report_id, seq, name, scheme, period, change_pct, line)
VALUES (:report_id, :seq, :name, :scheme, :period, :change_pct, :line);

-- name: insert_rating
INSERT INTO ratings (report_id, seq, subject, name, code, rating, action, target_price, currency, line)
VALUES (:report_id, :seq, :subject, :name, :code, :rating, :action, :target_price, :currency, :line);

-- name: insert_forecast
INSERT INTO forecasts (report_id, seq, name, code, year, actual, metric, value, line)
VALUES (:report_id, :seq, :name, :code, :year, :actual, :metric, :value, :line);

-- name: insert_analyst
INSERT INTO analysts (report_id, seq, name, license, email, line)
VALUES (:report_id, :seq, :name, :license, :email, :line);

-- name: learn_alias
INSERT OR IGNORE INTO security_aliases (base_name, code, source) VALUES (:base_name, :code, 'report');

-- name: learn_security
INSERT OR IGNORE INTO securities (code, name, exchange, source) VALUES (:code, :name, :exchange, 'report');

-- name: upsert_file
INSERT INTO files (root, path, size, mtime_ns, sha256, status, report_id)
VALUES (:root, :path, :size, :mtime_ns, :sha256, :status, :report_id)
ON CONFLICT (root, path) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns,
  sha256 = excluded.sha256, status = excluded.status, report_id = excluded.report_id;

-- name: upsert_error
INSERT INTO ingest_errors (root, path, message, line, seen_at)
VALUES (:root, :path, :message, :line, :seen_at)
ON CONFLICT (root, path) DO UPDATE SET message = excluded.message, line = excluded.line,
  seen_at = excluded.seen_at;

-- name: clear_error
DELETE FROM ingest_errors WHERE root = :root AND path = :path;

-- name: error_for
SELECT message, line FROM ingest_errors WHERE root = :root AND path = :path;

-- name: delete_file
DELETE FROM files WHERE root = :root AND path = :path;

-- name: orphaned_duplicates
SELECT path FROM files WHERE root = :root AND status = 'duplicate' AND report_id IS NULL;

-- name: start_run
INSERT INTO ingest_runs (started_at, roots) VALUES (:started_at, :roots);

-- name: finish_run
UPDATE ingest_runs SET finished_at = :finished_at, added = :added, changed = :changed,
  removed = :removed, unchanged = :unchanged, duplicates = :duplicates, rejected = :rejected,
  seconds = :seconds
WHERE id = :id;

-- name: fill_learned_codes
-- A pick, mover or event printed without a code gets one when the archive knows exactly one
-- code for its base name (from reports that printed it, or from `securities import`).
-- The names with one code are found once (a few thousand at most), not per row.
UPDATE picks SET code = u.code, code_source = 'archive'
FROM (SELECT base_name, min(code) AS code FROM security_aliases GROUP BY base_name HAVING count(*) = 1) AS u
WHERE picks.code IS NULL AND picks.base_name = u.base_name;

-- name: fill_learned_mover_codes
UPDATE movers SET code = u.code
FROM (SELECT base_name, min(code) AS code FROM security_aliases GROUP BY base_name HAVING count(*) = 1) AS u
WHERE movers.code IS NULL AND movers.name = u.base_name;

-- name: fill_learned_event_codes
UPDATE events SET code = u.code
FROM (SELECT base_name, min(code) AS code FROM security_aliases GROUP BY base_name HAVING count(*) = 1) AS u
WHERE events.code IS NULL AND events.company = u.base_name;

-- name: learning_names_table
-- The base names a run may have made learnable (store/securities.h, LearnedScope): the
-- restricted fill below reads the rows of these names only.
CREATE TEMP TABLE IF NOT EXISTS learning_names (base_name TEXT PRIMARY KEY) WITHOUT ROWID;

-- name: learning_names_clear
DELETE FROM temp.learning_names;

-- name: learning_name
INSERT OR IGNORE INTO temp.learning_names (base_name) VALUES (:base_name);

-- name: learning_names_of_new_rows
-- The names of rows without a code in the reports the run wrote (ids from :first_id on):
-- through the primary keys (report_id, seq), the new reports' rows only (`+code`: not the
-- code indexes, which list every row without a code).
INSERT OR IGNORE INTO temp.learning_names (base_name)
SELECT base_name FROM picks WHERE report_id >= :first_id AND +code IS NULL
UNION SELECT name FROM movers WHERE report_id >= :first_id AND +code IS NULL
UNION SELECT company FROM events WHERE report_id >= :first_id AND +code IS NULL AND company IS NOT NULL;

-- name: learning_names_of_stale_keys
-- Other tools' edits: an alias added, removed or changed for a base name with picks printed
-- without a code, or a pick added or changed, lists its stock keys in top_pick_stale (the
-- summaries' triggers) until the next refresh. A key is a base name or a code: both read.
INSERT OR IGNORE INTO temp.learning_names (base_name)
SELECT key FROM top_pick_stale
UNION SELECT a.base_name FROM top_pick_stale s JOIN security_aliases a ON a.code = s.key;

-- name: learning_full_pass_needed
-- The restricted fill reads through picks_by_code, movers_by_name and events_by_company
-- (query-only indexes, away during a bulk load) and trusts the summaries' marks for other
-- tools' edits (none while the summaries are empty). A report still pending for the
-- summaries that this write did not make (ids below :first_id) was written by a run killed
-- before its fill, or by another tool: what it taught is known to no list. Then the full pass.
SELECT EXISTS (SELECT 1 FROM deferred_indexes) OR NOT EXISTS (SELECT 1 FROM top_picks)
    OR EXISTS (SELECT 1 FROM query_summary_pending WHERE report_id < :first_id);

-- name: learnable_names_table
CREATE TEMP TABLE IF NOT EXISTS learnable_names (base_name TEXT PRIMARY KEY, code TEXT NOT NULL) WITHOUT ROWID;

-- name: learnable_names_clear
DELETE FROM temp.learnable_names;

-- name: learnable_names_of_scope
-- The names of temp.learning_names the archive knows exactly one code for, with that code:
-- found once for the three fills below.
INSERT INTO temp.learnable_names (base_name, code)
SELECT l.base_name, min(a.code) FROM temp.learning_names l JOIN security_aliases a ON a.base_name = l.base_name
GROUP BY l.base_name HAVING count(*) = 1;

-- name: fill_learned_codes_of_names
-- fill_learned_codes, for the names in temp.learnable_names only. The rows to change are
-- found first, name by name (CROSS JOIN: the names lead), through picks_by_code (code IS
-- NULL, base_name): the cost is the rows that change, whatever the archive's size.
UPDATE picks SET code = (SELECT n.code FROM temp.learnable_names n WHERE n.base_name = picks.base_name),
                 code_source = 'archive'
WHERE rowid IN (SELECT p.rowid FROM temp.learnable_names n CROSS JOIN picks p
                WHERE p.code IS NULL AND p.base_name = n.base_name);

-- name: fill_learned_mover_codes_of_names
UPDATE movers SET code = (SELECT n.code FROM temp.learnable_names n WHERE n.base_name = movers.name)
WHERE rowid IN (SELECT m.rowid FROM temp.learnable_names n CROSS JOIN movers m WHERE m.code IS NULL AND m.name = n.base_name);

-- name: fill_learned_event_codes_of_names
UPDATE events SET code = (SELECT n.code FROM temp.learnable_names n WHERE n.base_name = events.company)
WHERE rowid IN (SELECT e.rowid FROM temp.learnable_names n CROSS JOIN events e
                WHERE e.code IS NULL AND e.company = n.base_name);

-- name: import_security
INSERT INTO securities (code, name, exchange, source) VALUES (:code, :name, :exchange, 'import')
ON CONFLICT (code) DO UPDATE SET name = excluded.name, exchange = excluded.exchange, source = 'import';

-- name: import_alias
INSERT OR IGNORE INTO security_aliases (base_name, code, source) VALUES (:base_name, :code, 'import');

-- name: pend_new_reports
-- Every report inserted since :first_id (all of them in the current batch: new rows get
-- ids above every existing one) waits for the full-text index; the insert trigger has
-- already said so unless triggers are off on this connection.
INSERT OR IGNORE INTO reports_fts_pending (report_id, indexed) SELECT id, 0 FROM reports WHERE id >= :first_id;

-- name: pend_deleted_report
-- The writer's own delete saves the indexed text, whether or not triggers run.
INSERT OR IGNORE INTO reports_fts_pending (report_id, indexed, old_title, old_body)
SELECT id, 1, title, body FROM reports WHERE id = :id;

-- name: unindex_pending
-- Step 1 of bringing reports_fts up to date (store/search_index.h): remove what the index
-- holds for every pending report. One statement each: FTS5 writes a segment per statement.
INSERT INTO reports_fts (reports_fts, rowid, title, body)
SELECT 'delete', report_id, yanbao_segment(old_title), yanbao_segment(old_body)
FROM reports_fts_pending WHERE indexed = 1;

-- name: index_pending
-- Step 2: index the current text of every pending report that exists.
INSERT INTO reports_fts (rowid, title, body)
SELECT r.id, yanbao_segment(r.title), yanbao_segment(r.body)
FROM reports_fts_pending p CROSS JOIN reports r ON r.id = p.report_id;

-- name: clear_pending
DELETE FROM reports_fts_pending;

-- name: update_file_stat
-- Same bytes, new size/mtime pair (e.g. after `touch`): nothing to re-extract.
UPDATE files SET size = :size, mtime_ns = :mtime_ns WHERE root = :root AND path = :path;

-- name: update_report_stat
UPDATE reports SET size = :size, mtime_ns = :mtime_ns WHERE root = :root AND path = :path;

-- name: query_only_indexes
-- Indexes a bulk load may drop and build again at its end: every explicit index of the
-- report tables except those the writer itself searches (duplicates by content digest) and
-- those canned queries name with INDEXED BY (which fails when the index is missing).
-- Automatic indexes (PRIMARY KEY, UNIQUE) and UNIQUE indexes enforce rules and always stay.
SELECT name, sql FROM sqlite_schema
WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'
  AND tbl_name IN ('reports', 'report_tags', 'indices', 'movers', 'news', 'events', 'picks', 'risks',
                   'sectors', 'ratings', 'forecasts', 'analysts')
  AND name NOT IN ('reports_by_sha256', 'reports_by_id_listing')
ORDER BY name;

-- name: remember_deferred_index
INSERT OR REPLACE INTO deferred_indexes (name, sql) VALUES (:name, :sql);

-- name: deferred_index_list
SELECT name, sql FROM deferred_indexes ORDER BY name;

-- name: forget_deferred_index
DELETE FROM deferred_indexes WHERE name = :name;

-- name: report_count
SELECT count(*) FROM reports;

-- name: summary_count_picks
-- The one definition of the stock-key summaries: what a report contributes is the distinct
-- (kind, key, base name) of its picks (view pick_keys: a pick's key is its code, else the
-- smallest code the archive knows for its base name, else its base name), once under the
-- pick's kind and once under 'any', for reports dated '' … '9999-12-31' (the range top-picks
-- reads). A refresh collects the contributions it must count into temp.query_summary_counted
-- and adds them up here; rebuild_from_scratch (summaries.cpp) computes the same in memory, and
-- the tests compare the two.
--
-- A stale key (top_pick_stale) has its summary rows deleted here and is counted again whole
-- from the base tables by SummaryRows::count_stale_keys (summaries.cpp) between this block
-- and summary_count_picks_end, with the rebuild's code: a learned code makes its stock's
-- every pick stale (383k picks for the 20 codes of the bench's week at 100k reports), which
-- the GROUP BYs below sorted several times over. The contributions of the pending (new)
-- reports to every other key are collected into temp.query_summary_counted and added to
-- what is stored.
CREATE TEMP TABLE query_summary_keys (key TEXT PRIMARY KEY) WITHOUT ROWID;
INSERT INTO temp.query_summary_keys SELECT DISTINCT key FROM top_pick_stale;

DELETE FROM top_picks WHERE kind IN ('any', 'recommend', 'watch', 'beneficiary', 'rating')
  AND key IN (SELECT key FROM temp.query_summary_keys);
DELETE FROM top_pick_brokers WHERE kind IN ('any', 'recommend', 'watch', 'beneficiary', 'rating')
  AND key IN (SELECT key FROM temp.query_summary_keys);
DELETE FROM top_pick_names WHERE kind IN ('any', 'recommend', 'watch', 'beneficiary', 'rating')
  AND key IN (SELECT key FROM temp.query_summary_keys);
DELETE FROM pick_series WHERE key IN (SELECT key FROM temp.query_summary_keys);
DELETE FROM top_pick_months WHERE key IN (SELECT key FROM temp.query_summary_keys);

CREATE TEMP TABLE query_summary_counted AS
SELECT k.kind, k.key, k.base_name, k.coded, r.id AS report_id, r.report_date, r.broker, r.series, count(*) AS picks
FROM query_summary_pending q
JOIN reports r ON r.id = q.report_id
JOIN pick_keys k ON k.report_id = r.id
WHERE r.report_date >= '' AND r.report_date <= '9999-12-31'
  AND k.key NOT IN (SELECT key FROM temp.query_summary_keys)
GROUP BY k.kind, k.key, k.base_name, k.coded, r.id;

INSERT INTO temp.query_summary_counted
SELECT 'any', key, base_name, coded, report_id, report_date, broker, series, sum(picks) FROM temp.query_summary_counted
GROUP BY key, base_name, coded, report_id;

INSERT INTO top_picks (kind, key, code, reports, first_seen, last_seen)
SELECT kind, key, max(CASE WHEN coded THEN key END), count(DISTINCT report_id), min(report_date), max(report_date)
FROM temp.query_summary_counted WHERE true GROUP BY kind, key
ON CONFLICT (kind, key) DO UPDATE SET
  code = coalesce(code, excluded.code), reports = reports + excluded.reports,
  first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen);

INSERT INTO top_pick_brokers (kind, key, broker, reports)
SELECT kind, key, broker, count(DISTINCT report_id)
FROM temp.query_summary_counted WHERE broker IS NOT NULL GROUP BY kind, key, broker
ON CONFLICT (kind, key, broker) DO UPDATE SET reports = reports + excluded.reports;

INSERT INTO top_pick_names (kind, key, base_name, reports)
SELECT kind, key, base_name, count(DISTINCT report_id)
FROM temp.query_summary_counted WHERE true GROUP BY kind, key, base_name
ON CONFLICT (kind, key, base_name) DO UPDATE SET reports = reports + excluded.reports;

-- pick_series (kind 'any' only): one row per (key, base name, broker, series), whose broker
-- and series may be NULL, so rows are matched with IS: existing rows add, new ones are
-- inserted.
CREATE TEMP TABLE query_summary_series AS
SELECT key, base_name, broker, series, count(DISTINCT report_id) AS reports, sum(picks) AS picks,
       min(report_date) AS first_seen, max(report_date) AS last_seen
FROM temp.query_summary_counted WHERE kind = 'any' GROUP BY key, base_name, broker, series;

UPDATE pick_series SET reports = pick_series.reports + c.reports, picks = pick_series.picks + c.picks,
  first_seen = min(pick_series.first_seen, c.first_seen), last_seen = max(pick_series.last_seen, c.last_seen)
FROM temp.query_summary_series c
WHERE pick_series.base_name = c.base_name AND pick_series.broker IS c.broker AND pick_series.series IS c.series
  AND pick_series.key = c.key;

INSERT INTO pick_series (key, base_name, broker, series, reports, picks, first_seen, last_seen)
SELECT key, base_name, broker, series, reports, picks, first_seen, last_seen FROM temp.query_summary_series c
WHERE NOT EXISTS (SELECT 1 FROM pick_series s WHERE s.base_name = c.base_name AND s.broker IS c.broker
                    AND s.series IS c.series AND s.key = c.key);

-- top_pick_months: per (kind, month, key), over the reports dated as a calendar day
-- (YYYY-MM-DD, day 01 to 31: every report of a month inside a date range is then inside it).
-- Per broker first (a report has one broker or none, so the months' reports add up), then
-- the brokers of a month as one sorted JSON array; an existing month merges both arrays.
CREATE TEMP TABLE query_summary_months AS
SELECT kind, key, month, max(code) AS code, max(name) AS name, sum(reports) AS reports,
       json_group_array(broker) FILTER (WHERE broker IS NOT NULL) AS brokers,
       min(first_seen) AS first_seen, max(last_seen) AS last_seen
FROM (SELECT kind, key, substr(report_date, 1, 7) AS month, broker, max(CASE WHEN coded THEN key END) AS code,
             max(base_name) AS name, count(DISTINCT report_id) AS reports,
             min(report_date) AS first_seen, max(report_date) AS last_seen
      FROM temp.query_summary_counted
      WHERE report_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-3][0-9]'
        AND substr(report_date, 9, 2) BETWEEN '01' AND '31'
      GROUP BY kind, key, month, broker
      ORDER BY kind, key, month, broker)
GROUP BY kind, key, month;

INSERT INTO top_pick_months (kind, month, key, code, name, reports, brokers, first_seen, last_seen)
SELECT kind, month, key, code, name, reports, brokers, first_seen, last_seen FROM temp.query_summary_months WHERE true
ON CONFLICT (kind, month, key) DO UPDATE SET
  code = coalesce(code, excluded.code), name = max(name, excluded.name), reports = reports + excluded.reports,
  brokers = (SELECT json_group_array(value) FROM (SELECT value FROM json_each(top_pick_months.brokers)
                                                  UNION SELECT value FROM json_each(excluded.brokers) ORDER BY value)),
  first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen);

DROP TABLE temp.query_summary_months;
DROP TABLE temp.query_summary_series;
DROP TABLE temp.query_summary_counted;

-- name: summary_count_picks_end
-- After the stale keys are counted (summary_count_picks).
DROP TABLE temp.query_summary_keys;
DELETE FROM top_pick_stale;

-- name: summary_stale_keys
SELECT key FROM temp.query_summary_keys;

-- name: summary_stale_key_aliases
-- The base names a stale key is an alias of: their picks printed without a code may have it.
SELECT base_name FROM security_aliases WHERE code = :code;

-- name: summary_picks_printed_with_code
-- From picks_by_code alone (code, base_name, report_id, kind).
SELECT base_name, report_id, kind FROM picks WHERE code = :code;

-- name: summary_picks_printed_without_code
SELECT base_name, report_id, kind FROM picks WHERE code IS NULL AND base_name = :base_name;

-- name: summary_smallest_alias_code
-- As view pick_keys: the key of a pick printed without a code.
SELECT min(code) FROM security_aliases WHERE base_name = :base_name;

-- name: summary_counted_report
-- A report's columns the summaries count, if its date is in the range top-picks reads; from
-- the covering index, not the row that holds the body.
SELECT report_date, broker, series FROM reports INDEXED BY reports_by_id_listing
WHERE id = :id AND report_date >= '' AND report_date <= '9999-12-31';

-- name: summary_count_indices
-- index_days, the same way: a stale day (index_day_stale) is deleted and counted again from
-- all its rows (found by date: a few reports); the rows of pending reports are added to the
-- other days. Per (name, period, date): the number of rows and the first row, merged with
-- what earlier reports gave. "First" is by content, never by report id, so the row shown does
-- not depend on the order files were ingested in: the lowest (broker, path, root, seq), a
-- NULL broker first (as ORDER BY sorts it).
CREATE TEMP TABLE query_summary_days (name TEXT, period TEXT, report_date TEXT,
                                      PRIMARY KEY (name, period, report_date)) WITHOUT ROWID;
INSERT OR IGNORE INTO temp.query_summary_days SELECT name, period, report_date FROM index_day_stale;
DELETE FROM index_days WHERE (name, period, report_date) IN (SELECT name, period, report_date FROM temp.query_summary_days);

INSERT INTO index_days (name, period, report_date, reports, first_id, first_seq, close, change_pct)
SELECT name, period, report_date, n, report_id, seq, close, change_pct FROM (
  SELECT i.name, i.period, r.report_date, i.report_id, i.seq, i.close, i.change_pct,
         count(*) OVER g AS n,
         row_number() OVER (PARTITION BY i.name, i.period, r.report_date
                            ORDER BY r.broker, r.path, r.root, i.seq) AS rn
  FROM (SELECT r.id FROM query_summary_pending q JOIN reports r ON r.id = q.report_id
        UNION SELECT r.id FROM (SELECT DISTINCT report_date FROM temp.query_summary_days) d
                          JOIN reports r ON r.report_date = d.report_date) c
  JOIN reports r ON r.id = c.id
  JOIN indices i ON i.report_id = r.id
  WHERE r.report_date >= '' AND r.report_date <= '9999-12-31'
    AND ((i.name, i.period, r.report_date) IN (SELECT name, period, report_date FROM temp.query_summary_days)
         OR (NOT EXISTS (SELECT 1 FROM temp.query_summary_days t
                         WHERE t.name = i.name AND t.period = i.period AND t.report_date = r.report_date)
             AND EXISTS (SELECT 1 FROM query_summary_pending q WHERE q.report_id = r.id)))
  WINDOW g AS (PARTITION BY i.name, i.period, r.report_date))
WHERE rn = 1
ON CONFLICT (name, period, report_date) DO UPDATE SET
  reports = reports + excluded.reports,
  -- (first_id, first_seq, close, change_pct) all follow the row that comes first.
  (first_id, first_seq, close, change_pct) = (
    SELECT CASE WHEN w THEN excluded.first_id ELSE index_days.first_id END,
           CASE WHEN w THEN excluded.first_seq ELSE index_days.first_seq END,
           CASE WHEN w THEN excluded.close ELSE index_days.close END,
           CASE WHEN w THEN excluded.change_pct ELSE index_days.change_pct END
    FROM (SELECT coalesce(
            (SELECT (n.broker IS NOT NULL, coalesce(n.broker, ''), n.path, n.root, excluded.first_seq)
                    < (o.broker IS NOT NULL, coalesce(o.broker, ''), o.path, o.root, index_days.first_seq)
             FROM reports n, reports o WHERE n.id = excluded.first_id AND o.id = index_days.first_id),
            1) AS w));

DROP TABLE temp.query_summary_days;
DELETE FROM index_day_stale;

-- name: summary_pending_new_reports
-- The ingest writer (triggers off) lists the reports it wrote in a batch as pending, as the
-- trigger query_summary_report_insert does for other writers.
INSERT OR IGNORE INTO query_summary_pending (report_id) SELECT id FROM reports WHERE id >= :first_id;

-- name: summary_learned_alias
-- The ingest writer (triggers off) marks the keys an alias it added may move, as the trigger
-- query_summary_alias_insert does for other writers (same conditions, same keys).
INSERT OR IGNORE INTO top_pick_stale (kind, key)
SELECT 'any', k FROM (SELECT :base_name AS k UNION SELECT code FROM security_aliases WHERE base_name = :base_name)
WHERE EXISTS (SELECT 1 FROM top_picks)
  AND EXISTS (SELECT 1 FROM picks WHERE base_name = :base_name AND code IS NULL);

-- name: summary_many_stale
-- A refresh rebuilds from scratch when the stale stock keys hold half of the counted
-- reports of every key or more (a prune of the newest reports moves most keys' last dates):
-- counting a stale key again costs what the rebuild spends on its picks (the same code; at
-- 100k reports, every key stale: 3.8 s against 3.6 s), and the rebuild reads the picks in one
-- pass. The work is weighed by the keys' reports, not their number: a code new to the
-- archive has no rows (its picks are those of the keys they leave), and a key that only the
-- reports just pruned held has no picks left. (Counting keys made a week of reports that
-- taught 741 new codes rebuild everything, 3.5 s instead of 0.5 s at 100k, and so did
-- pruning that week again.)
SELECT (SELECT coalesce(sum(reports), 0) FROM top_picks WHERE kind = 'any' AND key IN (SELECT key FROM top_pick_stale)) * 2
     > (SELECT coalesce(sum(reports), 0) FROM top_picks WHERE kind = 'any');

-- name: summary_any_pending
SELECT EXISTS (SELECT 1 FROM query_summary_pending);

-- name: summary_any_stale
SELECT EXISTS (SELECT 1 FROM top_pick_stale) OR EXISTS (SELECT 1 FROM index_day_stale);

-- name: summary_forget_pending
DELETE FROM query_summary_pending;

-- name: summary_pending_count
SELECT (SELECT count(*) FROM query_summary_pending), (SELECT count(*) FROM reports);

-- name: summary_clear_all
-- Before a rebuild from scratch: every summary row and work list goes.
DELETE FROM top_picks;
DELETE FROM top_pick_brokers;
DELETE FROM top_pick_names;
DELETE FROM pick_series;
DELETE FROM top_pick_months;
DELETE FROM index_days;
DELETE FROM top_pick_stale;
DELETE FROM index_day_stale;
DELETE FROM query_summary_pending;

-- name: summary_mark_all_pending
-- A bulk load starts, after summary_clear_all: every report is pending, so the queries
-- compute from the base tables until the rebuild at its end (or the next ingest's, after a
-- kill). Only marks: nothing is counted until the refresh.
INSERT OR IGNORE INTO query_summary_pending (report_id) SELECT id FROM reports;

-- name: summary_scan_picks
-- The counted picks grouped by report, for a rebuild, which derives each pick's key as the
-- view pick_keys does (from summary_smallest_alias_codes). The reports come from the
-- covering index in id order and each one's picks from the primary key: no sort, and no
-- report row (with its body) is read.
SELECT r.id, p.base_name, p.code, r.report_date, r.broker, p.kind, r.series
FROM reports r INDEXED BY reports_by_id_listing JOIN picks p ON p.report_id = r.id
WHERE r.report_date >= '' AND r.report_date <= '9999-12-31'
ORDER BY r.id;

-- name: summary_smallest_alias_codes
SELECT base_name, min(code) FROM security_aliases GROUP BY base_name;

-- name: summary_scan_indices
SELECT i.name, i.period, r.report_date, i.report_id, i.seq, i.close, i.change_pct, r.broker, r.path, r.root
FROM indices i JOIN reports r ON r.id = i.report_id
WHERE r.report_date >= '' AND r.report_date <= '9999-12-31';

-- name: summary_put_top_pick
INSERT INTO top_picks (kind, key, code, reports, first_seen, last_seen)
VALUES (:kind, :key, :code, :reports, :first_seen, :last_seen);

-- name: summary_put_top_pick_broker
INSERT INTO top_pick_brokers (kind, key, broker, reports) VALUES (:kind, :key, :broker, :reports);

-- name: summary_put_top_pick_name
INSERT INTO top_pick_names (kind, key, base_name, reports) VALUES (:kind, :key, :base_name, :reports);

-- name: summary_put_pick_series
INSERT INTO pick_series (key, base_name, broker, series, reports, picks, first_seen, last_seen)
VALUES (:key, :base_name, :broker, :series, :reports, :picks, :first_seen, :last_seen);

-- name: summary_put_top_pick_month
INSERT INTO top_pick_months (kind, month, key, code, name, reports, brokers, first_seen, last_seen)
VALUES (:kind, :month, :key, :code, :name, :reports, :brokers, :first_seen, :last_seen);

-- name: summary_put_index_day
INSERT INTO index_days (name, period, report_date, reports, first_id, first_seq, close, change_pct)
VALUES (:name, :period, :report_date, :reports, :first_id, :first_seq, :close, :change_pct);
