/**
 * The row checks and repairs SQLite and PostgreSQL share (one SQL for both, {@code SqlFlavor} for JSON columns and
 * patterns): orphans, values out of range, feedback numbering, the active-loop bound, current revisions, projects
 * without a roadmap; and the migrations against this build's, read with Flyway.
 *
 * <p>Naming: these work on rows, the entries of the tables ({@code RowChecks}, {@code RowRepairs}); a
 * {@code *Record} is a line of the archive format ({@code dev.statekeeper.core.archive}), checked by its
 * {@code ArchiveRecordChecks}.
 */
package dev.statekeeper.ops.sql;
