package dev.statekeeper.ops.sqlite;

import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.io.IoErrors;
import dev.statekeeper.core.internal.io.IoErrors.Access;
import dev.statekeeper.jdbc.sqlite.SqliteStoreProvider;
import dev.statekeeper.ops.OpsFiles;
import dev.statekeeper.ops.RecoverReport;
import dev.statekeeper.ops.TableRecovery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code db recover} of a SQLite file, SQLite's {@code .recover} done in Java: every readable row of every table
 * of the damaged file (opened read-only, so it and its WAL stay as they are) goes into a new file with this
 * build's schema ({@code state.db.recovering-<time>}); the row repairs make it consistent; then the damaged
 * file moves aside to {@code state.db.damaged-<time>} with its {@code -wal} and {@code -shm}, never deleted, and
 * the new file takes its place. With {@code backupFirst}, the damaged files are first copied into
 * {@code <data dir>/backups/pre-recover-<time>/}. Stop every process that uses the store first.
 */
public final class SqliteRecoverer {
    private SqliteRecoverer() {
    }

    public static RecoverReport recover(Path file, Settings settings, Clock clock, String stamp, boolean backupFirst) {
        Path original = file.toAbsolutePath();
        if (!Files.exists(original)) {
            throw new StatekeeperException(ErrorCode.CANNOT_OPEN, "nothing to recover: sqlite database '" + original
                    + "' does not exist");
        }
        Path backup = null;
        if (backupFirst) {
            backup = OpsFiles.backupDirectory(settings.dataDir(), "pre-recover", stamp);
            for (Path part : parts(original)) {
                OpsFiles.copy(part, backup.resolve(part.getFileName()));
            }
        }
        Path fresh = sibling(original, ".recovering-" + stamp);
        List<TableRecovery> tables = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try (Connection source = SqliteFiles.readOnly(original); FreshFile target = FreshFile.create(fresh, settings, clock)) {
            List<TableSalvage.Copied> copied = new ArrayList<>();
            for (String table : target.tables()) {
                copied.add(TableSalvage.copy(source, target, table));
            }
            if (copied.stream().allMatch(TableSalvage.Copied::unreadable)) {
                throw new StatekeeperException(ErrorCode.CORRUPT, "nothing can be read from sqlite database '" + original
                        + "' (not even its list of tables): it is left as it is; restore a backup");
            }
            notes.addAll(target.commitAndRepair(settings.loopHistorySize()));
            for (TableSalvage.Copied c : copied) {
                tables.add(c.report(target.count(c.table())));
            }
        } catch (SQLException e) {
            discard(fresh);
            throw SqliteErrors.failed("recovery of sqlite database '" + original + "' failed; the file is left as it is",
                    e);
        } catch (RuntimeException e) {
            discard(fresh);
            throw e;
        }
        Path damaged = sibling(original, ".damaged-" + stamp);
        try {
            OpsFiles.copyPermissions(original, fresh);
        } catch (IOException e) {
            discard(fresh);
            throw IoErrors.failed(Access.WRITE, "give '" + fresh + "' the mode of '" + original + "'", e,
                    ErrorCode.CANNOT_OPEN);
        }
        // the WAL first: a crash in between must never leave the old WAL beside the new file, which would replay it
        for (Path sidecar : SqliteFiles.sidecars(original)) {
            if (Files.exists(sidecar)) {
                OpsFiles.move(sidecar, sibling(damaged, sidecar.getFileName().toString()
                        .substring(original.getFileName().toString().length())));
            }
        }
        OpsFiles.move(original, damaged);
        OpsFiles.move(fresh, original);
        return new RecoverReport(SqliteStoreProvider.NAME, original, damaged, backup, tables, notes,
                SqliteVerifier.verify(original, settings.loopHistorySize()));
    }

    /** The database file and those of its WAL and shared-memory files that exist. */
    private static List<Path> parts(Path file) {
        List<Path> parts = new ArrayList<>(List.of(file));
        SqliteFiles.sidecars(file).stream().filter(Files::exists).forEach(parts::add);
        return parts;
    }

    private static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    /** Removes a half-made new file (never the damaged one). */
    private static void discard(Path fresh) {
        OpsFiles.deleteQuietly(fresh);
        SqliteFiles.sidecars(fresh).forEach(OpsFiles::deleteQuietly);
    }
}
