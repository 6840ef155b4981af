package dev.statekeeper.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Errors as RFC 9457 problems: one response of each family, compared whole with its Content-Type, and the problem
 * types their {@code type} URIs resolve to.
 */
class ProblemDetailsTest {
    private static final String TOKEN = "problem-details-token-0123456789";

    @TempDir
    static Path dir;
    static StateStore store;
    static StatekeeperServer server;
    static Http http;

    @BeforeAll
    static void start() {
        store = diskFullOnDelete(Stores.memory()); // keeps the Idempotency-Keys
        server = StatekeeperServer.create(store, Stores.server(Setting.MAX_BODY_BYTES, "1024", Setting.API_TOKEN, TOKEN));
        http = new Http(server.start()).with("Authorization", "Bearer " + TOKEN);
    }

    @AfterAll
    static void stop() {
        server.stop();
        store.close();
    }

    /** The real store, but a full disk when a session is deleted (a full disk cannot be made on demand here). */
    private static StateStore diskFullOnDelete(StateStore real) {
        return (StateStore) Proxy.newProxyInstance(StateStore.class.getClassLoader(), new Class<?>[]{StateStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("endSession")) {
                        throw new StatekeeperException(ErrorCode.DISK_FULL, "database or disk is full: 'state.db'");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static void assertProblem(Http.Response r, int status, String expected) throws IOException {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
        JsonNode want = Json.mapper().readTree(expected);
        assertThat(r.json()).as(r.text()).isEqualTo(want);
        assertThat(r.text()).as("the RFC 9457 members first").startsWith("{\"type\":");
    }

    @Test
    void aValidationFailureIs400WithItsViolations() throws IOException {
        assertProblem(http.get("/api/v1/loops?limit=0"), 400, """
                {"type": "/problems/validation-failed", "title": "the input breaks a rule of the domain", "status": 400,
                 "detail": "invalid query: limit = '0': must be a whole number from 1 to 1000",
                 "instance": "/api/v1/loops", "code": "validation-failed", "fix": "correct the named fields and retry",
                 "violations": [{"field": "limit", "value": "0", "rule": "must be a whole number from 1 to 1000"}],
                 "message": "invalid query: limit = '0': must be a whole number from 1 to 1000",
                 "details": {"violations": [{"field": "limit", "value": "0", "rule": "must be a whole number from 1 to 1000"}]}}
                """);
    }

    @Test
    void aBadHeaderIs400() throws IOException {
        assertProblem(http.get("/api/v1/loops", "If-Match", "\"1\""), 400, """
                {"type": "/problems/bad-header", "title": "a request header has a value the server cannot use",
                 "status": 400, "detail": "bad If-Match header '\\"1\\"': this route does not take a version; If-Match is honoured by POST /api/v1/loops/{id}/feedback, POST /api/v1/loops/{id}/decide, PATCH /api/v1/projects/{project}/specs/{name}, PUT /api/v1/projects/{project}/roadmap, PUT /api/v1/projects/{project}/plan",
                 "instance": "/api/v1/loops", "code": "bad-header",
                 "fix": "correct the named header, or leave it out where it is optional",
                 "message": "bad If-Match header '\\"1\\"': this route does not take a version; If-Match is honoured by POST /api/v1/loops/{id}/feedback, POST /api/v1/loops/{id}/decide, PATCH /api/v1/projects/{project}/specs/{name}, PUT /api/v1/projects/{project}/roadmap, PUT /api/v1/projects/{project}/plan",
                 "details": {"header": "If-Match"}}
                """);
    }

    @Test
    void aMissingTokenIs401WithItsChallenge() throws IOException {
        Http.Response r = new Http(server.port()).get("/api/v1/loops");
        assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"statekeeper\"");
        assertProblem(r, 401, """
                {"type": "/problems/unauthorized", "title": "the request does not carry the server's bearer token",
                 "status": 401, "detail": "this API requires a bearer token: send 'Authorization: Bearer TOKEN' with the server's STATEKEEPER_API_TOKEN",
                 "instance": "/api/v1/loops", "code": "unauthorized",
                 "fix": "send 'Authorization: Bearer TOKEN' with the server's STATEKEEPER_API_TOKEN",
                 "message": "this API requires a bearer token: send 'Authorization: Bearer TOKEN' with the server's STATEKEEPER_API_TOKEN",
                 "details": {}}
                """);
    }

    @Test
    void anUnknownLoopIs404WithTheCliFix() throws IOException {
        assertProblem(http.get("/api/v1/loops/no-such-loop"), 404, """
                {"type": "/problems/loop-not-found", "title": "no loop has that id", "status": 404,
                 "detail": "loop 'no-such-loop' not found", "instance": "/api/v1/loops/no-such-loop",
                 "code": "loop-not-found", "fix": "list loops with 'statekeeper loop list'",
                 "message": "loop 'no-such-loop' not found", "details": {}}
                """);
    }

    @Test
    void aDuplicateIs409() throws IOException {
        http.post("/api/v1/sessions", "{\"name\": \"twice\"}");
        assertProblem(http.post("/api/v1/sessions", "{\"name\": \"twice\"}"), 409, """
                {"type": "/problems/duplicate", "title": "a record with that key already exists", "status": 409,
                 "detail": "session 'twice' already exists", "instance": "/api/v1/sessions", "code": "duplicate",
                 "fix": "use another id or name, or update the existing one",
                 "message": "session 'twice' already exists", "details": {}}
                """);
    }

    @Test
    void anOversizedBodyIs413() throws IOException {
        assertProblem(http.post("/api/v1/loops", "{\"project\": \"" + "p".repeat(2000) + "\"}"), 413, """
                {"type": "/problems/payload-too-large", "title": "the request body is larger than the server takes",
                 "status": 413, "detail": "the request body of 2015 bytes is larger than the limit of 1024 bytes (STATEKEEPER_MAX_BODY_BYTES)",
                 "instance": "/api/v1/loops", "code": "payload-too-large",
                 "fix": "send a smaller body, or raise STATEKEEPER_MAX_BODY_BYTES on the server",
                 "message": "the request body of 2015 bytes is larger than the limit of 1024 bytes (STATEKEEPER_MAX_BODY_BYTES)",
                 "details": {"limit": 1024}}
                """);
    }

    @Test
    void aReusedIdempotencyKeyIs422() throws IOException {
        http.post("/api/v1/sessions", "{\"name\": \"keyed\"}", "Idempotency-Key", "k-422");
        assertProblem(http.post("/api/v1/sessions", "{\"name\": \"other\"}", "Idempotency-Key", "k-422"), 422, """
                {"type": "/problems/idempotency-key-reused",
                 "title": "the Idempotency-Key was already used for a different request", "status": 422,
                 "detail": "Idempotency-Key 'k-422' was already used for a different request (another method, path or body); use a new key for a new request",
                 "instance": "/api/v1/sessions", "code": "idempotency-key-reused", "fix": "use a new key for a new request",
                 "message": "Idempotency-Key 'k-422' was already used for a different request (another method, path or body); use a new key for a new request",
                 "details": {"key": "k-422"}}
                """);
    }

    @Test
    void aClosedStoreIs503() throws IOException {
        StateStore closed = Stores.sqlite(dir);
        closed.close();
        StatekeeperServer other = StatekeeperServer.create(closed, Stores.server());
        try {
            Http.Response r = new Http(other.start()).get("/api/v1/sessions");
            assertProblem(r, 503, """
                    {"type": "/problems/store-closed",
                     "title": "the store is not open (not initialized yet, or already closed)", "status": 503,
                     "detail": "%s", "instance": "/api/v1/sessions", "code": "store-closed",
                     "fix": "open the store before use and do not use it after close()",
                     "message": "%s", "details": {}}
                    """.formatted(r.json().get("detail").asText(), r.json().get("detail").asText()));
            assertThat(r.json().get("detail").asText()).isNotBlank();
        } finally {
            other.stop();
        }
    }

    @Test
    void aFullDiskIs507() throws IOException {
        http.post("/api/v1/sessions", "{\"name\": \"full\"}");
        assertProblem(http.post("/api/v1/sessions/full/end", "{}"), 507, """
                {"type": "/problems/disk-full", "title": "the disk holding the database is full", "status": 507,
                 "detail": "database or disk is full: 'state.db'", "instance": "/api/v1/sessions/full/end",
                 "code": "disk-full", "fix": "free space or move the data directory to a larger disk",
                 "message": "database or disk is full: 'state.db'", "details": {}}
                """);
    }

    @Test
    void aBareStatusIsAboutBlank() throws IOException {
        Http.Response r = Http.rawGet(server.port(), "/api/v1/loops/%zz");
        assertProblem(r, 400, """
                {"type": "/problems/bad-request",
                 "title": "the request is malformed (its path's percent-encoding, or a header)", "status": 400,
                 "detail": "%s", "code": "bad-request",
                 "fix": "percent-encode the path as UTF-8 without control characters and send well-formed headers",
                 "message": "%s", "details": {}}
                """.formatted(r.json().get("detail").asText(), r.json().get("detail").asText()));
    }

    @Test
    void everyTypeResolvesToItsCauseAndFixWithoutTheToken() throws IOException {
        Http anonymous = new Http(server.port());
        Http.Response one = anonymous.get("/problems/loop-not-found", "Accept", "text/html");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.header("Content-Type")).startsWith("application/json");
        assertThat(one.json()).isEqualTo(Json.mapper().readTree("""
                {"type": "/problems/loop-not-found", "code": "loop-not-found", "status": 404,
                 "title": "no loop has that id", "fix": "list loops with 'statekeeper loop list'"}
                """));
        assertThat(anonymous.get("/problems/stale-version").json().get("status").asInt()).as("as HTTP answers it")
                .isEqualTo(412);

        JsonNode all = anonymous.get("/problems").json().get("items");
        assertThat(all).hasSize(ErrorCode.values().length + 15);
        for (JsonNode type : all) {
            Http.Response resolved = anonymous.get(type.get("type").asText());
            assertThat(resolved.status()).isEqualTo(200);
            assertThat(resolved.json()).isEqualTo(type);
        }
    }

    @Test
    void anUnknownTypeOrAHostileOneIs404AndBounded() throws IOException {
        Http anonymous = new Http(server.port());
        assertProblem(anonymous.get("/problems/no-such"), 404, """
                {"type": "/problems/problem-type-not-found", "title": "no problem type has that code", "status": 404,
                 "detail": "no problem type has the code \\"no-such\\" (GET /problems lists them)",
                 "instance": "/problems/no-such", "code": "problem-type-not-found", "fix": "GET /problems lists them all",
                 "message": "no problem type has the code \\"no-such\\" (GET /problems lists them)", "details": {}}
                """);
        Http.Response control = anonymous.get("/problems/a%07b%1Bc");
        assertThat(control.status()).as(control.text()).isIn(400, 404);
        assertThat(control.text()).doesNotContain("\u0007").doesNotContain("\u001b");
        Http.Response huge = anonymous.get("/problems/" + "x".repeat(6000));
        assertThat(huge.status()).isEqualTo(404);
        assertThat(huge.json().get("detail").asText()).hasSizeLessThan(200);
        assertProblem(anonymous.get("/problems/loop-not-found?q=" + "y".repeat(5000)), 400, """
                {"type": "/problems/validation-failed", "title": "the input breaks a rule of the domain", "status": 400,
                 "detail": "invalid query: unknown query parameter \\"q\\" (known: none)",
                 "instance": "/problems/loop-not-found", "code": "validation-failed",
                 "fix": "correct the named fields and retry",
                 "violations": [{"field": "q", "value": null, "rule": "unknown query parameter \\"q\\" (known: none)"}],
                 "message": "invalid query: unknown query parameter \\"q\\" (known: none)",
                 "details": {"field": "q",
                             "violations": [{"field": "q", "value": null, "rule": "unknown query parameter \\"q\\" (known: none)"}]}}
                """);
    }
}
