package dev.statekeeper.jdbc.internal;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how long a transiently failed operation is tried again: at most {@code attempts} tries in all,
 * none started later than {@code maxTime} after the first, the n-th retry after a delay drawn at random between
 * half and all of {@code baseDelay × 2^(n-1)} (at most {@value #MAX_DELAY_MS} ms), so that clients that failed
 * together do not come back together.
 */
public record RetryPolicy(int attempts, Duration baseDelay, Duration maxTime) {
    static final long MAX_DELAY_MS = 5_000;

    /** No retry: every failure is reported at once. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

    public static RetryPolicy from(Settings settings) {
        return new RetryPolicy(settings.integer(Setting.RETRY_ATTEMPTS), settings.seconds(Setting.RETRY_BASE_DELAY),
                settings.seconds(Setting.RETRY_MAX_TIME));
    }

    /** The pause before retry number {@code retry} (1 for the first retry). */
    Duration delay(int retry) {
        long ceiling = Math.min(MAX_DELAY_MS, baseDelay.toMillis() << Math.min(retry - 1, 20));
        return ceiling <= 0 ? Duration.ZERO
                : Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }

    /** Whether another try may start, after {@code tries} tries that began {@code elapsed} ago. */
    boolean allows(int tries, Duration elapsed) {
        return tries < attempts && elapsed.compareTo(maxTime) <= 0;
    }
}
