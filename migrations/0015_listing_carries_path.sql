-- 0015: answers that do not depend on history (issue 13, item 1).
--
-- Canned queries break ties by content (report date, broker, path, seq), never by report
-- id: ids follow the order files were ingested in, so a kill, a --prune or a different
-- order of folders changed which of two equal-ranked rows came first. pick-history and the
-- index_days rebuild read their report columns from reports_by_id_listing alone; it now
-- carries path and root too, so the tie-break reads no report row (with its body).
-- The index is never deferred by a bulk load (statement query_only_indexes).
DROP INDEX IF EXISTS reports_by_id_listing;
CREATE INDEX reports_by_id_listing ON reports (id, report_date, broker, series, title, path, root);
DELETE FROM deferred_indexes WHERE name = 'reports_by_id_listing';

-- The first row of each index day is chosen by content from now on: counted again.
INSERT OR IGNORE INTO index_day_stale (name, period, report_date) SELECT name, period, report_date FROM index_days;
