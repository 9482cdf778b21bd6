-- 0017: the query summaries' triggers are plain SQL that any SQLite tool can fire, and they
-- only mark what changed; all counting is done by yanbao's refresh (schema/schema.md, "Query
-- summaries").
--
-- Before, the triggers called yanbao_summaries_suspended() and yanbao_fts_batching(), which
-- only yanbao registers: an UPDATE, INSERT or DELETE on reports, picks or indices from the
-- sqlite3 shell failed. They also subtracted a report's contribution row by row before each
-- change (a second copy of the counting of statements.sql), which made learning one stock
-- code for a stock with thousands of picks cost seconds.
--
-- Now a change marks work, and the refresh does it:
--   query_summary_pending   a report never counted (new): the refresh adds its rows;
--   top_pick_stale          a stock key whose rows may be wrong: the refresh recomputes all
--                           of its summary rows (every kind) from the base tables;
--                           `kind` is always 'any' (rows of older versions may name a kind;
--                           the key is recomputed whole either way);
--   index_day_stale         an index day recomputed the same way.
-- Until the refresh, the queries see the marks and compute from the base tables, so a
-- summary never gives a different answer, only a faster one.
--
-- yanbao's ingest writer turns triggers off on its own connection
-- (SQLITE_DBCONFIG_ENABLE_TRIGGER): a trigger on a table with an enforced foreign key makes
-- every row INSERT keep a statement journal. It marks the same things itself, per batch
-- (src/store/writer.cpp); its deletes of reports run these DELETE triggers of `reports`,
-- copied onto its connection as TEMP triggers.

DROP TRIGGER IF EXISTS query_summary_uncount;
DROP TRIGGER IF EXISTS query_summary_report_insert;
DROP TRIGGER IF EXISTS query_summary_report_delete;
DROP TRIGGER IF EXISTS query_summary_report_deleted;
DROP TRIGGER IF EXISTS query_summary_report_update;
DROP TRIGGER IF EXISTS query_summary_report_updated;
DROP TRIGGER IF EXISTS query_summary_pick_insert;
DROP TRIGGER IF EXISTS query_summary_pick_delete;
DROP TRIGGER IF EXISTS query_summary_pick_update;
DROP TRIGGER IF EXISTS query_summary_pick_updated;
DROP TRIGGER IF EXISTS query_summary_index_insert;
DROP TRIGGER IF EXISTS query_summary_index_delete;
DROP TRIGGER IF EXISTS query_summary_index_update;
DROP TRIGGER IF EXISTS query_summary_index_updated;
DROP TRIGGER IF EXISTS query_summary_alias_insert;
DROP TRIGGER IF EXISTS query_summary_alias_delete;
DROP TRIGGER IF EXISTS query_summary_alias_update;

-- ---- reports ---------------------------------------------------------------------------
-- A counted report (not pending, dated as top-picks counts) that changes or goes: the keys
-- of its picks and the days of its index rows are recomputed. (Its date, broker, path and
-- root decide which reports a key counts and which row an index day shows.)

CREATE TRIGGER query_summary_report_insert AFTER INSERT ON reports BEGIN
  INSERT OR IGNORE INTO query_summary_pending (report_id) VALUES (new.id);
END;

CREATE TRIGGER query_summary_report_delete BEFORE DELETE ON reports
WHEN NOT EXISTS (SELECT 1 FROM query_summary_pending WHERE report_id = old.id)
  AND old.report_date >= '' AND old.report_date <= '9999-12-31'
BEGIN
  INSERT OR IGNORE INTO top_pick_stale (kind, key)
    SELECT DISTINCT 'any', key FROM pick_keys WHERE report_id = old.id;
  INSERT OR IGNORE INTO index_day_stale (name, period, report_date)
    SELECT DISTINCT name, period, old.report_date FROM indices WHERE report_id = old.id;
END;
CREATE TRIGGER query_summary_report_deleted AFTER DELETE ON reports BEGIN
  DELETE FROM query_summary_pending WHERE report_id = old.id;
END;

CREATE TRIGGER query_summary_report_update BEFORE UPDATE OF id, report_date, broker, path, root ON reports
WHEN NOT EXISTS (SELECT 1 FROM query_summary_pending WHERE report_id = old.id)
  AND old.report_date >= '' AND old.report_date <= '9999-12-31'
BEGIN
  INSERT OR IGNORE INTO top_pick_stale (kind, key)
    SELECT DISTINCT 'any', key FROM pick_keys WHERE report_id = old.id;
  INSERT OR IGNORE INTO index_day_stale (name, period, report_date)
    SELECT DISTINCT name, period, old.report_date FROM indices WHERE report_id = old.id;
END;
CREATE TRIGGER query_summary_report_updated AFTER UPDATE OF id, report_date, broker, path, root ON reports
WHEN NOT EXISTS (SELECT 1 FROM query_summary_pending WHERE report_id = new.id)
  AND new.report_date >= '' AND new.report_date <= '9999-12-31'
BEGIN
  INSERT OR IGNORE INTO top_pick_stale (kind, key)
    SELECT DISTINCT 'any', key FROM pick_keys WHERE report_id = new.id;
  INSERT OR IGNORE INTO index_day_stale (name, period, report_date)
    SELECT DISTINCT name, period, new.report_date FROM indices WHERE report_id = new.id;
END;

-- ---- picks -----------------------------------------------------------------------------
-- A pick of a counted report that comes, goes or changes: its key before and after.

CREATE TRIGGER query_summary_pick_insert AFTER INSERT ON picks
WHEN NOT EXISTS (SELECT 1 FROM query_summary_pending WHERE report_id = new.report_id)
BEGIN
  INSERT OR IGNORE INTO top_pick_stale (kind, key) SELECT 'any', key FROM pick_keys WHERE pick = new.rowid;
END;
CREATE TRIGGER query_summary_pick_delete BEFORE DELETE ON picks
WHEN NOT EXISTS (SELECT 1 FROM query_summary_pending WHERE report_id = old.report_id)
BEGIN
  INSERT OR IGNORE INTO top_pick_stale (kind, key) SELECT 'any', key FROM pick_keys WHERE pick = old.rowid;
END;
CREATE TRIGGER query_summary_pick_update BEFORE UPDATE OF report_id, base_name, code, kind ON picks BEGIN
  INSERT OR IGNORE INTO top_pick_stale (kind, key) SELECT 'any', key FROM pick_keys WHERE pick = old.rowid;
END;
CREATE TRIGGER query_summary_pick_updated AFTER UPDATE OF report_id, base_name, code, kind ON picks BEGIN
  INSERT OR IGNORE INTO top_pick_stale (kind, key) SELECT 'any', key FROM pick_keys WHERE pick = new.rowid;
END;

-- ---- indices ---------------------------------------------------------------------------
-- An index row of a counted report: its day before and after (any column: the first row's
-- close and change are shown).

CREATE TRIGGER query_summary_index_insert AFTER INSERT ON indices
WHEN NOT EXISTS (SELECT 1 FROM query_summary_pending WHERE report_id = new.report_id)
BEGIN
  INSERT OR IGNORE INTO index_day_stale (name, period, report_date)
    SELECT new.name, new.period, report_date FROM reports
    WHERE id = new.report_id AND report_date >= '' AND report_date <= '9999-12-31';
END;
CREATE TRIGGER query_summary_index_delete BEFORE DELETE ON indices
WHEN NOT EXISTS (SELECT 1 FROM query_summary_pending WHERE report_id = old.report_id)
BEGIN
  INSERT OR IGNORE INTO index_day_stale (name, period, report_date)
    SELECT old.name, old.period, report_date FROM reports
    WHERE id = old.report_id AND report_date >= '' AND report_date <= '9999-12-31';
END;
CREATE TRIGGER query_summary_index_update BEFORE UPDATE ON indices BEGIN
  INSERT OR IGNORE INTO index_day_stale (name, period, report_date)
    SELECT old.name, old.period, report_date FROM reports
    WHERE id = old.report_id AND report_date >= '' AND report_date <= '9999-12-31';
END;
CREATE TRIGGER query_summary_index_updated AFTER UPDATE ON indices BEGIN
  INSERT OR IGNORE INTO index_day_stale (name, period, report_date)
    SELECT new.name, new.period, report_date FROM reports
    WHERE id = new.report_id AND report_date >= '' AND report_date <= '9999-12-31';
END;

-- ---- security_aliases ------------------------------------------------------------------
-- The key of a pick printed without a code is the smallest code known for its base name,
-- else the base name: an alias that comes, goes or changes may move those picks from one key
-- to another. Marked: the base name and every code it has (before and after). Nothing when
-- no summary row exists yet (a first ingest rebuilds them all) or no such pick exists.

CREATE TRIGGER query_summary_alias_insert AFTER INSERT ON security_aliases
WHEN EXISTS (SELECT 1 FROM top_picks)
  AND EXISTS (SELECT 1 FROM picks WHERE base_name = new.base_name AND code IS NULL)
BEGIN
  INSERT OR IGNORE INTO top_pick_stale (kind, key)
    SELECT 'any', new.base_name UNION SELECT 'any', code FROM security_aliases WHERE base_name = new.base_name;
END;
CREATE TRIGGER query_summary_alias_delete AFTER DELETE ON security_aliases
WHEN EXISTS (SELECT 1 FROM top_picks)
  AND EXISTS (SELECT 1 FROM picks WHERE base_name = old.base_name AND code IS NULL)
BEGIN
  INSERT OR IGNORE INTO top_pick_stale (kind, key)
    SELECT 'any', old.base_name UNION SELECT 'any', old.code
    UNION SELECT 'any', code FROM security_aliases WHERE base_name = old.base_name;
END;
CREATE TRIGGER query_summary_alias_update AFTER UPDATE OF base_name, code ON security_aliases
WHEN EXISTS (SELECT 1 FROM top_picks)
BEGIN
  INSERT OR IGNORE INTO top_pick_stale (kind, key)
    SELECT 'any', b FROM (SELECT old.base_name AS b UNION SELECT new.base_name UNION SELECT old.code
                          UNION SELECT code FROM security_aliases WHERE base_name IN (old.base_name, new.base_name));
END;
