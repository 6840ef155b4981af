/**
 * Verify, repair and recover a SQLite file over raw connections: read-only ones for verify and for salvaging a
 * damaged file row by row ({@code RowSalvage}, the {@code .recover} approach), a writable one for repair after a
 * backup with SQLite's backup API.
 */
package dev.statekeeper.ops.sqlite;
