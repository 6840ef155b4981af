/**
 * The doctor's checks of a SQLite file, over one read-only connection of its own: {@code connection},
 * {@code integrity}, {@code foreign-keys}, {@code journal-mode}, {@code freelist}, {@code wal-size},
 * {@code stats-age} and {@code disk-space}; {@code doctor --fix} runs their safe fixes (a {@code PRAGMA optimize},
 * a WAL checkpoint) on a writable connection.
 */
package dev.statekeeper.doctor.sqlite;
