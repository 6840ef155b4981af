package dev.statekeeper.core.internal.domain;

import dev.statekeeper.core.domain.Session;
import dev.statekeeper.core.domain.SessionStatus;
import java.time.Instant;

/** Session rules: which ended sessions a clean removes. Ages and cutoffs are {@link Retention}'s. */
public final class Sessions {
    private Sessions() {
    }

    /**
     * Whether a clean removes the session: ended, and last touched strictly before the cutoff.
     *
     * @param s      the session
     * @param cutoff the instant from {@link Retention#cutoff}
     * @return true when a clean removes it
     */
    public static boolean cleanable(Session s, Instant cutoff) {
        return s.status() == SessionStatus.ENDED && s.updatedAt().isBefore(cutoff);
    }
}
