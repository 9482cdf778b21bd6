-- 0013: what a research desk asks of company notes and market digests (issue 14): the
-- report's kind, industry moves, ratings with target prices, earnings forecasts, authors.
--
-- reports.kind is never NULL: rows written by an older yanbao read 'other' until the next
-- ingest re-extracts them (the parser version was bumped with this migration).
ALTER TABLE reports ADD COLUMN kind TEXT NOT NULL DEFAULT 'other'
  CHECK (kind = 'company' OR kind = 'industry' OR kind = 'strategy' OR kind = 'morning'
         OR kind = 'macro' OR kind = 'other');
CREATE INDEX reports_by_kind ON reports (kind, report_date);

CREATE TABLE sectors (
  report_id  INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL,
  name       TEXT NOT NULL,                  -- undecorated: 电子, 机械设备
  scheme     TEXT CHECK (scheme = '申万' OR scheme = '中信'),
  period     TEXT NOT NULL,                  -- day | week | month | since:YYYY-MM-DD
  change_pct REAL NOT NULL,
  line       INTEGER,                        -- body line the row was read from
  PRIMARY KEY (report_id, seq)
);
CREATE INDEX sectors_by_name_period ON sectors (name, period, report_id);

CREATE TABLE ratings (
  report_id    INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  seq          INTEGER NOT NULL,
  subject      TEXT NOT NULL CHECK (subject = 'stock' OR subject = 'industry'),
  name         TEXT NOT NULL,                -- as written
  code         TEXT,                         -- canonical, stocks only
  rating       TEXT NOT NULL,                -- as written: 买入, 增持, 推荐, 优于大市 …
  action       TEXT CHECK (action = 'first' OR action = 'keep' OR action = 'up' OR action = 'down'),
  target_price REAL,
  currency     TEXT CHECK (currency = 'CNY' OR currency = 'HKD' OR currency = 'USD'),
  line         INTEGER,
  PRIMARY KEY (report_id, seq)
);
CREATE INDEX ratings_by_code ON ratings (code, report_id);
CREATE INDEX ratings_by_name ON ratings (name, report_id);

CREATE TABLE forecasts (
  report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  seq       INTEGER NOT NULL,
  name      TEXT NOT NULL,
  code      TEXT,
  year      INTEGER NOT NULL,
  actual    INTEGER NOT NULL CHECK (actual = 0 OR actual = 1),
  metric    TEXT NOT NULL CHECK (metric = 'revenue' OR metric = 'net_profit' OR metric = 'eps'
                                 OR metric = 'pe' OR metric = 'pb' OR metric = 'roe'),
  value     REAL NOT NULL,
  line      INTEGER,
  PRIMARY KEY (report_id, seq)
);
CREATE INDEX forecasts_by_code ON forecasts (code, year, metric, report_id);
CREATE INDEX forecasts_by_name ON forecasts (name, report_id);

CREATE TABLE analysts (
  report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  seq       INTEGER NOT NULL,
  name      TEXT NOT NULL,
  license   TEXT,                            -- SAC number: S + 13 digits
  email     TEXT,
  line      INTEGER,
  PRIMARY KEY (report_id, seq)
);
CREATE INDEX analysts_by_name ON analysts (name, report_id);
