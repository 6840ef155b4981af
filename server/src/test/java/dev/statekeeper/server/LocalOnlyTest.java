package dev.statekeeper.server;

import dev.statekeeper.core.api.StateStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Without a token (loopback only) local programs are served, but not web pages or rebound host names. */
class LocalOnlyTest {
    @TempDir
    static Path dir;
    static StateStore store;
    static StatekeeperServer server;
    static Http http;
    static int port;

    @BeforeAll
    static void start() {
        store = Stores.sqlite(dir);
        server = StatekeeperServer.create(store, Stores.server());
        port = server.start();
        http = new Http(port);
    }

    @AfterAll
    static void stop() {
        server.stop();
        store.close();
    }

    @Test
    void aLocalProgramNeedsNoToken() {
        assertThat(http.post("/api/v1/loops", "{\"project\": \"local\", \"type\": \"plan\"}").status()).isEqualTo(201);
    }

    @Test
    void aRequestFromAWebPageIsRefused() {
        Http.Response r = http.post("/api/v1/loops", "{\"project\": \"local\", \"type\": \"plan\"}",
                "Origin", "https://evil.example");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.code()).isEqualTo("forbidden");
        assertThat(r.message()).isEqualTo("requests from web pages (with an Origin header) are refused: without "
                + "STATEKEEPER_API_TOKEN the API serves local programs only");
    }

    @Test
    void aHostNameThatIsNotLoopbackIsRefused() throws IOException {
        assertThat(rawGet("evil.example:" + port)).startsWith("HTTP/1.1 403 ")
                .contains("Host 'evil.example:" + port + "' is not a loopback name");
        assertThat(rawGet("localhost:" + port)).startsWith("HTTP/1.1 200 ");
        assertThat(rawGet("[::1]:" + port)).startsWith("HTTP/1.1 200 ");
    }

    /** A GET with a Host header of our choice, which java.net.http does not let a client set. */
    private static String rawGet(String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/active-loops HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try (InputStream in = socket.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}
