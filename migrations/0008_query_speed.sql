-- 0008: what makes pick-history, index-history and top-picks fast on a large archive
-- (schema/schema.md, "Query summaries"). Two kinds of objects:
--
-- 1. Indexes the canned queries name with INDEXED BY (schema/queries.yaml).
-- 2. Summary tables, derived from reports/picks/indices/security_aliases and never edited by
--    hand: top_picks (+ top_pick_brokers, top_pick_names) and index_days. A report is
--    counted into them by refresh_query_summaries() (src/store/summaries.cpp), which ingest
--    and `securities import` run at their end. Until then it is listed in
--    query_summary_pending, and while any report is pending (or a summary row is stale) the
--    queries compute from the base tables as before: a summary never gives a different
--    answer, only a faster one.
--
-- Triggers keep the summaries exact: before anything a counted report's summary rows depend
-- on changes (the report's date or broker, its picks or indices, an alias that changes the
-- stock key of one of its picks written without a code) or before the report is deleted,
-- its contribution is subtracted and it becomes pending again; a subtraction that may move
-- a first/last date or an index's first row marks that summary row stale.

-- ---- indexes ---------------------------------------------------------------------------

-- pick-history: the reports of a stock's picks from the indexes alone (its summaries), and,
-- by name or code, whether a pick is written under another base name, without reading the
-- table (which is in report order: a stock picked by 17% of the reports has picks on nearly
-- every table page). Same names as the indexes of version 1, more columns. (A picks_by_base_name
-- covering every column pick-history prints saved it another ~40% but cost ~30% of a cold
-- ingest and 8% of the archive.)
DROP INDEX picks_by_base_name;
CREATE INDEX picks_by_base_name ON picks (base_name, report_id);
DROP INDEX picks_by_name;
CREATE INDEX picks_by_name ON picks (name, base_name, report_id);
DROP INDEX picks_by_code;
CREATE INDEX picks_by_code ON picks (code, base_name, report_id);
-- pick-history joins every pick it finds to its report's date, broker, series and title:
-- from this index instead of the report rows (which hold the body), a few pages instead of
-- one per report.
CREATE INDEX reports_by_id_listing ON reports (id, report_date, broker, series, title);
-- index-history: the rows of one index name, without reading the indices table.
CREATE INDEX indices_by_name_period ON indices (name, period, report_id, seq, close, change_pct);
-- index-history: the names written as :name (skipping through the distinct ones).
CREATE INDEX indices_by_raw_name_name ON indices (raw_name, name);

-- ---- summary tables --------------------------------------------------------------------

-- The stock key of a pick, as top-picks groups: its code, else the smallest code the archive
-- knows for its base name, else its base name. coded: the key is a code.
CREATE VIEW pick_keys AS
SELECT p.rowid AS pick, p.report_id, p.base_name,
       coalesce(p.code, (SELECT min(a.code) FROM security_aliases a WHERE a.base_name = p.base_name),
                p.base_name) AS key,
       coalesce(p.code, (SELECT min(a.code) FROM security_aliases a WHERE a.base_name = p.base_name))
         IS NOT NULL AS coded
FROM picks p;

-- Per stock key, over every counted report dated '' … '9999-12-31' (as top-picks filters).
CREATE TABLE top_picks (
  key        TEXT PRIMARY KEY,
  code       TEXT,             -- key when it is a code, else NULL
  reports    INTEGER NOT NULL, -- reports with at least one pick of the key
  first_seen TEXT,
  last_seen  TEXT
) WITHOUT ROWID;

CREATE TABLE top_pick_brokers (
  key     TEXT NOT NULL,
  broker  TEXT NOT NULL,       -- reports without a broker are not counted here
  reports INTEGER NOT NULL,
  PRIMARY KEY (key, broker)
) WITHOUT ROWID;

CREATE TABLE top_pick_names (
  key       TEXT NOT NULL,
  base_name TEXT NOT NULL,
  reports   INTEGER NOT NULL,  -- reports with a pick of the key under this base name
  PRIMARY KEY (key, base_name)
) WITHOUT ROWID;

-- Per index name, period and report date: what index-history shows for that date.
CREATE TABLE index_days (
  name        TEXT NOT NULL,
  period      TEXT NOT NULL,
  report_date TEXT NOT NULL,
  reports     INTEGER NOT NULL,  -- indices rows (reports giving it)
  first_id    INTEGER NOT NULL,  -- the row shown: lowest report id, then lowest seq
  first_seq   INTEGER NOT NULL,
  close       REAL,
  change_pct  REAL,
  PRIMARY KEY (name, period, report_date)
) WITHOUT ROWID;

CREATE TABLE query_summary_pending (report_id INTEGER PRIMARY KEY);
CREATE TABLE top_pick_stale (key TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE index_day_stale (
  name TEXT NOT NULL, period TEXT NOT NULL, report_date TEXT NOT NULL,
  PRIMARY KEY (name, period, report_date)
) WITHOUT ROWID;

-- An archive migrated from version 3: every report waits for the first refresh.
INSERT INTO query_summary_pending (report_id) SELECT id FROM reports;

-- ---- triggers --------------------------------------------------------------------------

-- Making a counted report pending subtracts what it contributed (computed from its rows as
-- they are now, before the change that made it pending).
CREATE TRIGGER query_summary_uncount BEFORE INSERT ON query_summary_pending
WHEN NOT EXISTS (SELECT 1 FROM query_summary_pending WHERE report_id = new.report_id)
  AND EXISTS (SELECT 1 FROM reports WHERE id = new.report_id AND report_date >= '' AND report_date <= '9999-12-31')
BEGIN
  INSERT OR IGNORE INTO top_pick_stale (key)
    SELECT t.key FROM top_picks t
    WHERE t.key IN (SELECT key FROM pick_keys WHERE report_id = new.report_id)
      AND (SELECT report_date FROM reports WHERE id = new.report_id) IN (t.first_seen, t.last_seen);
  UPDATE top_picks SET reports = reports - 1
    WHERE key IN (SELECT key FROM pick_keys WHERE report_id = new.report_id);
  UPDATE top_pick_brokers SET reports = reports - 1
    WHERE broker = (SELECT broker FROM reports WHERE id = new.report_id)
      AND key IN (SELECT key FROM pick_keys WHERE report_id = new.report_id);
  UPDATE top_pick_names SET reports = reports - 1
    WHERE (key, base_name) IN (SELECT key, base_name FROM pick_keys WHERE report_id = new.report_id);
  DELETE FROM top_picks WHERE reports <= 0
    AND key IN (SELECT key FROM pick_keys WHERE report_id = new.report_id);
  DELETE FROM top_pick_brokers WHERE reports <= 0
    AND key IN (SELECT key FROM pick_keys WHERE report_id = new.report_id);
  DELETE FROM top_pick_names WHERE reports <= 0
    AND (key, base_name) IN (SELECT key, base_name FROM pick_keys WHERE report_id = new.report_id);

  INSERT OR IGNORE INTO index_day_stale (name, period, report_date)
    SELECT d.name, d.period, d.report_date FROM index_days d
    WHERE d.report_date = (SELECT report_date FROM reports WHERE id = new.report_id)
      AND (d.name, d.period) IN (SELECT name, period FROM indices WHERE report_id = new.report_id)
      AND d.first_id = new.report_id;
  UPDATE index_days
    SET reports = reports - (SELECT count(*) FROM indices i WHERE i.report_id = new.report_id
                               AND i.name = index_days.name AND i.period = index_days.period)
    WHERE report_date = (SELECT report_date FROM reports WHERE id = new.report_id)
      AND (name, period) IN (SELECT name, period FROM indices WHERE report_id = new.report_id);
  DELETE FROM index_days WHERE reports <= 0
    AND report_date = (SELECT report_date FROM reports WHERE id = new.report_id)
    AND (name, period) IN (SELECT name, period FROM indices WHERE report_id = new.report_id);
END;

-- A new report is pending until the next refresh (it has no picks yet: nothing to subtract).
-- (The WHEN clauses below only save work: inserting a pending report again is a no-op.)
CREATE TRIGGER query_summary_report_insert AFTER INSERT ON reports BEGIN
  INSERT OR IGNORE INTO query_summary_pending (report_id) VALUES (new.id);
END;

-- A deleted report: subtracted before its rows go (ON DELETE CASCADE), and while they go it
-- is pending, so the triggers on picks and indices below leave it alone.
CREATE TRIGGER query_summary_report_delete BEFORE DELETE ON reports BEGIN
  INSERT OR IGNORE INTO query_summary_pending (report_id) VALUES (old.id);
END;
CREATE TRIGGER query_summary_report_deleted AFTER DELETE ON reports BEGIN
  DELETE FROM query_summary_pending WHERE report_id = old.id;
END;

CREATE TRIGGER query_summary_report_update BEFORE UPDATE OF id, report_date, broker ON reports BEGIN
  INSERT OR IGNORE INTO query_summary_pending (report_id) VALUES (old.id);
END;
CREATE TRIGGER query_summary_report_updated AFTER UPDATE OF id ON reports BEGIN
  INSERT OR IGNORE INTO query_summary_pending (report_id) VALUES (new.id);
END;

-- yanbao's ingest writer (yanbao_fts_batching(), migration 0003) inserts a report before its
-- rows, so the report's insert trigger has already put it on the pending list: the row
-- triggers below only matter to other writers, and would cost the ingest a lookup per row.
CREATE TRIGGER query_summary_pick_insert BEFORE INSERT ON picks
WHEN NOT yanbao_fts_batching()
  AND NOT EXISTS (SELECT 1 FROM query_summary_pending WHERE report_id = new.report_id)
BEGIN
  INSERT OR IGNORE INTO query_summary_pending (report_id) VALUES (new.report_id);
END;
CREATE TRIGGER query_summary_pick_delete BEFORE DELETE ON picks
WHEN NOT EXISTS (SELECT 1 FROM query_summary_pending WHERE report_id = old.report_id)
BEGIN
  INSERT OR IGNORE INTO query_summary_pending (report_id) VALUES (old.report_id);
END;
CREATE TRIGGER query_summary_pick_update BEFORE UPDATE OF report_id, base_name, code ON picks BEGIN
  INSERT OR IGNORE INTO query_summary_pending (report_id) VALUES (old.report_id);
  INSERT OR IGNORE INTO query_summary_pending (report_id) VALUES (new.report_id);
END;

CREATE TRIGGER query_summary_index_insert BEFORE INSERT ON indices
WHEN NOT yanbao_fts_batching()
  AND NOT EXISTS (SELECT 1 FROM query_summary_pending WHERE report_id = new.report_id)
BEGIN
  INSERT OR IGNORE INTO query_summary_pending (report_id) VALUES (new.report_id);
END;
CREATE TRIGGER query_summary_index_delete BEFORE DELETE ON indices
WHEN NOT EXISTS (SELECT 1 FROM query_summary_pending WHERE report_id = old.report_id)
BEGIN
  INSERT OR IGNORE INTO query_summary_pending (report_id) VALUES (old.report_id);
END;
CREATE TRIGGER query_summary_index_update BEFORE UPDATE ON indices BEGIN
  INSERT OR IGNORE INTO query_summary_pending (report_id) VALUES (old.report_id);
  INSERT OR IGNORE INTO query_summary_pending (report_id) VALUES (new.report_id);
END;

-- An alias that becomes the smallest code of its base name (or the first) changes the key of
-- that base name's picks written without a code; so does removing the smallest.
CREATE TRIGGER query_summary_alias_insert BEFORE INSERT ON security_aliases
WHEN NOT EXISTS (SELECT 1 FROM security_aliases WHERE base_name = new.base_name AND code <= new.code)
BEGIN
  INSERT OR IGNORE INTO query_summary_pending (report_id)
    SELECT DISTINCT report_id FROM picks WHERE base_name = new.base_name AND code IS NULL;
END;
CREATE TRIGGER query_summary_alias_delete BEFORE DELETE ON security_aliases
WHEN NOT EXISTS (SELECT 1 FROM security_aliases WHERE base_name = old.base_name AND code < old.code)
BEGIN
  INSERT OR IGNORE INTO query_summary_pending (report_id)
    SELECT DISTINCT report_id FROM picks WHERE base_name = old.base_name AND code IS NULL;
END;
CREATE TRIGGER query_summary_alias_update BEFORE UPDATE OF base_name, code ON security_aliases BEGIN
  INSERT OR IGNORE INTO query_summary_pending (report_id)
    SELECT DISTINCT report_id FROM picks WHERE base_name IN (old.base_name, new.base_name) AND code IS NULL;
END;
