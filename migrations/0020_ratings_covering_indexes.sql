-- 0020: a stock's ratings are read from their indexes alone (issues 14, 16).
--
-- rating-history, consensus and pick-history's "Latest rating and target per broker" find a
-- stock's ratings by code or by name, then read each rating's row for its rating, action,
-- target and currency: about a page of the ratings table per rating, scattered over the
-- table (the ratings of one stock come from reports written years apart). A fresh process
-- pays for every page it touches for the first time (BENCHMARKS.md, "Session 8"), so the two
-- indexes now carry every column those queries read. At 100k generated reports: pick-history
-- of the most picked stock 21 → 17 ms, consensus 17 → 15 ms, rating-history 17 → 15 ms; the
-- two indexes grow from 2.3 to 6.4 MB.
--
-- As in 0011 and 0012, a definition a killed bulk load left in deferred_indexes is replaced.
DROP INDEX IF EXISTS ratings_by_code;
CREATE INDEX ratings_by_code ON ratings (code, report_id, seq, subject, name, rating, action, target_price, currency);
DROP INDEX IF EXISTS ratings_by_name;
CREATE INDEX ratings_by_name ON ratings (name, report_id, seq, subject, code, rating, action, target_price, currency);
DELETE FROM deferred_indexes WHERE name IN ('ratings_by_code', 'ratings_by_name');
