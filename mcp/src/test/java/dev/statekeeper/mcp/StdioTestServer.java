package dev.statekeeper.mcp;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;

/**
 * What {@code statekeeper mcp} runs, for the tests that start the server as a process: MCP over stdio on a
 * SQLite store in the directory given as the first argument, or on the backend named by a second one ({@code memory}).
 * Returns (and the JVM exits) when stdin ends.
 */
public final class StdioTestServer {
    private StdioTestServer() {
    }

    public static void main(String[] args) {
        Settings settings = Settings.builder().set(Setting.BACKEND, args.length > 1 ? args[1] : "sqlite").set(Setting.DATA_DIR, args[0]).build();
        try (StateStore store = StateStores.open(settings)) {
            StatekeeperMcp.serveStdio(store, settings);
        }
    }
}
