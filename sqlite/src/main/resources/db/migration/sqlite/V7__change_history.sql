-- The change history (issue 16): one row per change a write committed, numbered by the write itself from the one
-- row of event_sequence, which it updates as the last statements of its transaction, so the numbers are given in
-- commit order, without gaps, and never reused (pruning old events leaves event_sequence as it is). write_id names
-- the write call that made the row: a write retried after its commit acknowledgement was lost finds its rows there
-- and adds none again. summary is a JSON object (a few fields, never whole documents). request_keys holds the
-- Idempotency-Keys of the writes made with one, stored in the same transaction, and the response given to them once
-- it was sent. Export, copy and import carry events and event_sequence (not request_keys). Times are microseconds since
-- the epoch, as elsewhere.
CREATE TABLE events (
    sequence    INTEGER NOT NULL PRIMARY KEY CHECK (sequence >= 1),
    time        INTEGER NOT NULL,
    change      TEXT    NOT NULL CHECK (length(change) BETWEEN 3 AND 100),
    entity_kind TEXT    NOT NULL CHECK (entity_kind IN ('loop', 'spec', 'roadmap', 'plan', 'session')),
    entity_id   TEXT    NOT NULL CHECK (length(entity_id) >= 1),
    project     TEXT             CHECK (length(project) >= 1),
    version     INTEGER          CHECK (version >= 1),
    actor       TEXT             CHECK (length(actor) BETWEEN 1 AND 200),
    via         TEXT    NOT NULL CHECK (length(via) BETWEEN 1 AND 20),
    request_id  TEXT             CHECK (length(request_id) BETWEEN 1 AND 200),
    request_key TEXT             CHECK (length(request_key) >= 1),
    write_id    TEXT    NOT NULL CHECK (length(write_id) = 36),
    summary     TEXT    NOT NULL CHECK (json_valid(summary) AND json_type(summary) = 'object')
) STRICT;
CREATE INDEX idx_events_entity ON events (entity_kind, entity_id, sequence);
CREATE INDEX idx_events_project ON events (project, sequence);
CREATE INDEX idx_events_time ON events (time);
CREATE INDEX idx_events_write ON events (write_id);

CREATE TABLE event_sequence (
    id            INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    last_sequence INTEGER NOT NULL CHECK (last_sequence >= 0)
) STRICT;
INSERT INTO event_sequence (id, last_sequence) VALUES (1, 0);

CREATE TABLE request_keys (
    request_key      TEXT    NOT NULL PRIMARY KEY CHECK (length(request_key) >= 1),
    fingerprint      TEXT    NOT NULL CHECK (length(fingerprint) >= 1),
    time             INTEGER NOT NULL,
    write_id         TEXT    NOT NULL CHECK (length(write_id) = 36),
    response_status  INTEGER          CHECK (response_status BETWEEN 100 AND 599),
    response_type    TEXT             CHECK (length(response_type) >= 1),
    response_headers TEXT             CHECK (json_valid(response_headers) AND json_type(response_headers) = 'object'),
    response_body    BLOB,
    response_bytes   INTEGER          CHECK (response_bytes >= 0),
    CHECK ((response_status IS NULL) = (response_bytes IS NULL))
) STRICT;
CREATE INDEX idx_request_keys_time ON request_keys (time);

PRAGMA user_version = 7;
