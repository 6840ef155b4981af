package dev.statekeeper.server;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Starting, stopping and the shutdown hook the CLI uses. */
class LifecycleTest {
    @TempDir
    Path dir;

    @Test
    void aBusyPortIsAConfigurationError() {
        try (StateStore store = Stores.sqlite(dir)) {
            StatekeeperServer first = StatekeeperServer.create(store, Stores.server());
            int port = first.start();
            StatekeeperServer second = StatekeeperServer.create(store, Stores.server(Setting.SERVER_PORT, String.valueOf(port)));
            try {
                assertThatThrownBy(second::start).isInstanceOf(StatekeeperException.class)
                        .hasMessage("cannot listen on 127.0.0.1:" + port + ": another process listens on port " + port
                                + " (STATEKEEPER_PORT = " + port + " (set explicitly)); stop it (ss -ltnp 'sport = :" + port
                                + "' names it) or choose another port, 0 for any free one")
                        .extracting(e -> ((StatekeeperException) e).code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                assertThatThrownBy(first::start).isInstanceOf(IllegalStateException.class)
                        .hasMessage("the server was already started; create a new one");
            } finally {
                second.stop();
                first.stop();
            }
        }
    }

    @Test
    void anAddressThisHostDoesNotHaveIsNamedAsSuchNotAsABusyPort() {
        try (StateStore store = Stores.sqlite(dir)) {
            Settings settings = Settings.builder().set(Setting.SERVER_PORT, "0")
                    .set(Setting.API_TOKEN, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
                    .flag(Setting.SERVER_BIND, "--bind", "192.0.2.1").build(); // TEST-NET-1: never a local address
            StatekeeperServer server = StatekeeperServer.create(store, settings);
            try {
                assertThatThrownBy(server::start).isInstanceOf(StatekeeperException.class)
                        .hasMessage("cannot listen on 192.0.2.1:0: this host has no address 192.0.2.1 (STATEKEEPER_BIND "
                                + "= 192.0.2.1 (from --bind)); use one of its addresses ('ip -brief address' lists "
                                + "them), 0.0.0.0 for all, or 127.0.0.1");
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void theShutdownHookStopsTheServerThenRunsTheCallersCleanup() throws Exception {
        try (StateStore store = Stores.sqlite(dir)) {
            StatekeeperServer server = StatekeeperServer.create(store, Stores.server());
            Http http = new Http(server.start());
            assertThat(http.get("/health/live").status()).isEqualTo(200);
            boolean[] cleanedUp = new boolean[1];
            Thread hook = server.stopOnShutdown(() -> cleanedUp[0] = true);
            assertThat(Runtime.getRuntime().removeShutdownHook(hook)).isTrue();

            hook.start(); // what the JVM does on SIGTERM
            hook.join();
            server.awaitShutdown();
            assertThat(cleanedUp[0]).isTrue();
            assertThat(server.port()).isPositive();
        }
    }

    @Test
    void aServletPathIsExactOrAPrefixAndLeavesTheServersPathsAlone() {
        try (StateStore store = Stores.sqlite(dir)) {
            StatekeeperServer.Builder builder = StatekeeperServer.builder(store, Stores.server());
            for (String taken : new String[]{"/api/*", "/api", "/health/x", "/metrics", "/", "/*", "mcp", "/a/*/b"}) {
                assertThatThrownBy(() -> builder.servlet(taken, new AuthTest.EchoServlet()))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("servlet path spec '" + taken + "' must be an exact path such as /status or a prefix "
                                + "such as /extra/*, outside /api, /health, /metrics and /dashboard");
            }
            builder.servlet("/apidocs", new AuthTest.EchoServlet()).servlet("/extra/*", new AuthTest.EchoServlet());
            assertThatThrownBy(() -> builder.servlet("/extra", new AuthTest.EchoServlet()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("servlet path spec '/extra' overlaps the servlet mounted at '/extra/*'");

            StatekeeperServer.Builder ownMcp = StatekeeperServer.builder(store, Stores.server())
                    .servlet("/mcp", new AuthTest.EchoServlet());
            assertThatThrownBy(ownMcp::build).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a servlet is already mounted at '/mcp', where the server serves MCP: call mcp(false) "
                            + "to mount your own");
            ownMcp.mcp(false).build().stop();
        }
    }
}
