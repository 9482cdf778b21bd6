-- 0016: an archive every SQLite tool can open, read, search and write (issue 15).
--
-- Until now reports_fts used yanbao's own FTS5 tokenizer (yanbao_bigram), which only yanbao
-- registers: other tools could not read reports_fts (not even PRAGMA table_info) nor write
-- to reports, whose triggers fed it. From this version:
--
-- * reports_fts indexes *segmented* text with FTS5's built-in `ascii` tokenizer: yanbao
--   writes each report's title and body as their tokens separated by spaces (贵州茅台 →
--   "贵州 州茅 茅台 台", schema/search.md), and rewrites search text the same way. Any SQLite
--   can then MATCH '"智驾"' or '"贵州 州茅 茅台"'. It stays an external-content table over
--   reports (the index only; SELECT * reads the original text from reports), and
--   content="reports" is written in the form sqlite-utils recognizes.
-- * The triggers on reports cannot segment text in plain SQL, so they only record which
--   reports changed in reports_fts_pending (with the old text of a report that was indexed,
--   which removing it from the index needs). yanbao brings reports_fts up to date from that
--   table: its ingest writer in each batch, and any command that opens the archive for
--   writing (or searches) when another tool left rows there.
-- * yanbao_meta holds the schema version, so an archive restored from `sqlite3 .dump`
--   (whose PRAGMA user_version is 0) is still recognized.
--
-- The old tokenizer stays registered in yanbao only because dropping the old table needs it.
DROP TRIGGER reports_fts_after_insert;
DROP TRIGGER reports_fts_after_delete;
DROP TRIGGER reports_fts_after_update;
DROP TABLE reports_fts;

CREATE VIRTUAL TABLE reports_fts USING fts5(
  title, body,
  content="reports", content_rowid="id",
  tokenize="ascii"
);
-- As in 0004: each commit of an ingest writes one index segment.
INSERT INTO reports_fts (reports_fts, rank) VALUES ('hashsize', 33554432);

-- Reports whose reports_fts entry is out of date. indexed = 1: reports_fts holds the report
-- as old_title/old_body (removing it needs that text); 0: it holds nothing for this id.
-- The first change since the last update wins: it says what the index holds.
CREATE TABLE reports_fts_pending (
  report_id INTEGER PRIMARY KEY,
  indexed   INTEGER NOT NULL CHECK (indexed IN (0, 1)),
  old_title TEXT,
  old_body  TEXT
);

-- NOT EXISTS rather than INSERT OR IGNORE: an outer INSERT OR REPLACE would impose its
-- conflict policy on the trigger's statements. A REPLACE that deletes a conflicting report
-- fires no delete trigger, so the BEFORE INSERT trigger saves that report's text first.
CREATE TRIGGER reports_fts_before_insert BEFORE INSERT ON reports BEGIN
  INSERT INTO reports_fts_pending (report_id, indexed, old_title, old_body)
    SELECT id, 1, title, body FROM reports
    WHERE (id = new.id OR (root = new.root AND path = new.path))
      AND NOT EXISTS (SELECT 1 FROM reports_fts_pending p WHERE p.report_id = reports.id);
END;

CREATE TRIGGER reports_fts_after_insert AFTER INSERT ON reports
WHEN NOT EXISTS (SELECT 1 FROM reports_fts_pending WHERE report_id = new.id)
BEGIN
  INSERT INTO reports_fts_pending (report_id, indexed) VALUES (new.id, 0);
END;

CREATE TRIGGER reports_fts_after_delete AFTER DELETE ON reports
WHEN NOT EXISTS (SELECT 1 FROM reports_fts_pending WHERE report_id = old.id)
BEGIN
  INSERT INTO reports_fts_pending (report_id, indexed, old_title, old_body) VALUES (old.id, 1, old.title, old.body);
END;

CREATE TRIGGER reports_fts_after_update AFTER UPDATE OF id, title, body ON reports BEGIN
  INSERT INTO reports_fts_pending (report_id, indexed, old_title, old_body)
    SELECT old.id, 1, old.title, old.body
    WHERE NOT EXISTS (SELECT 1 FROM reports_fts_pending WHERE report_id = old.id);
  INSERT INTO reports_fts_pending (report_id, indexed)
    SELECT new.id, 0
    WHERE NOT EXISTS (SELECT 1 FROM reports_fts_pending WHERE report_id = new.id);
END;

-- Every report enters the new index at the end of this upgrade (a while on a large archive).
INSERT INTO reports_fts_pending (report_id, indexed) SELECT id, 0 FROM reports;

-- The archive's identity. yanbao keeps schema_version equal to PRAGMA user_version.
CREATE TABLE yanbao_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO yanbao_meta (key, value) VALUES ('application', 'yanbao'), ('schema_version', '16');
