/**
 * The SQL backends' shared store: {@link dev.statekeeper.jdbc.store.JdbcStateStore} and the per-table
 * repositories, written once for SQLite and PostgreSQL; a {@link dev.statekeeper.jdbc.store.Dialect} holds
 * what differs between them.
 */
package dev.statekeeper.jdbc.store;
