/**
 * The {@code postgres} backend: {@link dev.statekeeper.jdbc.postgres.PostgresStateStore} over a HikariCP pool,
 * Flyway migrations in {@code db/migration/postgres}, and PostgreSQL's errors translated for operators.
 */
package dev.statekeeper.jdbc.postgres;
