-- 0001: the initial archive layout. Documented column by column in schema/schema.md.
-- Applied inside one transaction by the migrator, which then sets PRAGMA user_version = 1.

CREATE TABLE reports (
  id             INTEGER PRIMARY KEY,
  root           TEXT NOT NULL,              -- absolute folder given to `ingest`
  path           TEXT NOT NULL,              -- relative to root, '/' separators
  title          TEXT,
  published      TEXT,                       -- front-matter date as written
  report_date    TEXT,                       -- YYYY-MM-DD
  broker         TEXT,
  series         TEXT,
  url            TEXT,
  period_start   TEXT,
  period_end     TEXT,
  topic          TEXT,
  summary        TEXT,
  body           TEXT NOT NULL,
  sha256         TEXT NOT NULL,
  front_matter   TEXT NOT NULL DEFAULT '{}', -- JSON object; every scalar kept as written text
  front_format   TEXT,                       -- 'yaml', 'toml' or NULL
  encoding       TEXT NOT NULL,              -- 'utf-8', 'utf-8-bom' or 'gb18030'
  size           INTEGER NOT NULL,
  mtime_ns       INTEGER NOT NULL,
  parser_version INTEGER NOT NULL,
  ingested_at    TEXT NOT NULL,
  UNIQUE (root, path)
);
CREATE INDEX reports_by_sha256 ON reports (sha256);
CREATE INDEX reports_by_date ON reports (report_date);
CREATE INDEX reports_by_broker_series ON reports (broker, series, report_date);

CREATE TABLE report_tags (
  report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  kind      TEXT NOT NULL,                   -- 'category' or 'tag'
  value     TEXT NOT NULL,
  PRIMARY KEY (report_id, kind, value)
) WITHOUT ROWID;
CREATE INDEX report_tags_by_value ON report_tags (value);

-- Every file the walker has seen under a root, so unchanged files are skipped without
-- being read. status: 'report' (stored as reports.id = report_id), 'duplicate' (same bytes
-- as report_id), 'error' (see ingest_errors).
CREATE TABLE files (
  root       TEXT NOT NULL,
  path       TEXT NOT NULL,
  size       INTEGER NOT NULL,
  mtime_ns   INTEGER NOT NULL,
  sha256     TEXT,
  status     TEXT NOT NULL CHECK (status IN ('report', 'duplicate', 'error')),
  report_id  INTEGER REFERENCES reports (id) ON DELETE SET NULL,
  PRIMARY KEY (root, path)
) WITHOUT ROWID;
CREATE INDEX files_by_report ON files (report_id);

CREATE TABLE indices (
  report_id  INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL,
  name       TEXT NOT NULL,
  raw_name   TEXT NOT NULL,
  period     TEXT NOT NULL,                  -- 'week' or 'since:YYYY-MM-DD'
  close      REAL,
  change_pct REAL,
  PRIMARY KEY (report_id, seq)
);
CREATE INDEX indices_by_name ON indices (name, report_id);

CREATE TABLE movers (
  report_id  INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL,
  name       TEXT NOT NULL,
  code       TEXT,
  direction  TEXT NOT NULL CHECK (direction IN ('up', 'down')),
  change_pct REAL,
  PRIMARY KEY (report_id, seq)
);
CREATE INDEX movers_by_name ON movers (name);

CREATE TABLE news (
  report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  seq       INTEGER NOT NULL,
  text      TEXT NOT NULL,
  PRIMARY KEY (report_id, seq)
);

CREATE TABLE events (
  report_id  INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL,
  event_date TEXT,
  company    TEXT,
  code       TEXT,
  text       TEXT NOT NULL,
  PRIMARY KEY (report_id, seq)
);
CREATE INDEX events_by_company ON events (company);

CREATE TABLE picks (
  report_id   INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  theme       TEXT,
  name        TEXT NOT NULL,                 -- as written
  base_name   TEXT NOT NULL,                 -- matching key: half-width, no ST/-W affixes
  code        TEXT,                          -- canonical NNNNNN.SH|SZ|BJ or NNNNN.HK
  code_source TEXT,                          -- 'report' (printed) or 'archive' (learned)
  kind        TEXT NOT NULL CHECK (kind IN ('recommend', 'watch', 'beneficiary', 'rating')),
  rating      TEXT,
  PRIMARY KEY (report_id, seq)
);
CREATE INDEX picks_by_code ON picks (code);
CREATE INDEX picks_by_base_name ON picks (base_name);
CREATE INDEX picks_by_name ON picks (name);

CREATE TABLE risks (
  report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  seq       INTEGER NOT NULL,
  text      TEXT NOT NULL,
  PRIMARY KEY (report_id, seq)
);

CREATE TABLE securities (
  code     TEXT PRIMARY KEY,                 -- canonical code
  name     TEXT NOT NULL,
  exchange TEXT NOT NULL CHECK (exchange IN ('SH', 'SZ', 'BJ', 'HK')),
  source   TEXT NOT NULL                     -- 'import' or 'report'
);

-- Base names seen next to a code, so that a pick printed without a code can get one.
CREATE TABLE security_aliases (
  base_name TEXT NOT NULL,
  code      TEXT NOT NULL,
  source    TEXT NOT NULL,                   -- 'import' or 'report'
  PRIMARY KEY (base_name, code)
) WITHOUT ROWID;

CREATE TABLE ingest_errors (
  root    TEXT NOT NULL,
  path    TEXT NOT NULL,
  message TEXT NOT NULL,
  line    INTEGER,
  seen_at TEXT NOT NULL,
  PRIMARY KEY (root, path)
) WITHOUT ROWID;

CREATE TABLE ingest_runs (
  id          INTEGER PRIMARY KEY,
  started_at  TEXT NOT NULL,
  finished_at TEXT,
  roots       TEXT NOT NULL,                 -- JSON array of absolute folders
  added       INTEGER NOT NULL DEFAULT 0,
  changed     INTEGER NOT NULL DEFAULT 0,
  removed     INTEGER NOT NULL DEFAULT 0,
  unchanged   INTEGER NOT NULL DEFAULT 0,
  duplicates  INTEGER NOT NULL DEFAULT 0,
  rejected    INTEGER NOT NULL DEFAULT 0,
  seconds     REAL
);
