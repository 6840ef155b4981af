/**
 * JMH benchmarks of the SQLite and PostgreSQL backends through the public
 * {@link dev.statekeeper.core.api.StateStore} API, each next to a plain-JDBC baseline that does the same
 * reads and writes on the same database with one connection and prepared statements. The
 * {@code Postgres*} benchmarks start testkit's embedded PostgreSQL 16 server, one per fork. See
 * BENCHMARKS.md at the repository root.
 */
package dev.statekeeper.bench;
