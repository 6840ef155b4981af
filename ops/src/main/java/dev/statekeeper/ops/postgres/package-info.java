/**
 * Verify and repair a PostgreSQL database over connections of its own: Flyway's validation, the shared row checks and
 * repairs, a portable backup first. And PostgreSQL's own view of the store's performance ({@code statekeeper perf}):
 * its statements in pg_stat_statements ({@link dev.statekeeper.ops.postgres.StatementStats}) and the plans of an
 * operation's statements, run and rolled back ({@link dev.statekeeper.ops.postgres.ExplainOperation}).
 */
package dev.statekeeper.ops.postgres;
