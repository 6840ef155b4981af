package dev.statekeeper.server;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.internal.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/v1/loops/{id}?wait=&version=: a long poll answered by a write, by its timeout, or refused. */
class LongPollTest {
    private StateStore store;
    private StatekeeperServer server;
    private Http http;
    private Loop loop;

    @BeforeEach
    void start() {
        store = Stores.memory();
        server = StatekeeperServer.builder(store, Stores.server()).waits(2, 1, Duration.ofSeconds(15)).build();
        http = new Http(server.start());
        loop = store.createLoop(NewLoop.of("poll", LoopType.SPEC));
    }

    @AfterEach
    void stop() {
        server.stop();
        store.close();
    }

    @Test
    void aWriteFromAnotherThreadAnswersTheWait() throws Exception {
        CompletableFuture<Http.Response> waiting = http.sendAsync("GET", "/api/v1/loops/" + loop.id()
                + "?wait=30s&version=1", null);
        awaitWaiting(1); // the write comes once the poll waits, so the wake is what answers it
        CompletableFuture.runAsync(() -> store.addFeedback(loop.id(), Json.mapper().convertValue(java.util.Map.of(
                "criticAgent", "c", "overallScore", 60, "assessmentSummary", "s"), CriticFeedback.class), null));
        Http.Response answer = waiting.get(30, TimeUnit.SECONDS);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Statekeeper-Wait")).isEqualTo("changed");
        assertThat(answer.json().get("version").asLong()).isEqualTo(2);
        assertThat(answer.header("ETag")).isEqualTo("\"2\"");
    }

    @Test
    void aLoopAlreadyPastTheVersionIsAnsweredAtOnceAndAQuietOneAtTheTimeout() {
        Http.Response past = http.get("/api/v1/loops/" + loop.id() + "?wait=60&version=0");
        assertThat(past.header("Statekeeper-Wait")).isEqualTo("changed");
        Http.Response quiet = http.get("/api/v1/loops/" + loop.id() + "?wait=1s&version=1");
        assertThat(quiet.status()).isEqualTo(200);
        assertThat(quiet.header("Statekeeper-Wait")).isEqualTo("timeout");
        assertThat(quiet.json().get("version").asLong()).isEqualTo(1);
        Http.Response plain = http.get("/api/v1/loops/" + loop.id());
        assertThat(plain.header("Statekeeper-Wait")).as("no wait, no header").isNull();
    }

    @Test
    void aSecondWaitBeyondTheLimitIs503AndAStopAnswersTheWaitingOneAtOnce() throws Exception {
        CompletableFuture<Http.Response> waiting = http.sendAsync("GET", "/api/v1/loops/" + loop.id()
                + "?wait=60s&version=1", null);
        awaitWaiting(1);
        Http.Response second = http.get("/api/v1/loops/" + loop.id() + "?wait=60s&version=1");
        assertThat(second.status()).isEqualTo(503);
        assertThat(second.header("Retry-After")).isEqualTo("5");
        assertThat(second.message()).isEqualTo("the server already has 1 long polls open, as many as it serves at "
                + "once; retry after 5 s");
        server.stop();
        Http.Response answer = waiting.get(30, TimeUnit.SECONDS);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Statekeeper-Wait")).isEqualTo("timeout");
        assertThat(answer.json().get("version").asLong()).isEqualTo(1);
    }

    @Test
    void anUnknownLoopIs404() {
        Http.Response missing = http.get("/api/v1/loops/nope?wait=5s&version=1");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("loop-not-found");
    }

    @Test
    void badWaitsAndVersionsAre400() {
        String path = "/api/v1/loops/" + loop.id();
        assertBad(path + "?wait=61s&version=1", "invalid query: wait = '61s': must be seconds from 0 to 60, such as 30s");
        assertBad(path + "?wait=-1&version=1", "invalid query: wait = '-1': must be seconds from 0 to 60, such as 30s");
        assertBad(path + "?wait=PT30S&version=1", "invalid query: wait = 'PT30S': must be seconds from 0 to 60, such as 30s");
        assertBad(path + "?wait=99999999999999999999&version=1", "invalid query: wait = '99999999999999999999': must be seconds from 0 to 60, such as 30s");
        assertBad(path + "?wait=30s", "invalid query: version = (missing): is required with wait: the version of the loop last read");
        assertBad(path + "?wait=30s&version=-1", "invalid query: version = '-1': must be a whole number from 0 to 9223372036854775807");
        assertBad(path + "?wait=30s&version=%01", "invalid query: version = '\u0001': must be a whole number from 0 to 9223372036854775807");
        assertBad(path + "?version=3", "invalid query: version = '3': is read only with wait (a long poll)");
    }

    private void assertBad(String path, String message) {
        Http.Response bad = http.get(path);
        assertThat(bad.status()).as(path).isEqualTo(400);
        assertThat(bad.message()).as(path).isEqualTo(message);
    }

    /** Waits (at most 30 s) until this many requests wait on the server, then asserts it. */
    private void awaitWaiting(int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (server.openEventStreams() < count && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        assertThat(server.openEventStreams()).as("the poll waits").isEqualTo(count);
    }
}
