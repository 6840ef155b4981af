package dev.statekeeper.server;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.testkit.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guessing the token is slowed down: ten failures from one address in a minute lock it out with 429 and Retry-After
 * until the minute ends (even with the right token), and every failure is logged without the token.
 */
class AuthLimitsTest {
    private static final String TOKEN = "limits-token-never-logged-0123456789";
    private static final Path LOG = Path.of("target", "server-tests.log");

    @TempDir
    Path dir;

    @Test
    void tenFailuresInAMinuteLockTheAddressOutUntilTheMinuteEnds() throws IOException {
        TestClock clock = new TestClock();
        try (StateStore store = Stores.sqlite(dir)) {
            StatekeeperServer server = StatekeeperServer.builder(store, Stores.server(Setting.API_TOKEN, TOKEN))
                    .clock(clock).build();
            int port = server.start();
            try {
                Http guesser = new Http(port).with("Authorization", "Bearer guess-" + TOKEN);
                for (int i = 1; i <= 10; i++) {
                    assertThat(guesser.get("/api/v1/loops").status()).as("guess %d", i).isEqualTo(401);
                    clock.advance(Duration.ofSeconds(2));
                }
                Http.Response locked = guesser.get("/api/v1/loops");
                assertThat(locked.status()).isEqualTo(429);
                assertThat(locked.code()).isEqualTo("too-many-auth-failures");
                assertThat(locked.header("Retry-After")).isEqualTo("40");
                assertThat(locked.message()).isEqualTo("10 requests from 127.0.0.1 failed authentication within 60 s; "
                        + "retry after 40 s with the right token");
                Http right = new Http(port).with("Authorization", "Bearer " + TOKEN);
                assertThat(right.get("/api/v1/loops").status()).as("locked out whatever it sends").isEqualTo(429);
                Http.Response mcp = right.post("/mcp", McpHttpTest.INITIALIZE, "Accept", "application/json, text/event-stream");
                assertThat(mcp.status()).as("MCP is behind the same lock").isEqualTo(429);
                assertThat(mcp.json().at("/error/data/code").asText()).isEqualTo("too-many-auth-failures");

                clock.advance(Duration.ofSeconds(41));
                assertThat(right.get("/api/v1/loops").status()).isEqualTo(200);
                assertThat(guesser.get("/api/v1/loops").status()).as("a new minute, a new count").isEqualTo(401);
            } finally {
                server.stop();
            }
            String log = Files.readString(LOG);
            assertThat(log).contains("refused a request from 127.0.0.1: the bearer token is not valid (10 failed in 60 s; "
                    + "further requests get 429 until the window ends)").doesNotContain(TOKEN);
        }
    }
}
