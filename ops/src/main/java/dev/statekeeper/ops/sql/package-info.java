/**
 * The record checks and repairs SQLite and PostgreSQL share (one SQL for both, {@code SqlFlavor} for JSON columns and
 * patterns): orphans, values out of range, feedback numbering, the active-loop bound, current revisions, projects
 * without a roadmap; and the migrations against this build's, read with Flyway.
 */
package dev.statekeeper.ops.sql;
