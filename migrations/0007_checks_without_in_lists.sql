-- 0007: the CHECK constraints of picks.kind and files.status say the same thing with ORs.
-- SQLite evaluates `x IN ('a', 'b', 'c')` (three values or more) by building a temporary
-- b-tree of the list on every row it checks: measured with callgrind, that was 15 % of all
-- the instructions of an ingest (picks get about 26 rows per report). An OR of equalities
-- is a few comparisons. The allowed values do not change. SQLite cannot alter a CHECK in
-- place, so both tables are rebuilt (rowids and every row kept) with their indexes.
CREATE TABLE picks_0007 (
  report_id   INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  theme       TEXT,
  name        TEXT NOT NULL,                 -- as written
  base_name   TEXT NOT NULL,                 -- matching key: half-width, no ST/-W affixes
  code        TEXT,                          -- canonical NNNNNN.SH|SZ|BJ or NNNNN.HK
  code_source TEXT,                          -- 'report' (printed) or 'archive' (learned)
  kind        TEXT NOT NULL
              CHECK (kind = 'recommend' OR kind = 'watch' OR kind = 'beneficiary' OR kind = 'rating'),
  rating      TEXT,
  PRIMARY KEY (report_id, seq)
);
INSERT INTO picks_0007 (rowid, report_id, seq, theme, name, base_name, code, code_source, kind, rating)
  SELECT rowid, report_id, seq, theme, name, base_name, code, code_source, kind, rating FROM picks;
DROP TABLE picks;
ALTER TABLE picks_0007 RENAME TO picks;
CREATE INDEX picks_by_code ON picks (code);
CREATE INDEX picks_by_base_name ON picks (base_name);
CREATE INDEX picks_by_name ON picks (name);

CREATE TABLE files_0007 (
  root       TEXT NOT NULL,
  path       TEXT NOT NULL,
  size       INTEGER NOT NULL,
  mtime_ns   INTEGER NOT NULL,
  sha256     TEXT,
  status     TEXT NOT NULL CHECK (status = 'report' OR status = 'duplicate' OR status = 'error'),
  report_id  INTEGER REFERENCES reports (id) ON DELETE SET NULL,
  PRIMARY KEY (root, path)
) WITHOUT ROWID;
INSERT INTO files_0007 (root, path, size, mtime_ns, sha256, status, report_id)
  SELECT root, path, size, mtime_ns, sha256, status, report_id FROM files;
DROP TABLE files;
ALTER TABLE files_0007 RENAME TO files;
CREATE INDEX files_by_report ON files (report_id);

-- A bulk load killed before it rebuilt its deferred indexes: the ones above exist now.
DELETE FROM deferred_indexes WHERE name IN ('picks_by_code', 'picks_by_base_name', 'picks_by_name');
