-- 0018: pick-history's summary and current runs answer from a summary table (issue 16).
--
-- Before, both counted every pick of the stock and read the report of each (17,426 reports
-- for the most picked stock at 100k reports: about 50 ms of SQL for the two). pick_series
-- keeps, per stock key, base name, broker and series, the number of counted reports with a
-- pick of the key under that base name, the number of such picks, and the reports' first and
-- last dates; pick-history sums the rows of its base name.
--
-- It is kept like top_picks (schema/schema.md, "Query summaries"): counted by yanbao's
-- refresh for the keys listed in top_pick_stale and for the pending reports, deleted and
-- recounted whole per stale key, and consulted only while nothing is pending or stale. The
-- triggers of 0017 already mark a key when a report's date, broker, path, root or id, or a
-- pick's report, base name, code or kind changes; the one thing these rows also depend on is
-- a report's series, marked by the trigger below.
--
-- The summary tables are emptied and every report is listed as pending, so the next refresh
-- (the next ingest, or `securities import`) counts everything again, this table included.
-- Until then the queries read the base tables, as after any change.

DELETE FROM top_picks;
DELETE FROM top_pick_brokers;
DELETE FROM top_pick_names;
DELETE FROM top_pick_stale;
DELETE FROM index_days;
DELETE FROM index_day_stale;
INSERT OR IGNORE INTO query_summary_pending (report_id) SELECT id FROM reports;

-- One row per (key, base_name, broker, series); broker and series may be NULL (as in
-- reports), so this is a rowid table without a primary key: yanbao's refresh keeps one row
-- per combination (NULLs compared with IS).
CREATE TABLE pick_series (
  key        TEXT NOT NULL,    -- the stock key, as in top_picks (view pick_keys)
  base_name  TEXT NOT NULL,    -- the base name the picks were written under
  broker     TEXT,             -- reports.broker
  series     TEXT,             -- reports.series
  reports    INTEGER NOT NULL, -- counted reports of that broker and series with such a pick
  picks      INTEGER NOT NULL, -- and the picks of the key under that base name in them
  first_seen TEXT,             -- their earliest report_date
  last_seen  TEXT              -- and latest
);

-- pick-history reads a base name's rows from the index alone; the refresh deletes a stale
-- key's rows by key.
CREATE INDEX pick_series_by_base_name ON pick_series (base_name, broker, series, key, reports, picks, first_seen, last_seen);
CREATE INDEX pick_series_by_key ON pick_series (key);

-- A counted report whose series changes: the keys of its picks are recounted.
CREATE TRIGGER query_summary_report_series_update BEFORE UPDATE OF series ON reports
WHEN NOT EXISTS (SELECT 1 FROM query_summary_pending WHERE report_id = old.id)
  AND old.report_date >= '' AND old.report_date <= '9999-12-31'
BEGIN
  INSERT OR IGNORE INTO top_pick_stale (kind, key)
    SELECT DISTINCT 'any', key FROM pick_keys WHERE report_id = old.id;
END;
