package dev.statekeeper.server;

import dev.statekeeper.core.internal.json.JsonProblem;

import java.util.Map;

/**
 * A failure of the HTTP layer itself, before or around the store: no such route, wrong method, missing
 * token, oversized or non-JSON body, a reused idempotency key. Store failures stay
 * {@link dev.statekeeper.core.error.StatekeeperException}s; both become the same {@link ApiError} body.
 */
final class HttpFailure extends RuntimeException {
    private final int status;
    private final String code;
    private final transient Map<String, Object> details;

    HttpFailure(int status, String code, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = Map.copyOf(details);
    }

    HttpFailure(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    Map<String, Object> details() {
        return details;
    }

    /** The Retry-After header a refusal that passes with time carries (429, 503), or null. */
    String retryAfter() {
        Object seconds = details.get("retryAfter");
        return seconds == null ? null : seconds.toString();
    }

    static HttpFailure unauthorized(String message) {
        return new HttpFailure(401, "unauthorized", message);
    }

    static HttpFailure tooLarge(long size, int limit) {
        return new HttpFailure(413, "payload-too-large", "the request body " + (size < 0 ? "" : "of " + size + " bytes ")
                + "is larger than the limit of " + limit + " bytes (STATEKEEPER_MAX_BODY_BYTES)",
                Map.of("limit", limit));
    }

    static HttpFailure badHeader(String header, String value, String rule) {
        String shown = value.length() > 80 ? value.substring(0, 77) + "..." : value;
        return new HttpFailure(400, "bad-header", "bad " + header + " header '" + JsonProblem.printable(shown) + "': " + rule,
                Map.of("header", header));
    }
}
