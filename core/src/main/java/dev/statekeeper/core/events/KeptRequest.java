package dev.statekeeper.core.events;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A write made with an Idempotency-Key, as {@link RequestKeys} keeps it.
 *
 * @param key         the key
 * @param fingerprint the fingerprint of the request that wrote (see {@link Origin#requestFingerprint()})
 * @param at          when the write committed
 * @param response    the response it was answered with, or null when none was kept (the server stopped before it
 *                    answered)
 */
public record KeptRequest(String key, String fingerprint, Instant at, Response response) {
    /** Checks the parts. */
    public KeptRequest {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(at, "at");
    }

    /**
     * A kept response.
     *
     * @param status      the HTTP status
     * @param contentType its content type, or null
     * @param headers     the headers a replay repeats (Location, ETag), in order
     * @param body        the body, or null when it was too large to keep
     * @param bodyBytes   the size of the body that was sent
     */
    public record Response(int status, String contentType, Map<String, String> headers, byte[] body, int bodyBytes) {
        /** Copies the headers. */
        public Response {
            headers = headers == null || headers.isEmpty() ? Map.of()
                    : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        }
    }
}
