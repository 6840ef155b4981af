package dev.statekeeper.doctor.memory;

import dev.statekeeper.doctor.Check;
import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.Connected;
import dev.statekeeper.doctor.DoctorBackend;

import java.util.List;

/**
 * A memory store lives inside the process that holds it: nothing to reach, nothing on disk to check. The common
 * checks say so for themselves (no backups of a store that is not durable).
 */
public final class MemoryDoctor implements DoctorBackend<MemoryDoctor.Nothing> {
    /** No handle: there is nothing to connect to. */
    public record Nothing() implements AutoCloseable {
        @Override
        public void close() {
        }
    }

    @Override
    public String backend() {
        return "memory";
    }

    @Override
    public Connected<Nothing> connect(CheckContext context) {
        return Connected.to(new Nothing(), Connected.check().threshold("the store is in this process")
                .ok("a memory store lives in the process that opens it; it keeps nothing outside it"));
    }

    @Override
    public List<Check<? super Nothing>> checks() {
        return List.of();
    }
}
