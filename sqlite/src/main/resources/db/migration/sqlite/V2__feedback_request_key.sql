-- Each appended feedback entry carries the key of the request that wrote it, so that a write retried after
-- a lost commit acknowledgement can find out that it was applied, instead of appending the entry twice.
ALTER TABLE critic_feedback ADD COLUMN request_key TEXT CHECK (request_key IS NULL OR length(request_key) BETWEEN 1 AND 100);
CREATE UNIQUE INDEX idx_feedback_request_key ON critic_feedback (loop_id, request_key) WHERE request_key IS NOT NULL;

PRAGMA user_version = 2;
