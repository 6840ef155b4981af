/**
 * The {@code sqlite} backend: {@link dev.statekeeper.jdbc.sqlite.SqliteStateStore} over one file in WAL mode,
 * its connection pools ({@code SqliteDatabase}), schema migrations ({@code SqliteSchema}, Flyway scripts in
 * {@code db/migration/sqlite}), error translation, and one repository per table group.
 */
package dev.statekeeper.jdbc.sqlite;
