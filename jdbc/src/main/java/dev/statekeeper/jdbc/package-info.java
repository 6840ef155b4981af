/**
 * Backend-neutral JDBC helpers shared by the SQL backends: {@link dev.statekeeper.jdbc.Transactor} (one
 * transaction per operation, driver errors translated), {@link dev.statekeeper.jdbc.Sql} (prepared statements
 * in one line), {@link dev.statekeeper.jdbc.Where}, and the column forms of instants
 * ({@link dev.statekeeper.jdbc.Micros}) and JSON documents ({@link dev.statekeeper.jdbc.JsonColumns}).
 */
package dev.statekeeper.jdbc;
