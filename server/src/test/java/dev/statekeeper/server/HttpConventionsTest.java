package dev.statekeeper.server;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP conventions around the answers: Link to the next page, HEAD as GET, gzip, Retry-After on a 503 that passes. */
class HttpConventionsTest {
    private static final String PROJECT = "p q/&";

    @TempDir
    static Path dir;
    static StateStore store;
    static StatekeeperServer server;
    static Http http;

    @BeforeAll
    static void start() {
        store = Stores.sqlite(dir);
        server = StatekeeperServer.create(store, Stores.server(Setting.MAX_BODY_BYTES, "4096"));
        http = new Http(server.start());
        for (int i = 0; i < 30; i++) {
            assertThat(http.post("/api/v1/loops", "{\"project\": \"" + PROJECT.replace("\"", "") + "\", \"type\": \"spec\"}")
                    .status()).isEqualTo(201);
        }
    }

    @AfterAll
    static void stop() {
        server.stop();
        store.close();
    }

    @Test
    void aPageLinksToTheNextWithItsFiltersEncodedAndTheLastDoesNot() {
        Http.Response first = http.get("/api/v1/loops?project=p%20q%2F%26&limit=20");
        assertThat(first.json().get("items")).hasSize(20);
        assertThat(first.header("Link")).isEqualTo("</api/v1/loops?project=p%20q%2F%26&limit=20&offset=20>; rel=\"next\"");
        Http.Response last = http.get("/api/v1/loops?project=p%20q%2F%26&limit=20&offset=20");
        assertThat(last.json().get("items")).hasSize(10);
        assertThat(last.header("Link")).isNull();
        assertThat(http.get("/api/v1/loops?project=none").header("Link")).as("an empty page").isNull();
        assertThat(http.get("/api/v1/loops?project=p%20q%2F%26&offset=1000").header("Link")).as("past the end").isNull();
    }

    @Test
    void headAnswersWithTheHeadersOfGetAndNoBody() {
        String id = http.get("/api/v1/loops?limit=1").json().at("/items/0/id").asText();
        for (String path : List.of("/api/v1/loops/" + id, "/api/v1/loops?limit=5", "/api/v1/loops/no-such",
                "/api/v1/loops?limit=0")) {
            Http.Response get = http.get(path);
            Http.Response head = http.send("HEAD", path, null);
            assertThat(head.status()).as(path).isEqualTo(get.status());
            assertThat(head.text()).as(path).isEmpty();
            for (String header : List.of("Content-Type", "ETag", "Link", "Content-Length", "Retry-After")) {
                assertThat(head.header(header)).as(path + " " + header).isEqualTo(get.header(header));
            }
        }
    }

    @Test
    void aLargeAnswerIsGzippedWhenAskedAndASmallOneIsNot() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String url = "http://127.0.0.1:" + server.port() + "/api/v1/loops?limit=30";
        HttpResponse<byte[]> gzipped = client.send(HttpRequest.newBuilder(URI.create(url))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        String plain = http.get("/api/v1/loops?limit=30").text();
        assertThat(plain.length()).isGreaterThan(1500);
        assertThat(gzipped.body().length).isLessThan(plain.length() / 2);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(plain);
        }
        HttpResponse<byte[]> small = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/api/v1/loops?limit=1")).header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(small.headers().firstValue("Content-Encoding")).isEmpty();
        HttpResponse<byte[]> unknown = client.send(HttpRequest.newBuilder(URI.create(url))
                .header("Accept-Encoding", "x-bogus;q=\u0020nonsense").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(unknown.headers().firstValue("Content-Encoding")).as("nothing it cannot read").isEmpty();
        assertThat(new String(unknown.body(), StandardCharsets.UTF_8)).isEqualTo(plain);
    }

    @Test
    void a503ThatPassesWithTimeSaysWhenToRetryAndOneThatDoesNotDoesNot() throws Exception {
        // another connection holds SQLite's write lock for real: the write waits out the busy timeout and is refused
        Path file = Files.createTempDirectory(dir, "busy-").resolve("state.db");
        Settings settings = Settings.builder().set(Setting.BACKEND, "sqlite").set(Setting.DATABASE_URL, "sqlite:" + file)
                .set(Setting.SQLITE_BUSY_TIMEOUT, "0.1").set(Setting.RETRY_ATTEMPTS, "1").build();
        try (StateStore locked = StateStores.open(settings);
             Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement sql = other.createStatement()) {
            StatekeeperServer writer = StatekeeperServer.create(locked, Stores.server());
            try {
                Http busyHttp = new Http(writer.start());
                sql.execute("BEGIN IMMEDIATE");
                Http.Response busy = busyHttp.post("/api/v1/loops", "{\"project\": \"p\", \"type\": \"spec\"}");
                sql.execute("ROLLBACK");

                assertThat(busy.status()).as(busy.text()).isEqualTo(503);
                assertThat(busy.code()).isEqualTo("database-busy");
                assertThat(busy.header("Retry-After")).isEqualTo("1");
            } finally {
                writer.stop();
            }
        }

        StateStore closed = Stores.sqlite(dir);
        closed.close();
        StatekeeperServer other = StatekeeperServer.create(closed, Stores.server());
        try {
            Http.Response r = new Http(other.start()).get("/api/v1/sessions");
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.code()).isEqualTo("store-closed");
            assertThat(r.header("Retry-After")).as("a closed store needs someone to open it").isNull();
        } finally {
            other.stop();
        }
        assertThat(ErrorResponses.RETRY_AFTER).containsOnlyKeys(ErrorCode.DATABASE_BUSY, ErrorCode.BACKEND_UNAVAILABLE);
    }
}
