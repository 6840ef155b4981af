package dev.statekeeper.doctor;

import dev.statekeeper.core.error.StatekeeperException;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs each piece of the doctor's work on a daemon thread of its own and waits at most its timeout: what throws
 * or runs over becomes a {@link Failure} with the reason. A thread that runs over is interrupted (and the backend
 * asked to stop its handle); when it still has not ended after {@link #GRACE}, it keeps the doctor's connection,
 * and {@link #stuck()} names it so that later checks are skipped rather than queued behind it.
 */
final class CheckRunner {
    static final Duration GRACE = Duration.ofSeconds(2);

    /** Why work did not give a value: it threw, or it ran longer than its time. */
    record Failure(String message, boolean timedOut) {
    }

    /** The value, or the failure. */
    record Outcome<T>(T value, Failure failure) {
    }

    private String stuck;

    /** The id of work that ran over and has not ended since, or null. */
    String stuck() {
        return stuck;
    }

    <T> Outcome<T> call(String id, Callable<T> work, Duration timeout, Runnable stop) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = Thread.ofPlatform().daemon().name("statekeeper-doctor-" + id).start(task);
        try {
            return new Outcome<>(task.get(timeout.toNanos(), TimeUnit.NANOSECONDS), null);
        } catch (ExecutionException e) {
            return new Outcome<>(null, new Failure(reason(e.getCause()), false));
        } catch (TimeoutException e) {
            stop(thread, stop, id);
            return new Outcome<>(null, new Failure("did not finish within " + seconds(timeout)
                    + " s (STATEKEEPER_DOCTOR_CHECK_TIMEOUT or what was left of STATEKEEPER_DOCTOR_BUDGET) and was "
                    + "stopped", true));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(thread, stop, id);
            return new Outcome<>(null, new Failure("the doctor was interrupted", false));
        }
    }

    private void stop(Thread thread, Runnable stop, String id) {
        try {
            stop.run();
        } catch (RuntimeException e) {
            // the thread is interrupted either way
        }
        thread.interrupt();
        try {
            if (!thread.join(GRACE)) {
                stuck = id;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stuck = id;
        }
    }

    /** The failure as a message: a StatekeeperException's own message, else the exception's class and message. */
    static String reason(Throwable t) {
        if (t instanceof StatekeeperException e) {
            return e.getMessage();
        }
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String seconds(Duration d) {
        double s = d.toMillis() / 1000.0;
        return s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s);
    }
}
