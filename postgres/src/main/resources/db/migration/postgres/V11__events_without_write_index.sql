-- The write_id index served one rare lookup, a retried write call looking for the events its first try committed;
-- it now looks them up by record, through idx_events_entity, and no write pays for the index.
DROP INDEX idx_events_write;
