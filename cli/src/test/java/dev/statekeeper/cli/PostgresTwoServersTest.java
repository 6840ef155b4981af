package dev.statekeeper.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.server.StatekeeperServer;
import dev.statekeeper.testkit.postgres.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several servers on one PostgreSQL database, as behind a load balancer, and a CLI beside them: a change committed by
 * any of them reaches a follower of another through LISTEN/NOTIFY, a follower that was away catches up from its last
 * sequence, and an Idempotency-Key retry sent to the other server replays the first answer.
 */
class PostgresTwoServersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void writesFromEitherServerAndTheCliReachAFollowerOfTheOtherAndRetriesReplayAcrossServers() throws Exception {
        PostgresServer postgres = PostgresServer.shared();
        String url = postgres.url(postgres.createDatabase());
        Settings settings = Settings.builder().set(Setting.BACKEND, "postgres").set(Setting.DATABASE_URL, url)
                .set(Setting.SERVER_PORT, "0").set(Setting.DOCTOR_INTERVAL, "0").set(Setting.POOL_MIN_SIZE, "1")
                .build();
        try (StateStore storeA = StateStores.open(settings); StateStore storeB = StateStores.open(settings)) {
            StatekeeperServer a = StatekeeperServer.create(storeA, settings);
            StatekeeperServer b = StatekeeperServer.create(storeB, settings);
            int portA = a.start();
            int portB = b.start();
            try {
                long seen;
                String loopId;
                try (Stream follower = new Stream(portB, "/api/v1/events/stream")) {
                    HttpResponse<String> created = post(portA, "/api/v1/loops", "{\"project\":\"demo\",\"type\":\"spec\"}",
                            "Idempotency-Key", "create-1", "X-Statekeeper-Actor", "agent-a");
                    assertThat(created.statusCode()).isEqualTo(201);
                    loopId = JSON.readTree(created.body()).get("id").asText();

                    JsonNode first = follower.next();
                    assertThat(first.get("operation").asText()).isEqualTo("loop.created");
                    assertThat(first.get("entityId").asText()).isEqualTo(loopId);
                    assertThat(first.get("actor").asText()).isEqualTo("agent-a");
                    assertThat(first.get("via").asText()).isEqualTo("http");
                    assertThat(first.get("requestKey").asText()).isEqualTo("create-1");

                    new CliRunner(dir).env("STATEKEEPER_BACKEND", "postgres").env("DATABASE_URL", url)
                            .ok("loop", "feedback", loopId, "--critic", "reviewer", "--score", "55", "--summary", "s");
                    JsonNode second = follower.next();
                    assertThat(second.get("operation").asText()).isEqualTo("loop.feedback_added");
                    assertThat(second.get("via").asText()).isEqualTo("cli");
                    assertThat(second.get("sequence").asLong()).isEqualTo(first.get("sequence").asLong() + 1);
                    seen = second.get("sequence").asLong();

                    HttpResponse<String> retry = post(portB, "/api/v1/loops", "{\"project\":\"demo\",\"type\":\"spec\"}",
                            "Idempotency-Key", "create-1");
                    assertThat(retry.statusCode()).isEqualTo(201);
                    assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
                    assertThat(retry.body()).isEqualTo(created.body());
                    HttpResponse<String> reused = post(portB, "/api/v1/loops", "{\"project\":\"other\",\"type\":\"spec\"}",
                            "Idempotency-Key", "create-1");
                    assertThat(reused.statusCode()).isEqualTo(422);
                    assertThat(storeB.listLoops(dev.statekeeper.core.domain.LoopQuery.all()).total())
                            .as("the retry applied nothing").isEqualTo(1);
                }

                // the follower is away while server A takes three writes
                for (int i = 0; i < 3; i++) {
                    assertThat(post(portA, "/api/v1/loops/" + loopId + "/feedback", "{\"criticAgent\":\"c\","
                            + "\"overallScore\":" + (60 + i) + ",\"assessmentSummary\":\"s\"}").statusCode())
                            .isEqualTo(201);
                }
                try (Stream back = new Stream(portB, "/api/v1/events/stream", "Last-Event-ID", String.valueOf(seen))) {
                    List<Long> caughtUp = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        caughtUp.add(back.next().get("sequence").asLong());
                    }
                    assertThat(caughtUp).containsExactly(seen + 1, seen + 2, seen + 3);
                }
            } finally {
                a.stop();
                b.stop();
            }
        }
    }

    private static HttpResponse<String> post(int port, String path, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A server-sent event stream, its {@code data:} lines read as they come on a thread of its own. */
    private static final class Stream implements AutoCloseable {
        private final BlockingQueue<String> data = new LinkedBlockingQueue<>();
        private final HttpResponse<java.util.stream.Stream<String>> response;

        Stream(int port, String path, String... headers) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).isEqualTo(200);
            Thread reader = new Thread(() -> {
                Iterator<String> lines = response.body().iterator();
                try {
                    while (lines.hasNext()) {
                        String line = lines.next();
                        if (line.startsWith("data:")) {
                            data.add(line.substring(5).strip());
                        }
                    }
                } catch (UncheckedIOException e) {
                    // the stream was closed by close()
                }
            }, "sse-reader");
            reader.setDaemon(true);
            reader.start();
        }

        JsonNode next() throws Exception {
            String line = data.poll(30, TimeUnit.SECONDS);
            assertThat(line).as("an event within 30 s").isNotNull();
            return JSON.readTree(line);
        }

        @Override
        public void close() {
            response.body().close();
        }
    }
}
