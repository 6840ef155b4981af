package dev.statekeeper.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The idempotency keys of {@link Idempotency} and the first responses to replay, bounded by count and by bytes. Each
 * key keeps a digest of its request and, once done, the response with its body gzipped. When the bodies kept exceed
 * {@code maxBytes}, the oldest lose their body and keep only a note of the outcome (status, Location, ETag, size):
 * a retry with such a key is still never applied twice, but gets 409 {@code idempotency-response-dropped} naming
 * where to read the record, instead of the body. A body too large to keep (over a quarter of the budget) is noted
 * that way at once. Beyond {@code maxKeys} keys, or after {@code ttl}, the oldest keys are forgotten.
 */
final class ReplayCache {
    /** Bytes counted for a key besides its body: the key, digest, entry and map node. */
    static final int KEY_OVERHEAD = 160;

    /** What a key's request left: still running (no outcome), a response to replay, or a note without the body. */
    record Outcome(Idempotency.Response response, int bodyBytes, Instant at) {
        boolean dropped() {
            return response.body() == null;
        }
    }

    private record Entry(String fingerprint, Instant expires, Outcome outcome, int bytes) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Clock clock;
    private final Duration ttl;
    private final int maxKeys;
    private final long maxBytes;
    private long bytes;

    ReplayCache(Clock clock, Duration ttl, int maxKeys, long maxBytes) {
        this.clock = clock;
        this.ttl = ttl;
        this.maxKeys = maxKeys;
        this.maxBytes = maxBytes;
    }

    /** The key's earlier entry, or null after reserving the key for a request with this fingerprint. */
    synchronized Earlier begin(String key, String fingerprint) {
        expire(clock.instant());
        Entry entry = entries.get(key);
        if (entry != null) {
            return new Earlier(entry.fingerprint(), entry.outcome());
        }
        while (entries.size() >= maxKeys) {
            remove(entries.keySet().iterator().next());
        }
        put(key, new Entry(fingerprint, clock.instant().plus(ttl), null, keyBytes(key)));
        return null;
    }

    /** What was there before: the request's digest and its outcome (null while it runs). */
    record Earlier(String fingerprint, Outcome outcome) {
    }

    /** Keeps the response of the key's request, its body gzipped, then keeps the total within the budget. */
    synchronized void complete(String key, Idempotency.Response response) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return; // forgotten meanwhile (over the key limit): nothing to replay
        }
        byte[] gzipped = gzip(response.body());
        Idempotency.Response kept = gzipped.length > maxBytes / 4 ? response.withBody(null) : response.withBody(gzipped);
        Outcome outcome = new Outcome(kept, response.body().length, clock.instant());
        put(key, new Entry(entry.fingerprint(), entry.expires(), outcome,
                keyBytes(key) + (kept.body() == null ? 0 : gzipped.length)));
        for (Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator(); bytes > maxBytes && it.hasNext(); ) {
            Map.Entry<String, Entry> oldest = it.next();
            Entry e = oldest.getValue();
            if (e.outcome() != null && !e.outcome().dropped()) {
                Outcome note = new Outcome(e.outcome().response().withBody(null), e.outcome().bodyBytes(), e.outcome().at());
                bytes -= e.bytes() - keyBytes(oldest.getKey());
                oldest.setValue(new Entry(e.fingerprint(), e.expires(), note, keyBytes(oldest.getKey())));
            }
        }
    }

    /** Forgets the key (its request failed: nothing was applied, so a retry runs again). */
    synchronized void release(String key) {
        remove(key);
    }

    /** The body of a kept response, unzipped. */
    static byte[] body(Idempotency.Response response) {
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(response.body()))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("a kept response cannot be read back", e);
        }
    }

    /** The bytes counted now (bodies kept plus the keys' overhead), at most about {@code maxBytes}. */
    synchronized long bytes() {
        return bytes;
    }

    private void expire(Instant now) {
        for (Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Entry> oldest = it.next();
            if (oldest.getValue().expires().isAfter(now)) {
                break; // insertion order is expiry order
            }
            bytes -= oldest.getValue().bytes();
            it.remove();
        }
    }

    private void put(String key, Entry entry) {
        Entry old = entries.put(key, entry);
        bytes += entry.bytes() - (old == null ? 0 : old.bytes());
    }

    private void remove(String key) {
        Entry old = entries.remove(key);
        if (old != null) {
            bytes -= old.bytes();
        }
    }

    private static int keyBytes(String key) {
        return KEY_OVERHEAD + key.length() * 2;
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 4));
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
