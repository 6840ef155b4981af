package dev.statekeeper.server;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.testkit.Archives;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Hostile requests to the JSON API on the real server: each gets a small JSON error with the right status, code and
 * exact message (values quoted safely and cut short), the server goes on serving, and nothing stored changes.
 */
class ApiHostileTest {
    /** Stands for the id of the test's loop in a path. */
    private static final String LOOP = "{loop}";

    @TempDir
    static Path dir;
    static StateStore store;
    static StatekeeperServer server;
    static Http http;
    static Loop loop;

    @BeforeAll
    static void start() {
        store = Stores.sqlite(dir);
        loop = store.createLoop(NewLoop.of("hostile", LoopType.SPEC));
        server = StatekeeperServer.create(store, Stores.server(Setting.MAX_BODY_BYTES, "65536"));
        http = new Http(server.start());
    }

    @AfterAll
    static void stop() {
        server.stop();
        store.close();
    }

    static Stream<Arguments> refused() {
        String feedback = "/api/v1/loops/" + LOOP + "/feedback";
        String score = "{\"criticAgent\": \"c\", \"overallScore\": 70, \"assessmentSummary\": \"s\"}";
        return Stream.of(
                request("HEAD", "/api/v1/loops/nope1234", null, List.of(), 404, null, null),
                request("GET", "/api/v1/loops/%zz", null, List.of(), 400, "bad-request", "the request is malformed "
                        + "(Bad Request): check that its path is percent-encoded UTF-8 without control characters, and its "
                        + "headers are well-formed"),
                request("GET", "/api/v1/loops/%00", null, List.of(), 400, "bad-request", "the request is malformed "
                        + "(Bad Request): check that its path is percent-encoded UTF-8 without control characters, and its "
                        + "headers are well-formed"),
                request("GET", "/api/v1/loops/%c0%af", null, List.of(), 400, "bad-request", "the request is malformed "
                        + "(Bad UTF-8 encoding): check that its path is percent-encoded UTF-8 without control characters, "
                        + "and its headers are well-formed"),
                request("GET", "/api/v1/loops/%ff", null, List.of(), 400, "bad-request", "the request is malformed "
                        + "(Bad UTF-8 encoding): check that its path is percent-encoded UTF-8 without control characters, "
                        + "and its headers are well-formed"),
                request("GET", "/api/v1/loops/%1b%5b2J", null, List.of(), 404, "loop-not-found",
                        "loop '\u001b[2J' not found"),
                request("POST", feedback, score, List.of("If-Match", "\"1"), 400, "bad-header", "bad If-Match header "
                        + "'\"1': must be \"*\" or entity tags such as \"3\" (the record's version from its ETag, in double quotes)"),
                request("POST", feedback, score, List.of("If-Match", "4\""), 400, "bad-header", "bad If-Match header "
                        + "'4\"': must be \"*\" or entity tags such as \"3\" (the record's version from its ETag, in double quotes)"),
                request("POST", feedback, score, List.of("If-Match", "1"), 400, "bad-header", "bad If-Match header "
                        + "'1': must be \"*\" or entity tags such as \"3\" (the record's version from its ETag, in double quotes)"),
                request("POST", feedback, score, List.of("If-Match", "\"1\" \"2\""), 400, "bad-header", "bad If-Match "
                        + "header '\"1\" \"2\"': entity tags must be separated by commas"),
                request("POST", feedback, score, List.of("If-Match", "\"1\", \"2\""), 400, "bad-header", "bad If-Match "
                        + "header '\"1\", \"2\"': names several versions; send the one ETag of your read"),
                request("POST", feedback, score, List.of("If-Match", "W/\"1\""), 412, "stale-version", "If-Match "
                        + "\"W/\\\"1\\\"\" cannot match: a weak tag (W/) never matches a write's strong comparison; send "
                        + "the ETag of a read, such as \"3\", unchanged"),
                request("POST", feedback, score, List.of("If-Match", "\"abc\""), 412, "stale-version", "If-Match "
                        + "\"\\\"abc\\\"\" cannot match: no tag in it is a version this API gives; send the ETag of a "
                        + "read, such as \"3\", unchanged"),
                request("POST", feedback, score, List.of("If-Match", "\"99\""), 412, "stale-version", null),
                request("POST", "/api/v1/loops", gzip("{\"project\": \"p\", \"type\": \"spec\"}"),
                        List.of("Content-Encoding", "gzip"), 415, "unsupported-media-type", "the body must not be "
                                + "encoded (Content-Encoding \"gzip\"): send it as plain JSON"),
                request("POST", "/api/v1/loops", "{\"project\": \"p\", \"type\": \"spec\"}", List.of("Content-Type",
                        "text/plain"), 415, "unsupported-media-type", "the body must be JSON sent with 'Content-Type: "
                                + "application/json', not 'text/plain'"),
                request("POST", "/api/v1/loops", "{\"project\": \"Sur\\ud800x\", \"type\": \"spec\"}", List.of(), 400,
                        "validation-failed", "invalid loop JSON: bad value in 'project': \"Sur\\ud800x\" holds a lone "
                                + "surrogate (\\ud800) at character 3: text must be valid Unicode"),
                request("POST", "/api/v1/loops", "{\"project\": \"a\\u0000b\", \"type\": \"spec\"}", List.of(), 400,
                        "validation-failed", "invalid loop JSON: bad value in 'project': \"a\\u0000b\" holds the NUL "
                                + "character (\\u0000), which no backend can store"),
                request("POST", "/api/v1/loops", concat("{\"project\": \"over", new byte[]{(byte) 0xC0, (byte) 0xAF},
                        "long\", \"type\": \"spec\"}"), List.of(), 400, "validation-failed", "invalid loop JSON: not "
                        + "valid UTF-8: byte 0xC0 at offset 17 does not start or continue a well-formed character"),
                request("POST", "/api/v1/loops", "{\"project\": " + "[".repeat(1000) + "]".repeat(1000) + "}", List.of(),
                        400, "validation-failed", "invalid loop JSON: malformed JSON: nested deeper than 64 levels"),
                request("POST", feedback, "{\"criticAgent\": \"c\", \"overallScore\": NaN, \"assessmentSummary\": \"s\"}",
                        List.of(), 400, "validation-failed", "invalid feedback JSON: malformed JSON at line 1, column 41: "
                                + "Non-standard token 'NaN'"),
                request("POST", feedback, "{\"criticAgent\": \"c\", \"overallScore\": 1e999, \"assessmentSummary\": \"s\"}",
                        List.of(), 400, "validation-failed", "invalid feedback JSON: bad value in 'overallScore': the "
                                + "number is too large (beyond 1.7976931348623157E308)"),
                request("POST", feedback, "{\"criticAgent\": \"c\", \"overallScore\": \"" + "9".repeat(900_000) + "\"}",
                        List.of(), 413, "payload-too-large", "the request body of 900040 bytes is larger than the limit "
                                + "of 65536 bytes (STATEKEEPER_MAX_BODY_BYTES)"),
                request("POST", feedback, "{\"criticAgent\": \"c\", \"overallScore\": \"" + "9".repeat(60_000) + "\"}",
                        List.of(), 400, "validation-failed", "invalid feedback JSON: wrong type for 'overallScore': "
                                + "expected a whole number, got the string \"" + "9".repeat(80) + "\"... (60000 characters)"),
                request("POST", "/api/v1/loops", "{\"project\": \"p\", \"project\": \"q\", \"type\": \"spec\"}", List.of(),
                        400, "validation-failed", "invalid loop JSON: malformed JSON at line 1, column 27: Duplicate field "
                                + "'project'"),
                request("POST", "/api/v1/loops", "", List.of(), 400, "validation-failed",
                        "invalid loop JSON: the body is empty; expected a JSON object"),
                request("POST", "/api/v1/loops", "null", List.of(), 400, "validation-failed",
                        "invalid loop JSON: expected a JSON object, got null"),
                request("POST", "/api/v1/loops", "[{\"project\": \"p\"}]", List.of(), 400, "validation-failed",
                        "invalid loop JSON: expected a JSON object, got an array"),
                request("POST", "/api/v1/loops", "{\"project\": \"p\", \"type\": \"spec\", \"" + "k".repeat(5000)
                        + "\": 1}", List.of(), 400, "validation-failed", "invalid loop JSON: unknown field '" + "k".repeat(77)
                        + "...' (known fields: id, project, type)"),
                request("GET", "/api/v1/loops?offset=2147483648", null, List.of(), 400, "validation-failed",
                        "invalid query: offset = '2147483648': must be a whole number from 0 to 2147483647"),
                request("GET", "/api/v1/loops?limit=-1", null, List.of(), 400, "validation-failed",
                        "invalid query: limit = '-1': must be a whole number from 1 to 1000"),
                request("GET", "/api/v1/loops?foo=1", null, List.of(), 400, "validation-failed",
                        "invalid query: unknown query parameter \"foo\" (known: limit, offset, project, status, type)"),
                request("GET", "/api/v1/loops?%1b%5b2J=1", null, List.of(), 400, "validation-failed",
                        "invalid query: unknown query parameter \"\\u001b[2J\" (known: limit, offset, project, status, type)"),
                request("GET", "/api/v1/loops?limit=1&limit=2", null, List.of(), 400, "validation-failed",
                        "invalid query: limit = '1,2': must be given once"),
                request("POST", "/api/v1/loops", "{\"project\": \"p\", \"type\": \"spec\"}", List.of("Idempotency-Key",
                        "a key"), 400, "bad-header", "bad Idempotency-Key header 'a key': must be 1-255 visible ASCII "
                        + "characters, such as a UUID"),
                request("DELETE", "/api/v1/loops/" + LOOP, null, List.of("If-Match", "\"1\""), 400, "bad-header", null),
                request("PUT", "/api/v1/loops", "{}", List.of(), 405, "method-not-allowed",
                        "PUT is not allowed on /api/v1/loops (allowed: GET, POST, HEAD)"));
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @MethodSource("refused")
    void isRefusedWithASmallJsonError(String method, String shown, String path, byte[] body, List<String> headers,
                                      int status, String code, String message) throws java.io.IOException {
        byte[] before = Archives.export(store);

        String target = path.replace(LOOP, loop.id());
        Http.Response refused = target.matches(".*%(?![0-9a-fA-F]{2}).*|.*%[01][0-9a-fA-F].*|.*%[c-fC-F][0-9a-fA-F].*")
                ? Http.rawGet(server.port(), target) // a path java.net.URI will not send
                : http.sendBytes(method, target, body == null ? new byte[0] : body, headers.toArray(String[]::new));

        assertThat(refused.status()).as(refused.text()).isEqualTo(status);
        if (code != null) {
            assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(refused.text()).as("small").hasSizeLessThan(2_000);
            assertThat(refused.code()).isEqualTo(code);
        }
        if (message != null) {
            assertThat(refused.message()).isEqualTo(message);
        }
        assertThat(http.get("/health/live").status()).as("the server goes on").isEqualTo(200);
        assertThat(Archives.export(store)).as("nothing stored changed").isEqualTo(before);
    }

    private static Arguments request(String method, String path, Object body, List<String> headers, int status,
                                     String code, String message) {
        byte[] bytes = body == null ? null : body instanceof byte[] b ? b : body.toString().getBytes(StandardCharsets.UTF_8);
        String shown = path.length() > 60 ? path.substring(0, 60) : path;
        return arguments(method, shown + " " + headers, path, bytes, headers, status, code, message);
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] concat(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            out.writeBytes(part instanceof byte[] b ? b : part.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
