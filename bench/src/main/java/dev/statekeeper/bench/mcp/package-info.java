/**
 * A load driver for the MCP server: {@link dev.statekeeper.bench.mcp.McpLoad} starts the real CLI jar twice, as
 * {@code statekeeper mcp} (stdio) and as {@code statekeeper serve} (streamable HTTP at {@code /mcp}), each a process
 * of its own on a fresh SQLite data directory, and measures {@code get_loop_status} and {@code store_critic_feedback}
 * called one after the other by one MCP Java SDK client on each, side by side. See "MCP tool calls" in BENCHMARKS.md.
 */
package dev.statekeeper.bench.mcp;
