-- A write's events touch as few pages as the queries need: every page a SQLite commit changed is written to the
-- write-ahead log, so each index on events costs every write a page. The write_id index served one rare lookup, a
-- retried write call looking for the events its first try committed; it now looks them up by record, through
-- idx_events_entity. (event_sequence is no longer updated by each write either: a write numbers its events after
-- the greater of the newest event and event_sequence, which pruning raises to the newest number it removes.)
DROP INDEX idx_events_write;

PRAGMA user_version = 8;
