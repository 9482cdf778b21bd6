-- 0005: a large ingest drops the indexes that only serve queries, loads the rows, and
-- builds the indexes again at its end: one sort per index instead of a b-tree insert per
-- row. While they are away, their definitions wait here, written in the same transaction
-- that drops them, so an ingest killed in between leaves the archive consistent (every
-- query still answers, only slower) and the next ingest builds them. See schema/schema.md.
CREATE TABLE deferred_indexes (
  name TEXT PRIMARY KEY,   -- index name, as in sqlite_schema
  sql  TEXT NOT NULL       -- its CREATE INDEX statement, as in sqlite_schema.sql
) WITHOUT ROWID;
