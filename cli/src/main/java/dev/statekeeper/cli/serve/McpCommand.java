package dev.statekeeper.cli.serve;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.mcp.StatekeeperMcp;
import picocli.CommandLine.Command;

/** {@code statekeeper mcp}: the store's tools for an MCP client that starts this process and talks on stdin/stdout. */
@Command(name = "mcp", description = {
        "Serve the store's tools over MCP on stdin/stdout until stdin closes; logs go to stderr.",
        "Register it in an MCP client as the command 'statekeeper' with the argument 'mcp' (see README, MCP)."})
public final class McpCommand extends StoreCommand {
    @Override
    protected void execute(StateStore store, Output out) {
        StatekeeperMcp.serveStdio(store, effectiveSettings()); // stdout carries the protocol only: nothing else is printed
    }
}
