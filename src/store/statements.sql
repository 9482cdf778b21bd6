-- Statements the ingest writer prepares once and reuses. Each starts with a "-- name:" line;
-- store/statements.cpp looks them up by that name.

-- name: files_for_root
SELECT path, size, mtime_ns, status, report_id, sha256 FROM files WHERE root = :root;

-- name: reports_from_older_parsers
-- Reports an older parser extracted: re-extracted even when their file is unchanged. Through
-- reports_by_parser_version; reading parser_version from every report row instead would
-- touch every page of the reports table (a 4 KB body each) on every ingest.
SELECT path, parser_version FROM reports WHERE parser_version < :parser_version AND root = :root;

-- name: report_by_sha256
SELECT id FROM reports WHERE sha256 = :sha256 AND NOT (root = :root AND path = :path) LIMIT 1;

-- name: own_report
SELECT id FROM reports WHERE root = :root AND path = :path;

-- name: delete_report
DELETE FROM reports WHERE id = :id;

-- name: insert_report
INSERT INTO reports (root, path, title, published, report_date, broker, series, url, period_start,
                     period_end, topic, summary, body, sha256, front_matter, front_format, encoding,
                     size, mtime_ns, parser_version, ingested_at)
VALUES (:root, :path, :title, :published, :report_date, :broker, :series, :url, :period_start,
        :period_end, :topic, :summary, :body, :sha256, :front_matter, :front_format, :encoding,
        :size, :mtime_ns, :parser_version, :ingested_at);

-- name: insert_tag
INSERT OR IGNORE INTO report_tags (report_id, kind, value) VALUES (:report_id, :kind, :value);

-- name: insert_index
INSERT INTO indices (report_id, seq, name, raw_name, period, close, change_pct)
VALUES (:report_id, :seq, :name, :raw_name, :period, :close, :change_pct);

-- name: insert_mover
INSERT INTO movers (report_id, seq, name, code, direction, change_pct)
VALUES (:report_id, :seq, :name, :code, :direction, :change_pct);

-- name: insert_news
INSERT INTO news (report_id, seq, text) VALUES (:report_id, :seq, :text);

-- name: insert_event
INSERT INTO events (report_id, seq, event_date, company, code, text)
VALUES (:report_id, :seq, :event_date, :company, :code, :text);

-- name: insert_pick
INSERT INTO picks (report_id, seq, theme, name, base_name, code, code_source, kind, rating)
VALUES (:report_id, :seq, :theme, :name, :base_name, :code, :code_source, :kind, :rating);

-- name: insert_risk
INSERT INTO risks (report_id, seq, text) VALUES (:report_id, :seq, :text);

-- name: learn_alias
INSERT OR IGNORE INTO security_aliases (base_name, code, source) VALUES (:base_name, :code, 'report');

-- name: learn_security
INSERT OR IGNORE INTO securities (code, name, exchange, source) VALUES (:code, :name, :exchange, 'report');

-- name: upsert_file
INSERT INTO files (root, path, size, mtime_ns, sha256, status, report_id)
VALUES (:root, :path, :size, :mtime_ns, :sha256, :status, :report_id)
ON CONFLICT (root, path) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns,
  sha256 = excluded.sha256, status = excluded.status, report_id = excluded.report_id;

-- name: upsert_error
INSERT INTO ingest_errors (root, path, message, line, seen_at)
VALUES (:root, :path, :message, :line, :seen_at)
ON CONFLICT (root, path) DO UPDATE SET message = excluded.message, line = excluded.line,
  seen_at = excluded.seen_at;

-- name: clear_error
DELETE FROM ingest_errors WHERE root = :root AND path = :path;

-- name: error_for
SELECT message, line FROM ingest_errors WHERE root = :root AND path = :path;

-- name: delete_file
DELETE FROM files WHERE root = :root AND path = :path;

-- name: orphaned_duplicates
SELECT path FROM files WHERE root = :root AND status = 'duplicate' AND report_id IS NULL;

-- name: start_run
INSERT INTO ingest_runs (started_at, roots) VALUES (:started_at, :roots);

-- name: finish_run
UPDATE ingest_runs SET finished_at = :finished_at, added = :added, changed = :changed,
  removed = :removed, unchanged = :unchanged, duplicates = :duplicates, rejected = :rejected,
  seconds = :seconds
WHERE id = :id;

-- name: fill_learned_codes
-- A pick, mover or event printed without a code gets one when the archive knows exactly one
-- code for its base name (from reports that printed it, or from `securities import`).
-- The names with one code are found once (a few thousand at most), not per row.
UPDATE picks SET code = u.code, code_source = 'archive'
FROM (SELECT base_name, min(code) AS code FROM security_aliases GROUP BY base_name HAVING count(*) = 1) AS u
WHERE picks.code IS NULL AND picks.base_name = u.base_name;

-- name: fill_learned_mover_codes
UPDATE movers SET code = u.code
FROM (SELECT base_name, min(code) AS code FROM security_aliases GROUP BY base_name HAVING count(*) = 1) AS u
WHERE movers.code IS NULL AND movers.name = u.base_name;

-- name: fill_learned_event_codes
UPDATE events SET code = u.code
FROM (SELECT base_name, min(code) AS code FROM security_aliases GROUP BY base_name HAVING count(*) = 1) AS u
WHERE events.code IS NULL AND events.company = u.base_name;

-- name: import_security
INSERT INTO securities (code, name, exchange, source) VALUES (:code, :name, :exchange, 'import')
ON CONFLICT (code) DO UPDATE SET name = excluded.name, exchange = excluded.exchange, source = 'import';

-- name: import_alias
INSERT OR IGNORE INTO security_aliases (base_name, code, source) VALUES (:base_name, :code, 'import');

-- name: index_new_reports
-- Every report inserted since :first_id (all of them in the current batch: new rows get
-- ids above every existing one) enters the full-text index in one statement.
INSERT INTO reports_fts (rowid, title, body) SELECT id, title, body FROM reports WHERE id >= :first_id;

-- name: update_file_stat
-- Same bytes, new size/mtime pair (e.g. after `touch`): nothing to re-extract.
UPDATE files SET size = :size, mtime_ns = :mtime_ns WHERE root = :root AND path = :path;

-- name: update_report_stat
UPDATE reports SET size = :size, mtime_ns = :mtime_ns WHERE root = :root AND path = :path;

-- name: query_only_indexes
-- Indexes a bulk load may drop and build again at its end: every explicit index of the
-- report tables except those the writer itself searches (duplicates by content digest).
-- Automatic indexes (PRIMARY KEY, UNIQUE) and UNIQUE indexes enforce rules and always stay.
SELECT name, sql FROM sqlite_schema
WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'
  AND tbl_name IN ('reports', 'report_tags', 'indices', 'movers', 'news', 'events', 'picks', 'risks')
  AND name NOT IN ('reports_by_sha256')
ORDER BY name;

-- name: remember_deferred_index
INSERT OR REPLACE INTO deferred_indexes (name, sql) VALUES (:name, :sql);

-- name: deferred_index_list
SELECT name, sql FROM deferred_indexes ORDER BY name;

-- name: forget_deferred_index
DELETE FROM deferred_indexes WHERE name = :name;

-- name: report_count
SELECT count(*) FROM reports;
