-- 'statekeeper db maintain' records each run here (when, what it ran, how long, the result), and the doctor's
-- maintenance-age check reads when the last one succeeded. Times are microseconds since the epoch, as elsewhere.
CREATE TABLE maintenance_log (
    id          INTEGER PRIMARY KEY,
    started_at  INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL,
    actions     TEXT    NOT NULL,
    result      TEXT    NOT NULL
);
CREATE INDEX idx_maintenance_log_started ON maintenance_log (started_at DESC);

PRAGMA user_version = 5;
