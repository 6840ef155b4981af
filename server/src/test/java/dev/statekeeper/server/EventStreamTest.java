package dev.statekeeper.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.internal.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /api/v1/events/stream over real HTTP: events live, a resume after a dropped connection, the keepalive, the
 * bound on open streams, and a server stop ending them.
 */
class EventStreamTest {
    private StateStore store;
    private StatekeeperServer server;
    private int port;

    @BeforeEach
    void start() {
        store = Stores.memory();
        server = StatekeeperServer.builder(store, Stores.server()).waits(2, 2, Duration.ofMillis(100)).build();
        port = server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
        store.close();
    }

    @Test
    void eventsArriveLiveAndAResumeWithLastEventIdDeliversEachOnceInOrder() throws Exception {
        store.createLoop(NewLoop.of("live", LoopType.SPEC));
        List<Long> seen = new ArrayList<>();
        try (Sse sse = new Sse(port, "/api/v1/events/stream")) {
            assertThat(sse.status()).isEqualTo(200);
            assertThat(sse.header("Content-Type")).isEqualTo("text/event-stream;charset=utf-8");
            Map<String, String> first = sse.event();
            assertThat(first.get("id")).isEqualTo("1");
            assertThat(first.get("event")).isEqualTo("loop.created");
            JsonNode data = Json.mapper().readTree(first.get("data"));
            assertThat(data.get("sequence").asLong()).isEqualTo(1);
            assertThat(data.get("operation").asText()).isEqualTo("loop.created");
            assertThat(data.get("via").asText()).isEqualTo("java");
            seen.add(1L);
            String id = new Http(port).post("/api/v1/loops", "{\"project\": \"live\", \"type\": \"spec\"}",
                    "X-Statekeeper-Actor", "streamer").json().get("id").asText();
            Map<String, String> second = sse.event();
            assertThat(second.get("id")).isEqualTo("2");
            JsonNode written = Json.mapper().readTree(second.get("data"));
            assertThat(written.get("entityId").asText()).isEqualTo(id);
            assertThat(written.get("actor").asText()).isEqualTo("streamer");
            assertThat(written.get("via").asText()).isEqualTo("http");
            seen.add(2L);
        }
        awaitNoStreams(); // the dead client is noticed at the next keepalive, and its place freed
        for (int i = 0; i < 3; i++) {
            store.createLoop(NewLoop.of("live", LoopType.SPEC));
        }
        try (Sse again = new Sse(port, "/api/v1/events/stream?after=1", "Last-Event-ID", "2")) {
            for (int i = 0; i < 3; i++) {
                seen.add(Long.parseLong(again.event().get("id")));
            }
        }
        assertThat(seen).as("each once, in order, the header over after").containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void theFiltersOfEventsApplyToTheStream() throws Exception {
        String other = store.createLoop(NewLoop.of("a", LoopType.SPEC)).id();
        String mine = store.createLoop(NewLoop.of("b", LoopType.SPEC)).id();
        try (Sse sse = new Sse(port, "/api/v1/events/stream?entity=loop:" + mine)) {
            store.deleteLoop(other);
            store.deleteLoop(mine);
            assertThat(sse.event()).containsEntry("id", "2").containsEntry("event", "loop.created");
            assertThat(sse.event()).containsEntry("id", "4").containsEntry("event", "loop.deleted");
        }
    }

    @Test
    void aQuietStreamSendsKeepaliveComments() throws Exception {
        try (Sse sse = new Sse(port, "/api/v1/events/stream")) {
            String line = sse.line();
            while (line.isEmpty()) {
                line = sse.line();
            }
            assertThat(line).isEqualTo(": keepalive");
        }
    }

    @Test
    void streamsBeyondTheLimitAre503WithRetryAfter() throws Exception {
        try (Sse one = new Sse(port, "/api/v1/events/stream"); Sse two = new Sse(port, "/api/v1/events/stream")) {
            assertThat(one.status()).isEqualTo(200);
            assertThat(two.status()).isEqualTo(200);
            Http.Response third = new Http(port).get("/api/v1/events/stream");
            assertThat(third.status()).isEqualTo(503);
            assertThat(third.header("Retry-After")).isEqualTo("5");
            assertThat(third.code()).isEqualTo("too-many-waits");
            assertThat(third.message()).isEqualTo("the server already has 2 event streams open, as many as it serves "
                    + "at once; retry after 5 s");
        }
    }

    @Test
    void aServerStopEndsTheOpenStreams() throws Exception {
        Sse sse = new Sse(port, "/api/v1/events/stream");
        assertThat(sse.status()).isEqualTo(200);
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);
        assertThat(sse.event()).as("the stream ended").isEmpty();
        stopping.get(30, TimeUnit.SECONDS);
        assertThat(server.openEventStreams()).isZero();
    }

    @Test
    void aBadLastEventIdOrFilterIsRefusedBeforeTheStream() {
        Http http = new Http(port);
        Http.Response id = http.get("/api/v1/events/stream", "Last-Event-ID", "abc");
        assertThat(id.status()).isEqualTo(400);
        assertThat(id.message()).isEqualTo("bad Last-Event-ID header 'abc': must be the id of an event received, a "
                + "whole number from 0");
        Http.Response entity = http.get("/api/v1/events/stream?entity=robot:1");
        assertThat(entity.status()).isEqualTo(400);
        assertThat(entity.code()).isEqualTo("validation-failed");
        Http.Response limit = http.get("/api/v1/events/stream?limit=5");
        assertThat(limit.status()).as("a stream takes no limit").isEqualTo(400);
        assertThat(server.openEventStreams()).isZero();
    }

    /** Waits (up to 30 s) until no stream is open any more. */
    private void awaitNoStreams() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (server.openEventStreams() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("a stream whose client went away is still open after 30 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
