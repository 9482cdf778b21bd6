-- 0003: during an ingest, new reports enter reports_fts once per batch, by one
-- INSERT … SELECT over the batch's new rows (statement "index_new_reports" in
-- src/store/statements.sql), instead of by the per-row trigger. FTS5 flushes its pending
-- index at every statement boundary inside a transaction, so the per-row trigger wrote a
-- tiny index segment per report; one statement per batch writes one segment per batch.
-- yanbao_fts_batching() is registered by yanbao on every connection and is true only on the
-- thread of an ingest writer, so every other insert is still indexed by the trigger.
-- Deletes and updates keep their triggers: they need the old text, and they are rare.
DROP TRIGGER reports_fts_after_insert;
CREATE TRIGGER reports_fts_after_insert AFTER INSERT ON reports WHEN NOT yanbao_fts_batching() BEGIN
  INSERT INTO reports_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
