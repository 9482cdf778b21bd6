-- 0021: top_pick_months loses its index by key (issue 16).
--
-- top_pick_months_by_key (0019) served one statement: the refresh deleting the rows of the
-- stock keys marked stale (after another tool's edit, a prune or a learned code), which now
-- reads the table instead (about 40 MB at 100k generated reports: tens of milliseconds, once
-- per refresh that has stale keys). Keeping the index cost about half of the time the
-- rebuild at the end of a first ingest spends writing the table (at 10k reports: 0.43 s →
-- 0.20 s for 118,930 rows), and 4 MB at 100k.
DROP INDEX IF EXISTS top_pick_months_by_key;
