package dev.statekeeper.doctor;

import dev.statekeeper.core.api.Backends;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.doctor.common.CommonChecks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** The installed {@link DoctorBackend}s, found with {@link ServiceLoader}, and the full list of checks of one. */
final class DoctorBackends {
    private DoctorBackends() {
    }

    /**
     * The checks of the backend's name; USAGE naming the backends that have some when none are installed for it:
     * "the testmem backend has no doctor checks in this build (they are installed for memory, json, sqlite)".
     */
    static DoctorBackend<?> of(String backend) {
        List<DoctorBackend<?>> installed = installed();
        return installed.stream().filter(b -> b.backend().equals(backend)).findFirst()
                .orElseThrow(() -> new StatekeeperException(ErrorCode.USAGE, "the " + backend + " backend has no "
                        + "doctor checks in this build (they are installed for "
                        + String.join(", ", installed.stream().map(DoctorBackend::backend).toList()) + ")"));
    }

    /**
     * Every check a run of the backend may include, in order: the backend's, then the common ones. IllegalStateException
     * when two have one id (or one takes {@code connection}'s), naming both classes.
     */
    static <H extends AutoCloseable> List<Check<? super H>> checks(DoctorBackend<H> backend) {
        List<Check<? super H>> all = new ArrayList<>(backend.checks());
        all.addAll(CommonChecks.all());
        Map<String, Object> seen = new HashMap<>();
        seen.put(Connected.ID, backend);
        for (Check<? super H> check : all) {
            Object before = seen.putIfAbsent(check.id(), check);
            if (before != null) {
                throw new IllegalStateException("two doctor checks of the " + backend.backend() + " backend have the id '"
                        + check.id() + "': " + before.getClass().getName() + " and " + check.getClass().getName());
            }
        }
        return all;
    }

    /** The ids of every check of the backend, {@code connection} first. */
    static <H extends AutoCloseable> List<String> ids(DoctorBackend<H> backend) {
        List<String> ids = new ArrayList<>(List.of(Connected.ID));
        checks(backend).forEach(c -> ids.add(c.id()));
        return ids;
    }

    /** The installed backends' checks, in the order of their backends ({@link Backends}), then any for no installed backend. */
    private static List<DoctorBackend<?>> installed() {
        List<DoctorBackend<?>> found = new ArrayList<>();
        for (DoctorBackend<?> backend : ServiceLoader.load(DoctorBackend.class)) {
            found.add(backend);
        }
        List<String> order = Backends.names();
        found.sort((a, b) -> Integer.compare(rank(order, a), rank(order, b)));
        return found;
    }

    private static int rank(List<String> order, DoctorBackend<?> backend) {
        int i = order.indexOf(backend.backend());
        return i < 0 ? order.size() : i;
    }
}
