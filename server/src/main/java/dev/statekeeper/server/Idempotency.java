package dev.statekeeper.server;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.events.KeptRequest;
import dev.statekeeper.core.events.Origin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Idempotent writes: a write sent with an {@code Idempotency-Key} header is applied once. A retry with the same
 * key and the same request (method, path, query and body) gets the first response again, marked
 * {@code Idempotent-Replayed: true}; the same key on a different request is refused with 422, and a retry while
 * the first is still running with 409. Only successful (2xx) responses are kept: a failed write applied
 * nothing, so its retry runs again.
 *
 * <p>The keys live in the store ({@link StateStore#requestKeys()}): the write runs under an {@link Origin} carrying
 * the key and the request's fingerprint, and the store keeps the key in the write's own transaction, so every server
 * on one database answers a retry the same way, and a restarted one too. The response is kept after the write, when
 * its body is at most {@code maxBytes} (STATEKEEPER_IDEMPOTENCY_MAX_BYTES); a retry of a write whose response was not
 * kept (too large, or the server stopped before keeping it) gets 409 {@code idempotency-response-dropped} naming when
 * it was applied and where to read the record, and is still never applied twice. Two requests with one key on this
 * server are told apart before the store by an in-process claim (the second gets 409 in progress); on two servers,
 * the store refuses the second write (REQUEST_KEY_IN_USE), which is then answered from what the first kept.
 * A write route that changes nothing in the store keeps no key: its retry runs again, harmlessly.
 */
final class Idempotency {
    private static final Logger LOG = LoggerFactory.getLogger(Idempotency.class);
    static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final String[] REPLAYED_HEADERS = {"Location", "ETag"};

    private final StateStore store;
    private final long maxBytes;
    /** The keys of the requests running on this server now. */
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    /**
     * @param store    where the keys and responses are kept
     * @param maxBytes the largest response body kept for a replay
     */
    Idempotency(StateStore store, long maxBytes) {
        this.store = store;
        this.maxBytes = maxBytes;
    }

    /**
     * The write handler, made idempotent for requests that carry the header; it runs under the {@link Origin} open on
     * the thread, with the key added.
     */
    @SuppressWarnings("try") // the scope is opened for its effect on the thread
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
            if (!running.add(key)) {
                throw inProgress(key);
            }
            try {
                Optional<KeptRequest> earlier = store.requestKeys().find(key);
                if (earlier.isPresent()) {
                    replay(ctx, key, fingerprint, earlier.get());
                    return;
                }
                try (Origin.Scope scope = Origin.current().withRequestKey(key, fingerprint).open()) {
                    write.handle(ctx);
                } catch (StatekeeperException e) {
                    if (e.code() != ErrorCode.REQUEST_KEY_IN_USE) {
                        throw e;
                    }
                    // another server committed a write with this key meanwhile: answer as it did
                    KeptRequest other = store.requestKeys().find(key).orElseThrow(() -> inProgress(key));
                    if (other.fingerprint().equals(fingerprint) && other.response() == null) {
                        throw inProgress(key);
                    }
                    replay(ctx, key, fingerprint, other);
                    return;
                }
                if (ctx.statusCode() >= 200 && ctx.statusCode() < 300) {
                    KeptRequest.Response response = capture(ctx, maxBytes);
                    try {
                        store.requestKeys().keepResponse(key, response);
                    } catch (StatekeeperException e) {
                        // the write committed and is answered; its retry gets 409 response-dropped, never a second write
                        LOG.warn("the response to Idempotency-Key '{}' was not kept: {}", key, e.getMessage());
                    }
                }
            } finally {
                running.remove(key);
            }
        };
    }

    private static HttpFailure inProgress(String key) {
        return new HttpFailure(409, "idempotency-key-in-progress", "a request with Idempotency-Key '" + key
                + "' is still being processed; retry when it has finished", Map.of("key", key));
    }

    private static void replay(Context ctx, String key, String fingerprint, KeptRequest earlier) {
        if (!earlier.fingerprint().equals(fingerprint)) {
            throw new HttpFailure(422, "idempotency-key-reused", "Idempotency-Key '" + key + "' was already used "
                    + "for a different request (another method, path or body); use a new key for a new request",
                    Map.of("key", key));
        }
        KeptRequest.Response response = earlier.response();
        if (response == null) {
            throw new HttpFailure(409, "idempotency-response-dropped", "the request with Idempotency-Key '" + key
                    + "' was applied at " + earlier.at() + ", but its response was not kept (the server that "
                    + "answered it stopped first, or is still answering), so read the record instead of repeating "
                    + "the write", Map.of("key", key));
        }
        response.headers().forEach(ctx::header);
        if (response.body() == null) {
            String location = response.headers().get("Location");
            throw new HttpFailure(409, "idempotency-response-dropped", "the request with Idempotency-Key '" + key
                    + "' was applied at " + earlier.at() + " (status " + response.status() + "); its response of "
                    + response.bodyBytes() + " bytes was not kept (STATEKEEPER_IDEMPOTENCY_MAX_BYTES), so read the "
                    + "record"
                    + (location == null ? "" : " at " + location) + " instead of repeating the write",
                    Map.of("key", key, "status", response.status()));
        }
        ctx.header("Idempotent-Replayed", "true").status(response.status());
        if (response.contentType() != null) {
            ctx.contentType(response.contentType());
        }
        ctx.result(response.body());
    }

    /** The response as sent: its body only when it is at most {@code maxBytes}. */
    private static KeptRequest.Response capture(Context ctx, long maxBytes) throws java.io.IOException {
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
        return new KeptRequest.Response(ctx.statusCode(), ctx.res().getContentType(), headers,
                body.length > maxBytes ? null : body, body.length);
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
