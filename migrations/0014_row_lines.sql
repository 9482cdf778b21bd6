-- 0014: every extracted row names the line of the report body it was read from, so a user
-- can check any row against the text (`yanbao show` prints it). NULL for rows stored before
-- this version until the next ingest re-extracts them (the parser version changed with it).
ALTER TABLE indices ADD COLUMN line INTEGER;
ALTER TABLE movers ADD COLUMN line INTEGER;
ALTER TABLE news ADD COLUMN line INTEGER;
ALTER TABLE events ADD COLUMN line INTEGER;
ALTER TABLE picks ADD COLUMN line INTEGER;
ALTER TABLE risks ADD COLUMN line INTEGER;
