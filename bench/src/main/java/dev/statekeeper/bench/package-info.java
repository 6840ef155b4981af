/**
 * JMH benchmarks of the SQLite backend through the public {@link dev.statekeeper.core.api.StateStore} API,
 * each next to a plain-JDBC baseline that does the same reads and writes on the same database file with
 * one sqlite-jdbc connection and prepared statements. See BENCHMARKS.md at the repository root.
 */
package dev.statekeeper.bench;
