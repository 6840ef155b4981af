/**
 * What an operation that returns no record of its own answers, the same in every adapter: the CLI's
 * {@code --json}, the HTTP API and the MCP tools print these records as JSON objects, their fields in
 * declaration order.
 */
package dev.statekeeper.core.result;
