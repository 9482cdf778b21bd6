-- 0010: top-picks --kind answers from the summaries too.
--
-- Before, `top-picks --kind recommend` grouped every pick of the archive (5 s at 100k
-- reports). The stock-key summaries now keep one row per kind as well as one for picks of
-- any kind: column `kind` is 'any' or a picks.kind, and leads each primary key, so a query
-- reads one kind's rows as a range. Everything else is as in 0008/0009: the tables are
-- derived, kept exact by the refresh and the triggers, and only consulted while nothing is
-- pending or stale.
--
-- The summary tables are rebuilt empty and every report is listed as pending, so the next
-- refresh (the next ingest, or `securities import`) counts everything again. Until then the
-- queries read the base tables, as after any change.

DROP TRIGGER query_summary_uncount;  -- first: listing every report below must not subtract

DROP TABLE top_picks;
DROP TABLE top_pick_brokers;
DROP TABLE top_pick_names;
DROP TABLE top_pick_stale;
DELETE FROM index_days;
DELETE FROM index_day_stale;
INSERT OR IGNORE INTO query_summary_pending (report_id) SELECT id FROM reports;

-- Per kind ('any', or a picks.kind) and stock key, over every counted report dated '' …
-- '9999-12-31' (as top-picks filters).
CREATE TABLE top_picks (
  kind       TEXT NOT NULL,    -- 'any' (picks of every kind) or a picks.kind
  key        TEXT NOT NULL,
  code       TEXT,             -- key when it is a code, else NULL
  reports    INTEGER NOT NULL, -- reports with at least one pick of the key (of that kind)
  first_seen TEXT,
  last_seen  TEXT,
  PRIMARY KEY (kind, key)
) WITHOUT ROWID;

CREATE TABLE top_pick_brokers (
  kind    TEXT NOT NULL,
  key     TEXT NOT NULL,
  broker  TEXT NOT NULL,       -- reports without a broker are not counted here
  reports INTEGER NOT NULL,
  PRIMARY KEY (kind, key, broker)
) WITHOUT ROWID;

CREATE TABLE top_pick_names (
  kind      TEXT NOT NULL,
  key       TEXT NOT NULL,
  base_name TEXT NOT NULL,
  reports   INTEGER NOT NULL,  -- reports with a pick of the key (of that kind) under this base name
  PRIMARY KEY (kind, key, base_name)
) WITHOUT ROWID;

CREATE TABLE top_pick_stale (
  kind TEXT NOT NULL,
  key  TEXT NOT NULL,
  PRIMARY KEY (kind, key)
) WITHOUT ROWID;

-- pick_keys gains the pick's kind (its other columns as in 0008).
DROP VIEW pick_keys;
CREATE VIEW pick_keys AS
SELECT p.rowid AS pick, p.report_id, p.base_name,
       coalesce(p.code, (SELECT min(a.code) FROM security_aliases a WHERE a.base_name = p.base_name),
                p.base_name) AS key,
       coalesce(p.code, (SELECT min(a.code) FROM security_aliases a WHERE a.base_name = p.base_name))
         IS NOT NULL AS coded,
       p.kind
FROM picks p;

-- Each pick twice: under its own kind and under 'any'. What a report contributes to the
-- summaries is the distinct (kind, key) of these rows.
CREATE VIEW pick_summary_keys AS
SELECT pick, report_id, base_name, key, coded, kind FROM pick_keys
UNION ALL
SELECT pick, report_id, base_name, key, coded, 'any' FROM pick_keys;

-- A pick that changes kind moves between summary rows now.
DROP TRIGGER query_summary_pick_update;
CREATE TRIGGER query_summary_pick_update BEFORE UPDATE OF report_id, base_name, code, kind ON picks
WHEN NOT yanbao_summaries_suspended()
BEGIN
  INSERT OR IGNORE INTO query_summary_pending (report_id) VALUES (old.report_id);
  INSERT OR IGNORE INTO query_summary_pending (report_id) VALUES (new.report_id);
END;

-- The trigger of 0009, subtracting per kind. The index_days part is unchanged.
CREATE TRIGGER query_summary_uncount BEFORE INSERT ON query_summary_pending
WHEN NOT yanbao_summaries_suspended()
  AND NOT EXISTS (SELECT 1 FROM query_summary_pending WHERE report_id = new.report_id)
  AND EXISTS (SELECT 1 FROM reports WHERE id = new.report_id AND report_date >= '' AND report_date <= '9999-12-31')
BEGIN
  INSERT OR IGNORE INTO top_pick_stale (kind, key)
    SELECT t.kind, t.key FROM top_picks t
    WHERE (t.kind, t.key) IN (SELECT kind, key FROM pick_summary_keys WHERE report_id = new.report_id)
      AND (SELECT report_date FROM reports WHERE id = new.report_id) IN (t.first_seen, t.last_seen);
  UPDATE top_picks SET reports = reports - 1
    WHERE (kind, key) IN (SELECT kind, key FROM pick_summary_keys WHERE report_id = new.report_id);
  UPDATE top_pick_brokers SET reports = reports - 1
    WHERE broker = (SELECT broker FROM reports WHERE id = new.report_id)
      AND (kind, key) IN (SELECT kind, key FROM pick_summary_keys WHERE report_id = new.report_id);
  UPDATE top_pick_names SET reports = reports - 1
    WHERE (kind, key, base_name) IN (SELECT kind, key, base_name FROM pick_summary_keys WHERE report_id = new.report_id);
  DELETE FROM top_picks WHERE reports <= 0
    AND (kind, key) IN (SELECT kind, key FROM pick_summary_keys WHERE report_id = new.report_id);
  DELETE FROM top_pick_brokers WHERE reports <= 0
    AND (kind, key) IN (SELECT kind, key FROM pick_summary_keys WHERE report_id = new.report_id);
  DELETE FROM top_pick_names WHERE reports <= 0
    AND (kind, key, base_name) IN (SELECT kind, key, base_name FROM pick_summary_keys WHERE report_id = new.report_id);

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
