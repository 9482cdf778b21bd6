-- 0006: an ingest asks which reports an older parser extracted (to extract them again);
-- with this index the answer comes without reading every report's row, which made a
-- no-op re-ingest of a large archive read the whole reports table.
CREATE INDEX reports_by_parser_version ON reports (parser_version);
