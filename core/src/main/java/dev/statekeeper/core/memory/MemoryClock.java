package dev.statekeeper.core.memory;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Instants at the precision every backend keeps (microseconds). */
record MemoryClock(Clock clock) {
    Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
