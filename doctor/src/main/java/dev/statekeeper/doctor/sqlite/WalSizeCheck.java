package dev.statekeeper.doctor.sqlite;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.doctor.Check;
import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.Fix;
import dev.statekeeper.doctor.Severity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code wal-size}: the {@code -wal} file beside the database. SQLite moves it into the file every 1000 pages
 * (checkpoint) unless a reader holds an old snapshot; a WAL that keeps growing slows every read (readers search it)
 * and the file system fills. P2 above STATEKEEPER_DOCTOR_WAL_MAX_MB; the fix is a checkpoint, which is safe.
 */
final class WalSizeCheck implements Check<SqliteHandle> {
    static final String CHECKPOINT = "PRAGMA wal_checkpoint(TRUNCATE)";
    private static final long MIB = 1024 * 1024;

    @Override
    public String id() {
        return "wal-size";
    }

    @Override
    public String title() {
        return "Size of the SQLite write-ahead log";
    }

    @Override
    public boolean cheap() {
        return true;
    }

    @Override
    public CheckResult run(SqliteHandle handle, CheckContext context) throws IOException {
        Path wal = handle.sidecar("-wal");
        long bytes;
        try {
            bytes = Files.size(wal);
        } catch (NoSuchFileException e) {
            bytes = 0;
        }
        int limit = context.integer(Setting.DOCTOR_WAL_MAX_MB);
        CheckResult.Builder result = CheckResult.of(this).evidence("file", wal.toString()).evidence("bytes", bytes)
                .threshold("-wal file <= " + limit + " MiB (" + context.named(Setting.DOCTOR_WAL_MAX_MB) + ")");
        if (bytes <= limit * MIB) {
            return result.ok("the write-ahead log holds " + bytes + " bytes");
        }
        return result.runbook("a reader that keeps a transaction open stops SQLite from checkpointing: find it "
                        + "(lsof '" + wal + "'; a long 'loop wait', a stuck process) and end it; then checkpoint, which "
                        + "moves the log into the database and truncates it ('statekeeper doctor --fix' does)")
                .fix(Fix.safe(CHECKPOINT, "nothing to undo: the log's pages are already in the database file; only the "
                        + "-wal file shrinks"))
                .finding(Severity.P2, "the write-ahead log '" + wal + "' is " + bytes / MIB + " MiB (over "
                        + limit + " MiB): reads slow down and the disk fills until it is checkpointed");
    }
}
