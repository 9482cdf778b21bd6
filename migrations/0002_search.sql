-- 0002: full-text search over report titles and bodies (news items are part of the body).
-- reports_fts is an external-content FTS5 table: it stores only the index, reading text
-- from reports (content='reports', content_rowid='id'). The triggers below keep it in sync
-- (the pattern of the FTS5 documentation, "External Content Tables"). The yanbao_cjk
-- tokenizer (schema/search.md) is registered by yanbao on every connection; other SQLite
-- tools can read every other table, but not reports_fts, and cannot write to reports.

CREATE VIRTUAL TABLE reports_fts USING fts5(
  title, body,
  content = 'reports', content_rowid = 'id',
  tokenize = 'yanbao_cjk'
);

CREATE TRIGGER reports_fts_after_insert AFTER INSERT ON reports BEGIN
  INSERT INTO reports_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;

CREATE TRIGGER reports_fts_after_delete AFTER DELETE ON reports BEGIN
  INSERT INTO reports_fts (reports_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;

CREATE TRIGGER reports_fts_after_update AFTER UPDATE OF id, title, body ON reports BEGIN
  INSERT INTO reports_fts (reports_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
  INSERT INTO reports_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;

-- Archives migrated from version 1 already hold reports.
INSERT INTO reports_fts (reports_fts) VALUES ('rebuild');

-- Lookups the canned queries make (schema/queries.yaml).
CREATE INDEX reports_by_series ON reports (series, report_date);  -- pick-changes without --broker
CREATE INDEX indices_by_raw_name ON indices (raw_name);            -- index-history by a written name
CREATE INDEX security_aliases_by_code ON security_aliases (code);
CREATE INDEX movers_by_code ON movers (code);
CREATE INDEX events_by_code ON events (code);
