-- 'statekeeper db maintain' records each run here (when, what it ran, how long, the result), and the doctor's
-- maintenance-age check reads when the last one succeeded.
CREATE TABLE maintenance_log (
    id          BIGSERIAL    PRIMARY KEY,
    started_at  TIMESTAMPTZ  NOT NULL,
    duration_ms BIGINT       NOT NULL,
    actions     TEXT         NOT NULL,
    result      TEXT         NOT NULL
);
CREATE INDEX idx_maintenance_log_started ON maintenance_log (started_at DESC);
