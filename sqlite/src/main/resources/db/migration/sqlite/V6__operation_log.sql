-- The operation log ('statekeeper perf'): each process's background writer stores, per operation and minute, how
-- many ran, failed and failed on the store's side, their total and longest duration and a latency sketch (core's
-- LatencySketch, encoded); and the operations slower than STATEKEEPER_SLOW_OPERATION_MS one by one. Several rows for
-- one minute, operation and instance are allowed (one per flush): readers merge them. Neither table holds records:
-- export, copy and verify leave them alone. Times are microseconds since the epoch, as elsewhere.
CREATE TABLE operation_minutes (
    minute     INTEGER NOT NULL CHECK (minute % 60000000 = 0),
    operation  TEXT    NOT NULL CHECK (length(operation) BETWEEN 1 AND 100),
    instance   TEXT    NOT NULL CHECK (length(instance) BETWEEN 1 AND 300),
    count      INTEGER NOT NULL CHECK (count >= 1),
    errors     INTEGER NOT NULL CHECK (errors BETWEEN 0 AND count),
    faults     INTEGER NOT NULL CHECK (faults BETWEEN 0 AND count),
    sum_micros INTEGER NOT NULL CHECK (sum_micros >= 0),
    max_micros INTEGER NOT NULL CHECK (max_micros >= 0),
    sketch     BLOB    NOT NULL CHECK (length(sketch) >= 1)
);
CREATE INDEX idx_operation_minutes_minute ON operation_minutes (minute);

CREATE TABLE slow_operations (
    id           INTEGER PRIMARY KEY,
    at           INTEGER NOT NULL,
    operation    TEXT    NOT NULL CHECK (length(operation) BETWEEN 1 AND 100),
    duration_ms  REAL    NOT NULL CHECK (duration_ms >= 0),
    backend      TEXT    NOT NULL CHECK (length(backend) BETWEEN 1 AND 50),
    outcome      TEXT    NOT NULL CHECK (length(outcome) BETWEEN 1 AND 100),
    attempts     INTEGER NOT NULL CHECK (attempts >= 1),
    pool_wait_ms REAL    NOT NULL CHECK (pool_wait_ms >= 0),
    instance     TEXT    NOT NULL CHECK (length(instance) BETWEEN 1 AND 300),
    request_id   TEXT             CHECK (length(request_id) BETWEEN 1 AND 200)
);
CREATE INDEX idx_slow_operations_at ON slow_operations (at);

PRAGMA user_version = 6;
