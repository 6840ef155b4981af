package dev.statekeeper.core.internal.memory;

import dev.statekeeper.core.internal.domain.Timestamps;

import java.time.Clock;
import java.time.Instant;

/** Instants at the precision every backend keeps (microseconds). */
record MemoryClock(Clock clock) {
    Instant now() {
        return Timestamps.now(clock);
    }
}
