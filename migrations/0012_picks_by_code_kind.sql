-- 0012: picks_by_code also carries the pick's kind.
--
-- When a report is subtracted from the query summaries (deleted, changed, pruned) and its
-- date was a stock's first or last, that stock's dates are recomputed from its picks: since
-- version 10 per kind too. Found by code, the picks' kind had to be read from the table, a
-- page per pick for a stock picked thousands of times. With kind in the index, the
-- recomputation reads the index alone.
--
-- As in 0011, a definition a killed bulk load left in deferred_indexes is replaced.
DROP INDEX IF EXISTS picks_by_code;
CREATE INDEX picks_by_code ON picks (code, base_name, report_id, kind);
DELETE FROM deferred_indexes WHERE name = 'picks_by_code';
