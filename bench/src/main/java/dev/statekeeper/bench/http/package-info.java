/**
 * A closed-loop load driver for the HTTP API: {@link dev.statekeeper.bench.http.HttpLoad} starts the real server
 * on a real store (SQLite in a temporary directory, or a fresh database on testkit's embedded PostgreSQL), and
 * measures get-loop and add-feedback over HTTP from N client threads, next to the same calls on the same store
 * through the Java API in-process. See "HTTP API under load" in BENCHMARKS.md at the repository root.
 */
package dev.statekeeper.bench.http;
