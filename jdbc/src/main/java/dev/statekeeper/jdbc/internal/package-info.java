/**
 * Backend-neutral JDBC helpers shared by the SQL backends: {@link dev.statekeeper.jdbc.internal.Transactor} (one
 * transaction per operation, driver errors translated), {@link dev.statekeeper.jdbc.internal.Sql} (prepared statements
 * in one line), {@link dev.statekeeper.jdbc.internal.Where}, and the column forms of instants
 * ({@link dev.statekeeper.jdbc.internal.Micros}) and JSON documents ({@link dev.statekeeper.jdbc.internal.JsonColumns}).
 */
package dev.statekeeper.jdbc.internal;
