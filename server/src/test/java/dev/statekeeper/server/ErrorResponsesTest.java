package dev.statekeeper.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Setting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every error status the API answers with, each as a JSON {code, message, details} that names the problem. */
class ErrorResponsesTest {
    @TempDir
    static Path dir;
    static StateStore store;
    static StatekeeperServer server;
    static Http http;
    static int port;

    @BeforeAll
    static void start() {
        store = Stores.sqlite(dir);
        server = StatekeeperServer.create(store, Stores.server(Setting.MAX_BODY_BYTES, "1024"));
        port = server.start();
        http = new Http(port);
    }

    @AfterAll
    static void stop() {
        server.stop();
        store.close();
    }

    private static String loop() {
        return http.post("/api/v1/loops", "{\"project\": \"errors\", \"type\": \"spec\"}").json().get("id").asText();
    }

    @Test
    void malformedJsonIs400WithLineAndColumn() {
        Http.Response r = http.post("/api/v1/loops", "{\"project\": \"p\",\n \"type\": }");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("validation-failed");
        assertThat(r.message()).isEqualTo("invalid loop JSON: malformed JSON at line 2, column 10: Unexpected character "
                + "('}'): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')");
        assertThat(r.json().get("details").get("line").asInt()).isEqualTo(2);
    }

    @Test
    void anUnknownFieldIs400NamingIt() {
        Http.Response r = http.post("/api/v1/loops", "{\"project\": \"p\", \"type\": \"spec\", \"colour\": \"red\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.message()).isEqualTo("invalid loop JSON: unknown field 'colour' (known fields: id, project, type)");
        assertThat(r.json().get("details").get("field").asText()).isEqualTo("colour");
    }

    @Test
    void aWrongTypeIs400NamingTheField() {
        Http.Response r = http.post("/api/v1/loops/" + loop() + "/feedback",
                "{\"criticAgent\": \"c\", \"overallScore\": \"80\", \"assessmentSummary\": \"s\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.message()).isEqualTo("invalid feedback JSON: wrong type for 'overallScore': expected a whole number, "
                + "got the string \"80\"");
        assertThat(r.json().get("details").get("field").asText()).isEqualTo("overallScore");
    }

    @Test
    void aBadEnumValueAndABrokenRuleAre400() {
        Http.Response type = http.post("/api/v1/loops", "{\"project\": \"p\", \"type\": \"novel\"}");
        assertThat(type.status()).isEqualTo(400);
        assertThat(type.message()).isEqualTo("invalid loop JSON: bad value for 'type': the string \"novel\" must be one of "
                + "plan, roadmap, spec, build_plan, build_code, analyst");

        Http.Response score = http.post("/api/v1/loops/" + loop() + "/feedback",
                "{\"criticAgent\": \"c\", \"overallScore\": 150, \"assessmentSummary\": \"s\"}");
        assertThat(score.status()).isEqualTo(400);
        assertThat(score.message()).isEqualTo("invalid feedback: overallScore = 150: must be between 0 and 100");
        assertThat(score.json().get("details").get("violations").get(0).get("field").asText()).isEqualTo("overallScore");

        Http.Response missing = http.post("/api/v1/loops/" + loop() + "/feedback",
                "{\"criticAgent\": \"c\", \"assessmentSummary\": \"s\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.message()).isEqualTo("invalid feedback: overallScore = (missing): is required");
    }

    @Test
    void queryParametersAreCheckedLikeFields() {
        Http.Response unknown = http.get("/api/v1/loops?projct=demo");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.message()).isEqualTo("invalid query: unknown query parameter \"projct\" "
                + "(known: limit, offset, project, status, type)");
        assertThat(http.get("/api/v1/loops?limit=many").message())
                .isEqualTo("invalid query: limit = 'many': must be a whole number from 1 to 1000");
        assertThat(http.get("/api/v1/loops?limit=0").message())
                .isEqualTo("invalid query: limit = '0': must be a whole number from 1 to 1000");
        assertThat(http.get("/api/v1/loops?offset=2147483648").message())
                .isEqualTo("invalid query: offset = '2147483648': must be a whole number from 0 to 2147483647");
        assertThat(http.get("/api/v1/loops?status=done").message()).startsWith("invalid status: status = 'done': must be one of ");
    }

    @Test
    void anUnknownRouteIs404Json() {
        Http.Response r = http.get("/api/v1/lops");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(r.code()).isEqualTo("route-not-found");
        assertThat(r.message()).isEqualTo("no route GET /api/v1/lops; the routes are listed in the README (HTTP server)");
    }

    @Test
    void aWrongMethodIs405WithAllow() {
        Http.Response r = http.delete("/api/v1/active-loops");
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.code()).isEqualTo("method-not-allowed");
        assertThat(r.header("Allow")).isEqualTo("GET, HEAD");
        assertThat(r.message()).isEqualTo("DELETE is not allowed on /api/v1/active-loops (allowed: GET, HEAD)");
    }

    @Test
    void aConflictIs409() {
        Http.Response r = http.post("/api/v1/loops/" + loop() + "/decide", null);
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.code()).isEqualTo("no-feedback");
    }

    @Test
    void aCompletedLoopAnswers409ToFeedbackAndDecide() {
        String id = http.post("/api/v1/loops", "{\"project\": \"errors\", \"type\": \"build_code\"}").json()
                .get("id").asText();
        http.post("/api/v1/loops/" + id + "/feedback", "{\"criticAgent\": \"c\", \"overallScore\": 96, "
                + "\"assessmentSummary\": \"s\"}");
        assertThat(http.post("/api/v1/loops/" + id + "/decide", null).json().get("status").asText()).isEqualTo("completed");

        Http.Response feedback = http.post("/api/v1/loops/" + id + "/feedback",
                "{\"criticAgent\": \"c\", \"overallScore\": 50, \"assessmentSummary\": \"s\"}");
        Http.Response decide = http.post("/api/v1/loops/" + id + "/decide", null);

        assertThat(feedback.status()).isEqualTo(409);
        assertThat(feedback.code()).isEqualTo("loop-completed");
        assertThat(feedback.message()).isEqualTo("loop '" + id + "' is completed (score 96 at iteration 1), so it takes "
                + "no more feedback");
        assertThat(decide.status()).isEqualTo(409);
        assertThat(decide.code()).isEqualTo("loop-completed");
        assertThat(decide.message()).isEqualTo("loop '" + id + "' is completed (score 96 at iteration 1), so it takes "
                + "no more decisions");
        assertThat(http.get("/api/v1/loops/" + id).json().get("currentScore").asInt()).isEqualTo(96);
    }

    @Test
    void aBodyOverTheLimitIs413WhetherItsLengthIsKnownOrNot() throws Exception {
        String big = "{\"project\": \"" + "x".repeat(2000) + "\", \"type\": \"spec\"}";
        Http.Response known = http.post("/api/v1/loops", big);
        assertThat(known.status()).isEqualTo(413);
        assertThat(known.code()).isEqualTo("payload-too-large");
        assertThat(known.message()).isEqualTo("the request body of " + big.length() + " bytes is larger than the limit "
                + "of 1024 bytes (STATEKEEPER_MAX_BODY_BYTES)");

        HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/loops"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes()))).build();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> unknown = client.send(chunked, HttpResponse.BodyHandlers.ofString());
            assertThat(unknown.statusCode()).isEqualTo(413);
            assertThat(unknown.body()).contains("\"message\":\"the request body is larger than the limit of 1024 bytes");
        }
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        Http.Response r = http.post("/api/v1/loops", "project=p", "Content-Type", "text/plain");
        assertThat(r.status()).isEqualTo(415);
        assertThat(r.message()).isEqualTo("the body must be JSON sent with 'Content-Type: application/json', not 'text/plain'");
    }

    @Test
    void ifMatchIsRefusedWhereNoVersionIsChecked() {
        Http.Response r = http.delete("/api/v1/loops/" + loop(), "If-Match", "\"1\"");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("bad-header");
        Http.Response malformed = http.post("/api/v1/loops/" + loop() + "/decide", null, "If-Match", "yesterday");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.message()).isEqualTo("bad If-Match header 'yesterday': must be \"*\" or entity tags such "
                + "as \"3\" (the record's version from its ETag, in double quotes)");
    }

    @Test
    void ifMatchIsTakenExactlyByTheRoutesThatDeclareIt() {
        String id = loop();
        // the routes declared with ifMatch(), in the order they are registered (loops, specs, projects)
        String refused = "bad If-Match header '\"1\"': this route does not take a version; If-Match is honoured by "
                + "POST /api/v1/loops/{id}/feedback, POST /api/v1/loops/{id}/decide, "
                + "PATCH /api/v1/projects/{project}/specs/{name}, PUT /api/v1/projects/{project}/roadmap, "
                + "PUT /api/v1/projects/{project}/plan";
        for (Http.Response r : List.of(http.get("/api/v1/loops/" + id, "If-Match", "\"1\""),
                http.put("/api/v1/loops/" + id + "/objective", "{\"text\": \"t\"}", "If-Match", "\"1\""),
                http.post("/api/v1/projects/if-match/specs", "{\"title\": \"Cache\"}", "If-Match", "\"1\""),
                http.get("/health/live", "If-Match", "\"1\""))) {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.message()).isEqualTo(refused);
        }
        assertThat(http.send("HEAD", "/api/v1/loops/" + id, null, "If-Match", "\"1\"").status()).isEqualTo(400);

        String feedback = "{\"criticAgent\": \"c\", \"overallScore\": 70, \"assessmentSummary\": \"s\"}";
        assertThat(http.post("/api/v1/loops/" + id + "/feedback", feedback, "If-Match", "*").status()).isEqualTo(201);
        assertThat(http.post("/api/v1/loops/" + id + "/decide", null, "If-Match", "*").status()).isEqualTo(200);
        String project = "/api/v1/projects/if-match";
        assertThat(http.post(project + "/specs", "{\"title\": \"Cache\"}").status()).isEqualTo(201);
        assertThat(http.patch(project + "/specs/cache", "{\"architecture\": \"LRU\"}", "If-Match", "*").status())
                .isEqualTo(200);
        assertThat(http.put(project + "/roadmap", "{\"title\": \"R\"}", "If-Match", "*").status()).isEqualTo(200);
        assertThat(http.put(project + "/plan", "{\"vision\": \"v\"}", "If-Match", "*").status()).isEqualTo(200);
    }

    @Test
    void aRouteThatTakesNoQueryParametersSaysSo() {
        Http.Response r = http.get("/api/v1/active-loops?limit=1");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.message()).isEqualTo("invalid query: unknown query parameter \"limit\" (known: none)");
        assertThat(http.get("/api/v1/projects/p/resolved-spec?name=x&status=draft").message())
                .isEqualTo("invalid query: unknown query parameter \"status\" (known: name)");
    }

    @Test
    void everyResponseCarriesARequestId() {
        assertThat(http.get("/api/v1/loops/nope", "X-Request-Id", "trace-42").header("X-Request-Id")).isEqualTo("trace-42");
        JsonNode body = http.get("/health/live").json();
        assertThat(body.get("status").asText()).isEqualTo("live");
        assertThat(http.get("/health/live", "X-Request-Id", "bad id with spaces").header("X-Request-Id")).matches("[0-9a-f]{16}");
    }
}
