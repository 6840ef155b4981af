package dev.statekeeper.server;

import dev.statekeeper.core.error.ErrorCode;
import org.eclipse.jetty.http.HttpStatus;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A kind of error the API answers with, as an RFC 9457 problem type: its code, its HTTP status, a title (the code's
 * cause) and a fix (the one the CLI prints for a store failure). Every {@link ErrorCode} is one, and so is each
 * failure of the HTTP layer ({@link HttpFailure}, Javalin's and Jetty's own). Its {@link #uri() type URI} is the
 * relative reference {@code /problems/CODE}, which resolves against the server that answered: {@code GET
 * /problems/CODE} describes it (as {@code GET /problems} lists them all), so the URI is stable per code and
 * resolvable wherever the server runs, with no domain of ours to keep up.
 */
record ProblemType(String code, int status, String title, String fix) {
    /** Where problem types are described, and the prefix of their URIs. */
    static final String PATH = "/problems";

    private static final Map<String, ProblemType> ALL = all();

    /** The type's URI: {@code /problems/CODE}. */
    String uri() {
        return PATH + "/" + code;
    }

    /** The type of a code, or null for one that is not listed (a bare HTTP status, {@code http-NNN}). */
    static ProblemType of(String code) {
        return ALL.get(code);
    }

    /** Every type: the store's codes, then the HTTP layer's. */
    static Collection<ProblemType> list() {
        return ALL.values();
    }

    /** The title of a status that has no listed type: its reason phrase, as RFC 9457 asks of {@code about:blank}. */
    static String reason(int status) {
        return HttpStatus.getMessage(status);
    }

    private static Map<String, ProblemType> all() {
        Map<String, ProblemType> all = new LinkedHashMap<>();
        for (ErrorCode code : ErrorCode.values()) {
            add(all, code.wire(), ErrorResponses.status(code), code.cause(), code.fix());
        }
        add(all, "bad-request", 400, "the request is malformed (its path's percent-encoding, or a header)",
                "percent-encode the path as UTF-8 without control characters and send well-formed headers");
        add(all, "bad-header", 400, "a request header has a value the server cannot use",
                "correct the named header, or leave it out where it is optional");
        add(all, "unauthorized", 401, "the request does not carry the server's bearer token",
                "send 'Authorization: Bearer TOKEN' with the server's STATEKEEPER_API_TOKEN");
        add(all, "forbidden", 403, "without STATEKEEPER_API_TOKEN the server answers local programs only",
                "call it from this machine through localhost, 127.0.0.1 or [::1] without an Origin header, or set "
                        + "STATEKEEPER_API_TOKEN and send it");
        add(all, "route-not-found", 404, "no route has that method and path",
                "GET /openapi.json lists every route; the README (HTTP server) describes them");
        add(all, "problem-type-not-found", 404, "no problem type has that code", "GET /problems lists them all");
        add(all, "method-not-allowed", 405, "the path has no route for that method",
                "use one of the methods the Allow header lists");
        add(all, "idempotency-key-in-progress", 409, "a request with the same Idempotency-Key is still being processed",
                "retry when it has finished");
        add(all, "idempotency-response-dropped", 409, "the request with that Idempotency-Key was applied, but its "
                + "response was not kept (too large for STATEKEEPER_IDEMPOTENCY_MAX_BYTES, or its server stopped first)",
                "read the record instead of repeating the write");
        add(all, "payload-too-large", 413, "the request body is larger than the server takes",
                "send a smaller body, or raise STATEKEEPER_MAX_BODY_BYTES on the server");
        add(all, "unsupported-media-type", 415, "the request body is not plain JSON",
                "send the body uncompressed with 'Content-Type: application/json'");
        add(all, "idempotency-key-reused", 422, "the Idempotency-Key was already used for a different request",
                "use a new key for a new request");
        add(all, "too-many-auth-failures", 429, "too many requests from the address failed authentication",
                "wait for the seconds Retry-After gives and send the right token");
        add(all, "too-many-waits", 503, "too many event streams or long polls are open on the server",
                "retry after the seconds Retry-After gives, or close a stream that is not read");
        add(all, "server-stopping", 503, "the server is stopping", "retry once it is back");
        return Collections.unmodifiableMap(all);
    }

    private static void add(Map<String, ProblemType> all, String code, int status, String title, String fix) {
        all.put(code, new ProblemType(code, status, title, fix));
    }
}
