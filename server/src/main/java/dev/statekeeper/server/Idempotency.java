package dev.statekeeper.server;

import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Idempotent writes: a write sent with an {@code Idempotency-Key} header is applied once. A retry with the same
 * key and the same request (method, path, query and body) gets the first response again, marked
 * {@code Idempotent-Replayed: true}; the same key on a different request is refused with 422, and a retry while
 * the first is still running with 409. Only successful (2xx) responses are kept: a failed write applied
 * nothing, so its retry runs again.
 *
 * <p>The keys live in this process's memory ({@link ReplayCache}): at most {@code maxKeys} of them for {@code ttl}
 * each, their responses gzipped within {@code maxBytes}. When a response had to be dropped to stay within that, a
 * retry gets 409 {@code idempotency-response-dropped} (the write is still not applied twice). Several server
 * processes behind one address would need the keys in the database instead, written in the transaction of the
 * write they guard.
 */
final class Idempotency {
    static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final String[] REPLAYED_HEADERS = {"Location", "ETag"};

    /** A response as sent: status, type, body (gzipped once kept; null when dropped) and the headers replayed. */
    record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
        Response withBody(byte[] other) {
            return new Response(status, contentType, other, headers);
        }
    }

    private final ReplayCache cache;

    Idempotency(Clock clock, Duration ttl, int maxKeys, long maxBytes) {
        this.cache = new ReplayCache(clock, ttl, maxKeys, maxBytes);
    }

    /** The write handler, made idempotent for requests that carry the header. */
    Handler wrap(Handler write) {
        return ctx -> {
            String key = ctx.header(HEADER);
            if (key == null) {
                write.handle(ctx);
                return;
            }
            if (!KEY.matcher(key).matches()) {
                throw HttpFailure.badHeader(HEADER, key, "must be 1-255 visible ASCII characters, such as a UUID");
            }
            String fingerprint = fingerprint(ctx);
            ReplayCache.Earlier earlier = cache.begin(key, fingerprint);
            if (earlier != null) {
                replay(ctx, key, fingerprint, earlier);
                return;
            }
            boolean kept = false;
            try {
                write.handle(ctx);
                if (ctx.statusCode() >= 200 && ctx.statusCode() < 300) {
                    cache.complete(key, capture(ctx));
                    kept = true;
                }
            } finally {
                if (!kept) {
                    cache.release(key);
                }
            }
        };
    }

    /** Bytes the kept keys and responses take now (for tests). */
    long bytesKept() {
        return cache.bytes();
    }

    private static void replay(Context ctx, String key, String fingerprint, ReplayCache.Earlier earlier) {
        if (!earlier.fingerprint().equals(fingerprint)) {
            throw new HttpFailure(422, "idempotency-key-reused", "Idempotency-Key '" + key + "' was already used "
                    + "for a different request (another method, path or body); use a new key for a new request",
                    Map.of("key", key));
        }
        ReplayCache.Outcome outcome = earlier.outcome();
        if (outcome == null) {
            throw new HttpFailure(409, "idempotency-key-in-progress", "a request with Idempotency-Key '" + key
                    + "' is still being processed; retry when it has finished", Map.of("key", key));
        }
        Response response = outcome.response();
        response.headers().forEach(ctx::header);
        if (outcome.dropped()) {
            String location = response.headers().get("Location");
            throw new HttpFailure(409, "idempotency-response-dropped", "the request with Idempotency-Key '" + key
                    + "' was applied at " + outcome.at() + " (status " + response.status() + "); its response of "
                    + outcome.bodyBytes() + " bytes was not kept (STATEKEEPER_IDEMPOTENCY_MAX_BYTES), so read the record"
                    + (location == null ? "" : " at " + location) + " instead of repeating the write",
                    Map.of("key", key, "status", response.status()));
        }
        ctx.header("Idempotent-Replayed", "true").status(response.status());
        if (response.contentType() != null) {
            ctx.contentType(response.contentType());
        }
        ctx.result(ReplayCache.body(response));
    }

    private static Response capture(Context ctx) throws java.io.IOException {
        var stream = ctx.resultInputStream();
        byte[] body = stream == null ? new byte[0] : stream.readAllBytes();
        ctx.result(body);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : REPLAYED_HEADERS) {
            String value = ctx.res().getHeader(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        return new Response(ctx.statusCode(), ctx.res().getContentType(), body, headers);
    }

    private static String fingerprint(Context ctx) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String query = ctx.queryString();
            sha.update((ctx.method() + " " + ctx.path() + "?" + (query == null ? "" : query) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            sha.update(ctx.bodyAsBytes());
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
