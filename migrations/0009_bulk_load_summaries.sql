-- 0009: a bulk load suspends the query summaries instead of keeping them exact row by row.
--
-- A bulk load (src/store/bulk.h: a first ingest, or one that about doubles the archive)
-- already drops the query-only indexes. It now also empties the summary tables and lists
-- every report in query_summary_pending, in the same transaction (suspend_query_summaries,
-- src/store/summaries.h), and rebuilds them from scratch at its end. While every report is
-- pending, the queries compute from the base tables and the bookkeeping below has nothing to
-- do, so for yanbao's bulk writer (yanbao_summaries_suspended() returns 1) the triggers stand
-- aside. Before this, each learned alias scanned the whole picks table (its index was
-- dropped), a cost that grew with the archive, and each new report ran the subtraction
-- program below for the rows it did not have yet.
--
-- The triggers are those of 0008 with one more condition; their bodies are unchanged. The
-- insert triggers of picks and indices already stand aside for yanbao's writer (0008).

DROP TRIGGER query_summary_uncount;
CREATE TRIGGER query_summary_uncount BEFORE INSERT ON query_summary_pending
WHEN NOT yanbao_summaries_suspended()
  AND NOT EXISTS (SELECT 1 FROM query_summary_pending WHERE report_id = new.report_id)
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

DROP TRIGGER query_summary_pick_delete;
CREATE TRIGGER query_summary_pick_delete BEFORE DELETE ON picks
WHEN NOT yanbao_summaries_suspended()
  AND NOT EXISTS (SELECT 1 FROM query_summary_pending WHERE report_id = old.report_id)
BEGIN
  INSERT OR IGNORE INTO query_summary_pending (report_id) VALUES (old.report_id);
END;
DROP TRIGGER query_summary_pick_update;
CREATE TRIGGER query_summary_pick_update BEFORE UPDATE OF report_id, base_name, code ON picks
WHEN NOT yanbao_summaries_suspended()
BEGIN
  INSERT OR IGNORE INTO query_summary_pending (report_id) VALUES (old.report_id);
  INSERT OR IGNORE INTO query_summary_pending (report_id) VALUES (new.report_id);
END;

DROP TRIGGER query_summary_index_delete;
CREATE TRIGGER query_summary_index_delete BEFORE DELETE ON indices
WHEN NOT yanbao_summaries_suspended()
  AND NOT EXISTS (SELECT 1 FROM query_summary_pending WHERE report_id = old.report_id)
BEGIN
  INSERT OR IGNORE INTO query_summary_pending (report_id) VALUES (old.report_id);
END;
DROP TRIGGER query_summary_index_update;
CREATE TRIGGER query_summary_index_update BEFORE UPDATE ON indices
WHEN NOT yanbao_summaries_suspended()
BEGIN
  INSERT OR IGNORE INTO query_summary_pending (report_id) VALUES (old.report_id);
  INSERT OR IGNORE INTO query_summary_pending (report_id) VALUES (new.report_id);
END;

DROP TRIGGER query_summary_alias_insert;
CREATE TRIGGER query_summary_alias_insert BEFORE INSERT ON security_aliases
WHEN NOT yanbao_summaries_suspended()
  AND NOT EXISTS (SELECT 1 FROM security_aliases WHERE base_name = new.base_name AND code <= new.code)
BEGIN
  INSERT OR IGNORE INTO query_summary_pending (report_id)
    SELECT DISTINCT report_id FROM picks WHERE base_name = new.base_name AND code IS NULL;
END;
DROP TRIGGER query_summary_alias_delete;
CREATE TRIGGER query_summary_alias_delete BEFORE DELETE ON security_aliases
WHEN NOT yanbao_summaries_suspended()
  AND NOT EXISTS (SELECT 1 FROM security_aliases WHERE base_name = old.base_name AND code < old.code)
BEGIN
  INSERT OR IGNORE INTO query_summary_pending (report_id)
    SELECT DISTINCT report_id FROM picks WHERE base_name = old.base_name AND code IS NULL;
END;
DROP TRIGGER query_summary_alias_update;
CREATE TRIGGER query_summary_alias_update BEFORE UPDATE OF base_name, code ON security_aliases
WHEN NOT yanbao_summaries_suspended()
BEGIN
  INSERT OR IGNORE INTO query_summary_pending (report_id)
    SELECT DISTINCT report_id FROM picks WHERE base_name IN (old.base_name, new.base_name) AND code IS NULL;
END;
