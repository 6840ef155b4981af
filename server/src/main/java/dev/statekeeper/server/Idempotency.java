package dev.statekeeper.server;

import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
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
 * <p>The keys live in this process's memory, at most {@code capacity} of them for {@code ttl} each: enough for
 * one server. Several server processes behind one address would need the keys in the database instead,
 * written in the transaction of the write they guard.
 */
final class Idempotency {
    static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final String[] REPLAYED_HEADERS = {"Location", "ETag"};

    record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
    }

    private record Entry(String fingerprint, Instant expires, Response response) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Clock clock;
    private final Duration ttl;
    private final int capacity;

    Idempotency(Clock clock, Duration ttl, int capacity) {
        this.clock = clock;
        this.ttl = ttl;
        this.capacity = capacity;
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
            Response earlier = begin(key, fingerprint(ctx));
            if (earlier != null) {
                replay(ctx, earlier);
                return;
            }
            boolean kept = false;
            try {
                write.handle(ctx);
                if (ctx.statusCode() >= 200 && ctx.statusCode() < 300) {
                    complete(key, capture(ctx));
                    kept = true;
                }
            } finally {
                if (!kept) {
                    release(key);
                }
            }
        };
    }

    private synchronized Response begin(String key, String fingerprint) {
        Instant now = clock.instant();
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
            if (!it.next().expires().isAfter(now)) {
                it.remove();
            } else {
                break; // insertion order is expiry order
            }
        }
        Entry entry = entries.get(key);
        if (entry == null) {
            if (entries.size() >= capacity) {
                entries.remove(entries.keySet().iterator().next());
            }
            entries.put(key, new Entry(fingerprint, now.plus(ttl), null));
            return null;
        }
        if (!entry.fingerprint().equals(fingerprint)) {
            throw new HttpFailure(422, "idempotency-key-reused", "Idempotency-Key '" + key + "' was already used "
                    + "for a different request (another method, path or body); use a new key for a new request",
                    Map.of("key", key));
        }
        if (entry.response() == null) {
            throw new HttpFailure(409, "idempotency-key-in-progress", "a request with Idempotency-Key '" + key
                    + "' is still being processed; retry when it has finished", Map.of("key", key));
        }
        return entry.response();
    }

    private synchronized void complete(String key, Response response) {
        Entry entry = entries.get(key);
        entries.put(key, new Entry(entry == null ? "" : entry.fingerprint(),
                entry == null ? clock.instant().plus(ttl) : entry.expires(), response));
    }

    private synchronized void release(String key) {
        entries.remove(key);
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

    private static void replay(Context ctx, Response response) {
        response.headers().forEach(ctx::header);
        ctx.header("Idempotent-Replayed", "true").status(response.status());
        if (response.contentType() != null) {
            ctx.contentType(response.contentType());
        }
        ctx.result(response.body());
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
