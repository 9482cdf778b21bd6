-- 0011: pick-history reads a stock's picks from the index alone.
--
-- picks is stored in report order, so the picks of a stock picked by one report in six lie
-- on nearly every page of the table: pick-history read 18,898 rows from ~17,000 pages at
-- 100k reports and mapped 600-860 MB of the archive. picks_by_base_name now carries every
-- column pick-history prints, in (base_name, report_id, seq) order, and the summaries that
-- used (base_name, report_id) still find it as the index's first columns. Measured at 100k
-- reports: pick-history about 20% faster with a warm cache and 25% from a cold one, 90 MB
-- mapped; the index grows from 60 to 163 MB (the archive by 5.5%), and a first ingest spends
-- about 1.6% more instructions building it.

-- A bulk load killed before rebuilding its deferred indexes leaves the old definition in
-- deferred_indexes: the index is created here and forgotten there.
DROP INDEX IF EXISTS picks_by_base_name;
CREATE INDEX picks_by_base_name ON picks (base_name, report_id, seq, kind, theme, rating, name, code);
DELETE FROM deferred_indexes WHERE name = 'picks_by_base_name';
