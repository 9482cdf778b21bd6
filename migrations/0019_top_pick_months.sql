-- 0019: top-picks over a date range answers from monthly counts (issue 16).
--
-- Before, `top-picks --since` counted every pick of the range from the picks themselves:
-- about 96,000 picks for three months at 100k reports, 150 ms. top_pick_months keeps, per
-- kind, stock key and calendar month, what top_picks keeps for all time: the reports with a
-- pick of the key, their first and last dates, the largest base name, and the set of brokers
-- (as a JSON array, so the brokers of several months can be counted once each). top-picks
-- adds up the months wholly inside the range, and counts the reports of the partial months at
-- its edges from the picks.
--
-- Only reports dated as a calendar day (`YYYY-MM-DD`, day 01 to 31) are counted here: for
-- them, a month inside the range means every report of it is inside the range. A report dated
-- otherwise is always counted from its picks.
--
-- It is kept like top_picks and pick_series (schema/schema.md, "Query summaries"): counted
-- by yanbao's refresh for the keys listed in top_pick_stale and for the pending reports,
-- deleted and recounted whole per stale key, and consulted only while nothing is pending or
-- stale. It depends on nothing top_picks does not (a report's date, broker and id, a pick's
-- report, base name, code and kind, the aliases), so the triggers of 0017 keep it too.
--
-- The summary tables are emptied and every report is listed as pending, so the next refresh
-- (the next ingest, or `securities import`) counts everything again, this table included.

DELETE FROM top_picks;
DELETE FROM top_pick_brokers;
DELETE FROM top_pick_names;
DELETE FROM top_pick_stale;
DELETE FROM pick_series;
DELETE FROM index_days;
DELETE FROM index_day_stale;
INSERT OR IGNORE INTO query_summary_pending (report_id) SELECT id FROM reports;

CREATE TABLE top_pick_months (
  kind       TEXT NOT NULL,    -- 'any' (picks of every kind) or a picks.kind, as in top_picks
  month      TEXT NOT NULL,    -- 'YYYY-MM', the first seven characters of report_date
  key        TEXT NOT NULL,    -- the stock key, as in top_picks (view pick_keys)
  code       TEXT,             -- key when it is a code, else NULL
  name       TEXT NOT NULL,    -- the largest base name the key's picks were written under that month
  reports    INTEGER NOT NULL, -- counted reports of the month with a pick of the key (of that kind)
  brokers    TEXT NOT NULL,    -- JSON array of their distinct brokers, sorted; reports without one add none
  first_seen TEXT NOT NULL,    -- their earliest report_date
  last_seen  TEXT NOT NULL,    -- and latest
  PRIMARY KEY (kind, month, key)
) WITHOUT ROWID;

-- The refresh deletes a stale key's rows by key.
CREATE INDEX top_pick_months_by_key ON top_pick_months (key);
