package dev.statekeeper.core.events;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.Loop;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Waiting for a loop to reach a state, as {@code statekeeper loop wait}, {@code GET /api/v1/loops/{id}?wait=} and the
 * MCP tool {@code wait_for_loop} do: an agent blocks until a person answers its {@code user_input} checkpoint, or
 * until the loop moves past the version it last saw. It follows the store's {@link EventLog}, so a change committed
 * by any process ends the wait, and it reads the loop again only when one of the loop's own events came.
 */
public final class LoopWait {
    private LoopWait() {
    }

    /**
     * What a wait ended with.
     *
     * @param loop    the loop as it was when the wait ended
     * @param reached whether it reached the state waited for (false: the timeout passed first)
     */
    public record Result(Loop loop, boolean reached) {
    }

    /**
     * Waits until the loop is in a state the predicate accepts, or the timeout passes.
     *
     * @param store   the store
     * @param loopId  the loop
     * @param done    the state waited for
     * @param timeout how long to wait at most (zero reads the loop once)
     * @return the loop and whether it got there
     * @throws InterruptedException when the thread is interrupted while waiting
     * @throws dev.statekeeper.core.error.StatekeeperException LOOP_NOT_FOUND when there is no such loop, or it is
     *         deleted while waited for; the store's failure codes
     */
    public static Result until(StateStore store, String loopId, Predicate<Loop> done, Duration timeout)
            throws InterruptedException {
        Objects.requireNonNull(done, "done");
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        EventLog events = store.events();
        long seen = events.lastSequence();
        Loop loop = store.getLoop(loopId);
        EventQuery ofLoop = EventQuery.all().withEntity(EntityKind.LOOP, loopId).withLimit(1);
        while (!done.test(loop)) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return new Result(loop, false);
            }
            long last = events.awaitAfter(seen, Duration.ofNanos(remaining));
            if (last > seen) {
                boolean touched = !events.read(ofLoop.withAfter(seen)).events().isEmpty();
                seen = last;
                if (touched) {
                    loop = store.getLoop(loopId);
                }
            }
        }
        return new Result(loop, true);
    }

    /**
     * Waits until the loop's version is greater than the one given (a long poll: the caller saw that version).
     *
     * @see #until
     */
    public static Result pastVersion(StateStore store, String loopId, long version, Duration timeout)
            throws InterruptedException {
        return until(store, loopId, loop -> loop.version() > version, timeout);
    }
}
