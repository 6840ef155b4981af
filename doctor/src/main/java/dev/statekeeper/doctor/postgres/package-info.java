/**
 * The doctor's checks of a PostgreSQL database, over one read-only connection of its own with short statement and
 * lock timeouts ({@code application_name=statekeeper-doctor}): the connection, the server's connection slots,
 * long-running statements, sessions idle in a transaction, lock waits, and more. Checks that read other roles'
 * sessions or statistics are skipped with the GRANT to run when the role lacks pg_read_all_stats (pg_monitor); a
 * check the server's version cannot run is skipped. {@code doctor --fix} runs their safe fixes (ANALYZE, plain
 * VACUUM, REINDEX INDEX CONCURRENTLY of Statekeeper's tables and indexes) on a connection of its own.
 */
package dev.statekeeper.doctor.postgres;
