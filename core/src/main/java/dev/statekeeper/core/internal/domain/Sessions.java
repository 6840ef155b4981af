package dev.statekeeper.core.internal.domain;

import dev.statekeeper.core.domain.Session;
import dev.statekeeper.core.domain.SessionStatus;
import java.time.Instant;

/** Session rules: which ended sessions a clean removes. Ages and cutoffs are {@link Retention}'s. */
public final class Sessions {
    private Sessions() {
    }

    /** An ended session last touched strictly before the cutoff. */
    public static boolean cleanable(Session s, Instant cutoff) {
        return s.status() == SessionStatus.ENDED && s.updatedAt().isBefore(cutoff);
    }
}
