/**
 * {@code db migrate}: a SQLite file's or PostgreSQL database's schema migrations against this build's, read and
 * applied with Flyway over connections of their own, so that a store which refuses to open because it is behind
 * can be brought up to date; each migration's state (applied, pending, failed, checksum mismatch, newer, unknown).
 */
package dev.statekeeper.jdbc.migration;
