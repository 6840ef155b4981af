package dev.statekeeper.mcp;

import java.nio.file.Path;
import java.util.List;

/** The command that starts {@link StdioTestServer} in a JVM of its own: what an MCP client configures. */
final class ServerProcess {
    private ServerProcess() {
    }

    static List<String> command(Path dataDir) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                StdioTestServer.class.getName(), dataDir.toString());
    }
}
