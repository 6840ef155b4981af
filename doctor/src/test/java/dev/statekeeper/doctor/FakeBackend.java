package dev.statekeeper.doctor;

import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend of the framework's tests: it reaches its store or not as told, and its checks do what their names say
 * (pass, throw, wait until stopped, ignore being stopped until released).
 */
final class FakeBackend implements DoctorBackend<FakeBackend.Handle> {
    /** The handle: counts its closes and interrupts. */
    static final class Handle implements AutoCloseable {
        final AtomicInteger closed = new AtomicInteger();
        final AtomicBoolean interrupted = new AtomicBoolean();

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    final Handle handle = new Handle();
    private final StatekeeperException unreachable;
    private final List<Check<? super Handle>> checks;

    FakeBackend(StatekeeperException unreachable, List<Check<? super Handle>> checks) {
        this.unreachable = unreachable;
        this.checks = checks;
    }

    @Override
    public String backend() {
        return "fake";
    }

    @Override
    public Connected<Handle> connect(CheckContext context) {
        return unreachable != null ? Connected.failed(unreachable, "start it")
                : Connected.to(handle, Connected.check().ok("reached"));
    }

    @Override
    public List<Check<? super Handle>> checks() {
        return checks;
    }

    @Override
    public void interrupt(Handle h) {
        h.interrupted.set(true);
    }

    static StatekeeperException down() {
        return new StatekeeperException(ErrorCode.BACKEND_UNAVAILABLE, "fake store at nowhere:1 refused the connection");
    }

    /** A check of the given behaviour. */
    record Fake(String id, boolean cheap, boolean needsConnection, Behaviour behaviour) implements Check<Object> {
        @Override
        public String title() {
            return "Fake " + id;
        }

        @Override
        public CheckResult run(Object handle, CheckContext context) throws Exception {
            return behaviour.run(this, context);
        }
    }

    @FunctionalInterface
    interface Behaviour {
        CheckResult run(Fake check, CheckContext context) throws Exception;
    }

    static Fake passing(String id) {
        return new Fake(id, true, true, (c, ctx) -> CheckResult.of(c).ok("fine"));
    }

    static Fake finding(String id, Severity severity) {
        return new Fake(id, true, true, (c, ctx) -> CheckResult.of(c).evidence("n", 1).finding(severity, "found " + id));
    }

    static Fake expensive(String id) {
        return new Fake(id, false, true, (c, ctx) -> CheckResult.of(c).ok("scanned"));
    }

    static Fake offline(String id) {
        return new Fake(id, true, false, (c, ctx) -> CheckResult.of(c).ok("no connection needed"));
    }

    static Fake throwing(String id) {
        return new Fake(id, true, true, (c, ctx) -> {
            throw new IllegalStateException("boom");
        });
    }

    /** Waits until stopped (interrupted). */
    static Fake waiting(String id) {
        return new Fake(id, true, true, (c, ctx) -> {
            new CountDownLatch(1).await();
            return CheckResult.of(c).ok("never");
        });
    }

    /** Ignores being stopped until {@code release} opens. */
    static Fake stubborn(String id, CountDownLatch release) {
        return new Fake(id, true, true, (c, ctx) -> {
            while (true) {
                try {
                    release.await();
                    return CheckResult.of(c).ok("released");
                } catch (InterruptedException e) {
                    // keeps holding the connection
                }
            }
        });
    }
}
