/** Verify a PostgreSQL database over a connection of its own: Flyway's validation, then the shared record checks. */
package dev.statekeeper.ops.postgres;
