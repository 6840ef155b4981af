/** Verify and repair a PostgreSQL database over connections of its own: Flyway's validation, the shared row checks and repairs, a portable backup first. */
package dev.statekeeper.ops.postgres;
