/**
 * The SQL backends' shared store: {@link dev.statekeeper.jdbc.internal.store.JdbcStateStore} and the per-table
 * repositories, written once for SQLite and PostgreSQL; a {@link dev.statekeeper.jdbc.internal.store.Dialect} holds
 * what differs between them.
 *
 * <p>Naming, the same in every backend: the storage of one concept is its {@code <Concept>Repository}
 * ({@code LoopRepository}, {@code CriticFeedbackRepository}, {@code SpecRepository}...), as in
 * {@code dev.statekeeper.core.memory}; a row is an entry of a table; a {@code *Record} is a line of the archive
 * format ({@code dev.statekeeper.core.archive}), which {@code ArchiveRows} reads from rows and {@code ArchiveInserts}
 * writes as rows.
 */
package dev.statekeeper.jdbc.internal.store;

