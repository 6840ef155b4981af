package dev.statekeeper.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/v1/events over real HTTP: pages with Link, filters, the event's fields, hostile parameters; the actor. */
class EventsApiTest {
    private StateStore store;
    private StatekeeperServer server;
    private Http http;
    private int port;

    @BeforeEach
    void start() {
        store = Stores.memory();
        server = StatekeeperServer.create(store, Stores.server());
        port = server.start();
        http = new Http(port);
    }

    @AfterEach
    void stop() {
        server.stop();
        store.close();
    }

    @Test
    void pagesFollowTheLinkAndEachEventSaysWhoWroteThroughWhichRequest() {
        List<String> ids = new ArrayList<>();
        Http.Response created = null;
        for (int i = 0; i < 5; i++) {
            created = http.post("/api/v1/loops", "{\"project\": \"p" + (i % 2) + "\", \"type\": \"spec\"}",
                    "X-Statekeeper-Actor", "agent 7", "Idempotency-Key", "create-" + i);
            ids.add(created.json().get("id").asText());
        }
        Http.Response page = http.get("/api/v1/events?limit=2");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().get("lastSequence").asLong()).isEqualTo(5);
        assertThat(page.json().get("next").asLong()).isEqualTo(2);
        assertThat(page.header("Link")).isEqualTo("</api/v1/events?limit=2&after=2>; rel=\"next\"");
        List<Long> sequences = new ArrayList<>();
        String next = "/api/v1/events?limit=2";
        while (next != null) {
            Http.Response p = http.get(next);
            p.json().get("items").forEach(e -> sequences.add(e.get("sequence").asLong()));
            String link = p.header("Link");
            next = link == null ? null : link.substring(1, link.indexOf('>'));
        }
        assertThat(sequences).containsExactly(1L, 2L, 3L, 4L, 5L);

        JsonNode last = http.get("/api/v1/events?after=4").json().get("items").get(0);
        assertThat(last.get("operation").asText()).isEqualTo("loop.created");
        assertThat(last.get("entity").asText()).isEqualTo("loop");
        assertThat(last.get("entityId").asText()).isEqualTo(ids.get(4));
        assertThat(last.get("project").asText()).isEqualTo("p0");
        assertThat(last.get("version").asLong()).isEqualTo(1);
        assertThat(last.get("actor").asText()).isEqualTo("agent 7");
        assertThat(last.get("via").asText()).isEqualTo("http");
        assertThat(last.get("requestId").asText()).isEqualTo(created.header("X-Request-Id"));
        assertThat(last.get("requestKey").asText()).isEqualTo("create-4");
        assertThat(last.get("time").asText()).matches("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z");
        Http.Response empty = http.get("/api/v1/events?after=5");
        assertThat(empty.json().get("items")).isEmpty();
        assertThat(empty.json().get("next").asLong()).isEqualTo(5);
        assertThat(empty.header("Link")).isNull();
    }

    @Test
    void anEventWithoutActorOrKeyOmitsThem() {
        http.post("/api/v1/sessions", "{\"name\": \"quiet\"}");
        JsonNode event = http.get("/api/v1/events").json().get("items").get(0);
        assertThat(event.has("actor")).isFalse();
        assertThat(event.has("requestKey")).isFalse();
        assertThat(event.get("operation").asText()).isEqualTo("session.started");
    }

    @Test
    void filtersByEntityKindProjectAndTime() {
        String a = store.createLoop(NewLoop.of("alpha", LoopType.SPEC)).id();
        store.createLoop(NewLoop.of("beta", LoopType.SPEC));
        store.deleteLoop(a);
        assertThat(sequences("/api/v1/events?entity=loop:" + a)).containsExactly(1L, 3L);
        assertThat(sequences("/api/v1/events?entity=loop")).containsExactly(1L, 2L, 3L);
        assertThat(sequences("/api/v1/events?entity=session")).isEmpty();
        assertThat(sequences("/api/v1/events?project=beta")).containsExactly(2L);
        assertThat(sequences("/api/v1/events?since=2000-01-01T00:00:00Z&after=1")).containsExactly(2L, 3L);
        assertThat(sequences("/api/v1/events?since=2999-01-01T00:00:00%2B02:00")).isEmpty();
    }

    @Test
    void hostileParametersAre400NamingThem() {
        assertBad("?after=-1", "invalid query: after = '-1': must be a whole number from 0 to 9223372036854775807");
        assertBad("?after=99999999999999999999", "invalid query: after = '99999999999999999999': must be a whole number from 0 to 9223372036854775807");
        assertBad("?limit=0", "invalid query: limit = '0': must be a whole number from 1 to 1000");
        assertBad("?limit=5000", "invalid query: limit = '5000': must be a whole number from 1 to 1000");
        assertBad("?limit=ten", "invalid query: limit = 'ten': must be a whole number from 1 to 1000");
        assertBad("?entity=robot:1", "invalid events query: entity = 'robot:1': must be KIND or KIND:ID with KIND one of loop, spec, roadmap, plan, session, such as loop:3f2a...");
        assertBad("?since=yesterday", "invalid query: since = 'yesterday': must be an ISO-8601 time with an offset, such as 2026-01-31T09:30:00Z");
        assertBad("?project=a%01b", "invalid query: project = 'a\u0001b': must not contain control characters");
        assertBad("?project=" + "x".repeat(1025), "invalid events query: project = '" + "x".repeat(57) + "...': must be at "
                + "most 1024 characters (has 1025)");
        assertBad("?entity=loop:a%00b", "invalid query: entity = 'loop:a\u0000b': must not contain control characters");
        assertBad("?offset=3", "invalid query: unknown query parameter \"offset\" (known: after, entity, limit, project, since)");
        assertThat(store.events().lastSequence()).isZero();
    }

    @Test
    void aBadActorHeaderIs400AndWritesNothing() throws IOException {
        Http.Response tooLong = http.post("/api/v1/sessions", "{\"name\": \"s\"}", "X-Statekeeper-Actor", "a".repeat(201));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.code()).isEqualTo("bad-header");
        assertThat(tooLong.message()).isEqualTo("bad X-Statekeeper-Actor header '" + "a".repeat(77) + "...': must be "
                + "1-200 visible characters naming who writes, such as a user or an agent");
        String control = rawPost("/api/v1/sessions", "{\"name\": \"s\"}", "X-Statekeeper-Actor: bad\u0001actor");
        assertThat(control).as("Jetty refuses it itself").startsWith("HTTP/1.1 400").contains("\"code\":\"bad-request\"");
        String tab = rawPost("/api/v1/sessions", "{\"name\": \"s\"}", "X-Statekeeper-Actor: bad\tactor");
        assertThat(tab).startsWith("HTTP/1.1 400").contains("bad X-Statekeeper-Actor header 'bad\\\\u0009actor': must be");
        Http.Response blank = http.post("/api/v1/sessions", "{\"name\": \"s\"}", "X-Statekeeper-Actor", " ");
        assertThat(blank.status()).as("blank").isEqualTo(400);
        assertThat(store.events().lastSequence()).as("nothing written").isZero();
    }

    private List<Long> sequences(String path) {
        Http.Response page = http.get(path);
        assertThat(page.status()).as(page.text()).isEqualTo(200);
        List<Long> out = new ArrayList<>();
        page.json().get("items").forEach(e -> out.add(e.get("sequence").asLong()));
        return out;
    }

    private void assertBad(String query, String message) {
        Http.Response bad = http.get("/api/v1/events" + query);
        assertThat(bad.status()).as(query).isEqualTo(400);
        assertThat(bad.message()).as(query).isEqualTo(message);
    }

    /** A POST over a plain socket, for header values java.net.http refuses to send. */
    private String rawPost(String path, String body, String header) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n" + header + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(bytes);
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
