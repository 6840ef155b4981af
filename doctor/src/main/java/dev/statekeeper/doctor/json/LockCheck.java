package dev.statekeeper.doctor.json;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.doctor.Check;
import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.Fix;
import dev.statekeeper.doctor.Severity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code lock}: a writer that holds the store's lock ({@code state.json.lock}) far longer than a write takes. The
 * holder is found in the kernel's table of locks ({@link ProcLocks}), never by taking the lock (which could delay a
 * writer) nor by opening the lock file (closing a file releases every lock this process holds on it); it has held
 * the lock since it wrote its pid into the file. Longer than STATEKEEPER_DOCTOR_LOCK_AGE is P1: every other writer
 * waits STATEKEEPER_JSON_LOCK_TIMEOUT and fails with DATABASE_BUSY.
 */
final class LockCheck implements Check<JsonHandle> {
    @Override
    public String id() {
        return "lock";
    }

    @Override
    public String title() {
        return "No writer holds the json store's lock for long";
    }

    @Override
    public boolean cheap() {
        return true;
    }

    @Override
    public CheckResult run(JsonHandle handle, CheckContext context) throws IOException {
        Path lock = handle.sibling(".lock");
        Duration limit = context.seconds(Setting.DOCTOR_LOCK_AGE);
        CheckResult.Builder result = CheckResult.of(this).evidence("file", lock.toString())
                .threshold("held for at most " + limit.toSeconds() + " s (" + context.named(Setting.DOCTOR_LOCK_AGE) + ")");
        Instant since;
        try {
            since = Files.getLastModifiedTime(lock).toInstant();
        } catch (NoSuchFileException e) {
            return result.ok("no writer has taken the lock yet");
        }
        if (!ProcLocks.available()) {
            return result.skipped("this system has no " + ProcLocks.FILE + " to tell who holds a lock");
        }
        Optional<ProcLocks.Holder> holder = ProcLocks.holder(lock);
        String written = Files.readString(lock, StandardCharsets.US_ASCII).trim();
        result.evidence("lastHolder", written.isEmpty() ? null : written);
        if (holder.isEmpty()) {
            return result.ok("no writer holds the lock");
        }
        // a lock of an open file description has no pid in the table (-1): the holder wrote its own into the file
        long pid = holder.get().pid() > 0 || !written.matches("\\d{1,18}") ? holder.get().pid()
                : Long.parseLong(written);
        Duration held = Duration.between(since, context.now());
        Optional<ProcessHandle> process = pid > 0 ? ProcessHandle.of(pid) : Optional.empty();
        result.evidence("pid", pid).evidence("heldSeconds", held.toSeconds()).evidence("waiting", holder.get().waiting())
                .evidence("command", process.flatMap(p -> p.info().command()).orElse(null));
        if (held.compareTo(limit) <= 0) {
            return result.ok("a writer (pid " + pid + ") holds the lock since " + Math.max(0, held.toSeconds())
                    + " s: a write in progress");
        }
        return result.runbook("find the holder: ps -o pid,etime,args -p " + pid + " (or lsof '" + lock + "'); a "
                        + "statekeeper process stuck in a write can be stopped (the lock goes with it, and the file is "
                        + "replaced atomically, so a stopped write loses nothing written before); never delete the "
                        + ".lock file: that does not release the lock")
                .fix(Fix.manual("kill " + pid, "start the process you stopped again"))
                .finding(Severity.P1, "pid " + pid + (process.isPresent() ? "" : " (not a process this one can see: "
                        + "another container or host?)") + " has held the json store's write lock for "
                        + held.toSeconds() + " s; other writers wait and fail with DATABASE_BUSY");
    }
}
