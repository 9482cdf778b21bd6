-- 0022: movers_by_name and events_by_company carry the row's code (issue 16).
--
-- When an ingest learns a code, it fills the movers and events printed by name without one:
-- the restricted fill (store/securities.h, LearnedScope) looks up every name a new report
-- printed without a code, through these two indexes, and checks `code IS NULL`. With the
-- name alone in the index, that check read the row of every mover and event with the name,
-- most of them with a code already, scattered over their tables: for one report that taught
-- one code on the 100k bench archive, 60,117 movers and 14,722 events, about 57,000 page
-- reads (pages fell out of the cache between the lookup and the update). With the code in
-- the index, only the rows that change are read.
--
-- As in 0011, 0012 and 0020, a definition a killed bulk load left in deferred_indexes is replaced.
DROP INDEX IF EXISTS movers_by_name;
CREATE INDEX movers_by_name ON movers (name, code);
DROP INDEX IF EXISTS events_by_company;
CREATE INDEX events_by_company ON events (company, code);
DELETE FROM deferred_indexes WHERE name IN ('movers_by_name', 'events_by_company');
