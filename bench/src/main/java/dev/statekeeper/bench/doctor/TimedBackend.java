package dev.statekeeper.bench.doctor;

import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.perf.OperationLog;
import dev.statekeeper.doctor.Check;
import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.Connected;
import dev.statekeeper.doctor.DoctorBackend;
import dev.statekeeper.doctor.FixOutcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The installed doctor backend of a name, run as {@code Doctor.run(backend, ...)} runs any backend, with each of its
 * own checks timed and the statements each sends on the doctor's connection counted ({@link CountingHandles}). The
 * common checks (migrations, backup-age, backup-integrity), which the doctor adds itself, are not wrapped: the
 * benchmark times them with runs of their own.
 */
final class TimedBackend<H extends AutoCloseable> implements DoctorBackend<H> {
    /** One check in one run: nanoseconds, and statements on the doctor's connection (-1: not counted). */
    record Sample(long nanos, long statements) {
    }

    private final DoctorBackend<H> real;
    private final AtomicLong statements = new AtomicLong();
    private final Map<String, Sample> samples = new LinkedHashMap<>();

    private TimedBackend(DoctorBackend<H> real) {
        this.real = real;
    }

    static TimedBackend<?> of(String backend) {
        for (DoctorBackend<?> b : ServiceLoader.load(DoctorBackend.class)) {
            if (b.backend().equals(backend)) {
                return wrap(b);
            }
        }
        throw new IllegalStateException("no doctor backend '" + backend + "' on the class path");
    }

    private static <T extends AutoCloseable> TimedBackend<T> wrap(DoctorBackend<T> backend) {
        return new TimedBackend<>(backend);
    }

    /** The samples of the run since the last call, in the order the checks ran; clears them. */
    synchronized Map<String, Sample> take() {
        Map<String, Sample> out = new LinkedHashMap<>(samples);
        samples.clear();
        return out;
    }

    private synchronized void record(String id, Sample sample) {
        samples.put(id, sample);
    }

    @Override
    public String backend() {
        return real.backend();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Connected<H> connect(CheckContext context) {
        long start = System.nanoTime();
        Connected<H> connected = real.connect(context);
        record(Connected.ID, new Sample(System.nanoTime() - start, -1));
        if (connected.handle() == null) {
            return connected;
        }
        H counting = (H) CountingHandles.counting(connected.handle(), statements);
        return new Connected<>(counting, connected.result(), connected.reachable());
    }

    @Override
    public List<Check<? super H>> checks() {
        List<Check<? super H>> checks = new ArrayList<>();
        for (Check<? super H> check : real.checks()) {
            checks.add(new Timed(check));
        }
        return checks;
    }

    @Override
    public Optional<OperationLog> storedOperationLog(H handle, CheckContext context) {
        return real.storedOperationLog(handle, context);
    }

    @Override
    public void interrupt(H handle) {
        real.interrupt(handle);
    }

    @Override
    public FixOutcome apply(Settings settings, CheckResult finding) {
        return real.apply(settings, finding);
    }

    private final class Timed implements Check<H> {
        private final Check<? super H> check;

        Timed(Check<? super H> check) {
            this.check = check;
        }

        @Override
        public String id() {
            return check.id();
        }

        @Override
        public String title() {
            return check.title();
        }

        @Override
        public boolean cheap() {
            return check.cheap();
        }

        @Override
        public boolean readsOperationLog() {
            return check.readsOperationLog();
        }

        @Override
        public boolean needsConnection() {
            return check.needsConnection();
        }

        @Override
        public CheckResult run(H handle, CheckContext context) throws Exception {
            long before = statements.get();
            long start = System.nanoTime();
            try {
                return check.run(handle, context);
            } finally {
                record(check.id(), new Sample(System.nanoTime() - start, statements.get() - before));
            }
        }
    }
}
