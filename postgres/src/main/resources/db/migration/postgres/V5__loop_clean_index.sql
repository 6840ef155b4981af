-- 'loop clean' looks for completed loops last updated before a cutoff. The index over status alone made it read
-- every completed loop, the bulk of an old store; one over status and updated_at reads only the ones it
-- removes. It serves every lookup by status the old index served (status is its first column), so it
-- replaces that one and a write still updates as many indexes as before.
CREATE INDEX idx_loop_states_status_updated ON loop_states (status, updated_at);
DROP INDEX idx_loop_states_status;
