/**
 * What an operation that returns no record of its own answers, the same in every adapter: the CLI's
 * {@code --json}, the HTTP API and the MCP tools print these records with {@link dev.statekeeper.core.internal.json.Json},
 * their fields in declaration order.
 */
package dev.statekeeper.core.result;
