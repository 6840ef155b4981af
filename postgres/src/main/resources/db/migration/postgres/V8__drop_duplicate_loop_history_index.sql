-- idx_loop_history_sequence (V1) is loop_history_pkey again: the primary key's B-tree over sequence_number serves
-- ORDER BY sequence_number DESC as well (read backwards), so the second index only costs writes and space; the
-- doctor's duplicate-indexes check reported it on every Statekeeper database. IF EXISTS: an operator who followed
-- that finding's fix has already dropped it.
DROP INDEX IF EXISTS idx_loop_history_sequence;
