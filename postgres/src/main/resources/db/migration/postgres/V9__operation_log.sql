-- The operation log ('statekeeper perf'): each process's background writer stores, per operation and minute, how
-- many ran, failed and failed on the store's side, their total and longest duration and a latency sketch (core's
-- LatencySketch, encoded); and the operations slower than STATEKEEPER_SLOW_OPERATION_MS one by one. Several rows for
-- one minute, operation and instance are allowed (one per flush): readers merge them. Neither table holds records:
-- export, copy and verify leave them alone. (V8 is another change's.)
CREATE TABLE operation_minutes (
    minute     TIMESTAMPTZ      NOT NULL CHECK (extract(epoch FROM minute) % 60 = 0),
    operation  VARCHAR(100)     NOT NULL CHECK (length(operation) >= 1),
    instance   VARCHAR(300)     NOT NULL CHECK (length(instance) >= 1),
    count      BIGINT           NOT NULL CHECK (count >= 1),
    errors     BIGINT           NOT NULL CHECK (errors BETWEEN 0 AND count),
    faults     BIGINT           NOT NULL CHECK (faults BETWEEN 0 AND count),
    sum_micros BIGINT           NOT NULL CHECK (sum_micros >= 0),
    max_micros BIGINT           NOT NULL CHECK (max_micros >= 0),
    sketch     BYTEA            NOT NULL CHECK (length(sketch) >= 1)
);
CREATE INDEX idx_operation_minutes_minute ON operation_minutes (minute);

CREATE TABLE slow_operations (
    id           BIGSERIAL        PRIMARY KEY,
    at           TIMESTAMPTZ      NOT NULL,
    operation    VARCHAR(100)     NOT NULL CHECK (length(operation) >= 1),
    duration_ms  DOUBLE PRECISION NOT NULL CHECK (duration_ms >= 0),
    backend      VARCHAR(50)      NOT NULL CHECK (length(backend) >= 1),
    outcome      VARCHAR(100)     NOT NULL CHECK (length(outcome) >= 1),
    attempts     INTEGER          NOT NULL CHECK (attempts >= 1),
    pool_wait_ms DOUBLE PRECISION NOT NULL CHECK (pool_wait_ms >= 0),
    instance     VARCHAR(300)     NOT NULL CHECK (length(instance) >= 1),
    request_id   VARCHAR(200)              CHECK (length(request_id) >= 1)
);
CREATE INDEX idx_slow_operations_at ON slow_operations (at);
