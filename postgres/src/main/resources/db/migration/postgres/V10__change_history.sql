-- The change history (issue 16): one row per change a write committed, numbered by the write itself from the one
-- row of event_sequence, which it updates as the last statements of its transaction: the row lock it takes there
-- orders the commits of concurrent writers, so the numbers are committed in order, without gaps, and a follower
-- reading past the last number it saw misses none; pruning old events leaves event_sequence as it is, so numbers are
-- never reused. write_id names the write call that made the row: a write retried after its commit acknowledgement was
-- lost finds its rows there and adds none again. summary is a JSON object kept as text, in its written key order.
-- request_keys holds the Idempotency-Keys of the writes made with one, stored in the same transaction, and the
-- response given to them once it was sent. Export, copy and import carry events and event_sequence (not request_keys).
CREATE TABLE events (
    sequence    BIGINT       NOT NULL PRIMARY KEY CHECK (sequence >= 1),
    time        TIMESTAMPTZ  NOT NULL,
    change      VARCHAR(100) NOT NULL CHECK (length(change) >= 3),
    entity_kind VARCHAR(20)  NOT NULL CHECK (entity_kind IN ('loop', 'spec', 'roadmap', 'plan', 'session')),
    entity_id   TEXT         NOT NULL CHECK (length(entity_id) >= 1),
    project     TEXT                  CHECK (length(project) >= 1),
    version     BIGINT                CHECK (version >= 1),
    actor       VARCHAR(200)          CHECK (length(actor) >= 1),
    via         VARCHAR(20)  NOT NULL CHECK (length(via) >= 1),
    request_id  VARCHAR(200)          CHECK (length(request_id) >= 1),
    request_key TEXT                  CHECK (length(request_key) >= 1),
    write_id    VARCHAR(36)  NOT NULL CHECK (length(write_id) = 36),
    summary     TEXT         NOT NULL CHECK (json_typeof(summary::json) = 'object')
);
CREATE INDEX idx_events_entity ON events (entity_kind, entity_id, sequence);
CREATE INDEX idx_events_project ON events (project, sequence);
CREATE INDEX idx_events_time ON events (time);
CREATE INDEX idx_events_write ON events (write_id);

CREATE TABLE event_sequence (
    id            INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    last_sequence BIGINT  NOT NULL CHECK (last_sequence >= 0)
);
INSERT INTO event_sequence (id, last_sequence) VALUES (1, 0);

CREATE TABLE request_keys (
    request_key      TEXT        NOT NULL PRIMARY KEY CHECK (length(request_key) >= 1),
    fingerprint      TEXT        NOT NULL CHECK (length(fingerprint) >= 1),
    time             TIMESTAMPTZ NOT NULL,
    write_id         VARCHAR(36) NOT NULL CHECK (length(write_id) = 36),
    response_status  INTEGER              CHECK (response_status BETWEEN 100 AND 599),
    response_type    TEXT                 CHECK (length(response_type) >= 1),
    response_headers TEXT                 CHECK (json_typeof(response_headers::json) = 'object'),
    response_body    BYTEA,
    response_bytes   INTEGER              CHECK (response_bytes >= 0),
    CHECK ((response_status IS NULL) = (response_bytes IS NULL))
);
CREATE INDEX idx_request_keys_time ON request_keys (time);
