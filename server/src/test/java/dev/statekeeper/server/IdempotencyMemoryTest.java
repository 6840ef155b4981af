package dev.statekeeper.server;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.domain.SpecQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The responses kept for Idempotency-Key retries stay within STATEKEEPER_IDEMPOTENCY_MAX_BYTES however many large
 * writes arrive; a retry whose response was dropped is refused with 409 and still never applied twice.
 */
class IdempotencyMemoryTest {
    private static final Pattern GAUGE = Pattern.compile("\nstatekeeper_idempotency_bytes ([0-9.E]+)\n");

    @TempDir
    Path dir;

    @Test
    void largeResponsesWithNewKeysStayWithinTheBudgetAndOldRetriesAre409NotReapplied() {
        Random random = new Random(11);
        try (StateStore store = Stores.sqlite(dir)) {
            StatekeeperServer server = StatekeeperServer.create(store,
                    Stores.server(Setting.IDEMPOTENCY_MAX_BYTES, "65536"));
            Http http = new Http(server.start());
            try {
                String first = null;
                String firstBody = null;
                String last = null;
                String lastBody = null;
                Http.Response lastResponse = null;
                for (int i = 0; i < 40; i++) {
                    String body = spec("spec " + i, 12_000, random);
                    Http.Response created = http.post("/api/v1/projects/big/specs", body, "Idempotency-Key", "key-" + i);
                    assertThat(created.status()).as(created.text()).isEqualTo(201);
                    if (first == null) {
                        first = "key-" + i;
                        firstBody = body;
                    }
                    last = "key-" + i;
                    lastBody = body;
                    lastResponse = created;
                    assertThat(kept(http)).as("bytes kept after %d writes", i + 1).isLessThanOrEqualTo(65_536);
                }

                Http.Response replay = http.post("/api/v1/projects/big/specs", lastBody, "Idempotency-Key", last);
                assertThat(replay.status()).isEqualTo(201);
                assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
                assertThat(replay.text()).isEqualTo(lastResponse.text());

                Http.Response dropped = http.post("/api/v1/projects/big/specs", firstBody, "Idempotency-Key", first);
                assertThat(dropped.status()).isEqualTo(409);
                assertThat(dropped.code()).isEqualTo("idempotency-response-dropped");
                assertThat(dropped.message()).matches("the request with Idempotency-Key 'key-0' was applied at \\S+ "
                        + "\\(status 201\\); its response of \\d+ bytes was not kept \\(STATEKEEPER_IDEMPOTENCY_MAX_BYTES\\), "
                        + "so read the record at /api/v1/projects/big/specs/spec-0 instead of repeating the write");
                assertThat(dropped.header("Location")).isEqualTo("/api/v1/projects/big/specs/spec-0");
                assertThat(store.getSpec("big", "spec-0").version()).as("not applied again").isEqualTo(1);
                assertThat(store.listSpecs(SpecQuery.of("big")).total()).isEqualTo(40);
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void aResponseTooLargeToKeepIsNotedAtOnce() {
        try (StateStore store = Stores.sqlite(dir)) {
            StatekeeperServer server = StatekeeperServer.create(store,
                    Stores.server(Setting.IDEMPOTENCY_MAX_BYTES, "65536"));
            Http http = new Http(server.start());
            try {
                String body = spec("huge", 40_000, new Random(3)); // gzipped, still over a quarter of the budget
                assertThat(http.post("/api/v1/projects/big/specs", body, "Idempotency-Key", "huge").status()).isEqualTo(201);
                assertThat(kept(http)).isLessThan(1_000);
                Http.Response retry = http.post("/api/v1/projects/big/specs", body, "Idempotency-Key", "huge");
                assertThat(retry.status()).isEqualTo(409);
                assertThat(retry.code()).isEqualTo("idempotency-response-dropped");
                assertThat(store.getSpec("big", "huge").version()).isEqualTo(1);
            } finally {
                server.stop();
            }
        }
    }

    private static String spec(String title, int noise, Random random) {
        byte[] bytes = new byte[noise * 3 / 4];
        random.nextBytes(bytes);
        return "{\"title\": \"" + title + "\", \"objectives\": \"" + Base64.getEncoder().encodeToString(bytes) + "\"}";
    }

    private static long kept(Http http) {
        Matcher m = GAUGE.matcher(http.get("/metrics").text());
        assertThat(m.find()).as("the idempotency gauge").isTrue();
        return (long) Double.parseDouble(m.group(1));
    }
}
