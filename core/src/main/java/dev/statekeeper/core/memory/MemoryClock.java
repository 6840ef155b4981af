package dev.statekeeper.core.memory;

import dev.statekeeper.core.domain.Timestamps;

import java.time.Clock;
import java.time.Instant;

/** Instants at the precision every backend keeps (microseconds). */
record MemoryClock(Clock clock) {
    Instant now() {
        return Timestamps.now(clock);
    }
}
