package dev.statekeeper.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows down guessing the token: each client address may fail authentication {@link #LIMIT} times in a
 * {@link #WINDOW}; after that its requests get 429 with Retry-After until the window ends, whatever they send. Every
 * failure is logged at warn with the address and the reason, never the token (the lockout as one line, not a line
 * per refused request). At most {@link #ADDRESSES} addresses are remembered, the oldest forgotten first.
 */
final class AuthFailures {
    static final int LIMIT = 10;
    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int ADDRESSES = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(AuthFailures.class);

    private record Window(long start, int failures) {
    }

    private final Map<String, Window> windows = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
            return size() > ADDRESSES;
        }
    };
    private final Clock clock;

    AuthFailures(Clock clock) {
        this.clock = clock;
    }

    /** Refuses an address that is locked out, with 429 and how long it waits. */
    synchronized void checkNotLockedOut(String address) {
        Window w = current(address);
        if (w != null && w.failures() >= LIMIT) {
            long retryAfter = Math.max(1, (w.start() + WINDOW.toMillis() - clock.millis() + 999) / 1000);
            throw new HttpFailure(429, "too-many-auth-failures", LIMIT + " requests from " + address + " failed "
                    + "authentication within " + WINDOW.toSeconds() + " s; retry after " + retryAfter + " s with the "
                    + "right token", Map.of("retryAfter", retryAfter));
        }
    }

    /** Counts a failure of the address and logs it. */
    synchronized void failed(String address, String reason) {
        Window w = current(address);
        Window next = w == null ? new Window(clock.millis(), 1) : new Window(w.start(), w.failures() + 1);
        windows.put(address, next);
        LOG.warn("refused a request from {}: {} ({} failed in {} s{})", address, reason, next.failures(),
                WINDOW.toSeconds(), next.failures() == LIMIT ? "; further requests get 429 until the window ends" : "");
    }

    private Window current(String address) {
        Window w = windows.get(address);
        if (w != null && clock.millis() - w.start() >= WINDOW.toMillis()) {
            windows.remove(address);
            return null;
        }
        return w;
    }
}
