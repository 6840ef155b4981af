package dev.statekeeper.doctor.postgres;

import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.common.DiskSpaceCheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * {@code disk-space} of a PostgreSQL server: PostgreSQL does not tell its free disk space over SQL, so this is the
 * common disk-space check of the server's data directory ({@code data_directory}, which needs pg_read_all_settings,
 * part of pg_monitor), when the server runs on this machine and the directory can be seen from here; else skipped.
 */
final class PgDiskSpaceCheck extends PostgresCheck {
    PgDiskSpaceCheck() {
        super("disk-space", "Free disk space for the store", true);
    }

    @Override
    public CheckResult run(PostgresHandle handle, CheckContext context) throws SQLException, IOException {
        CheckResult.Builder result = CheckResult.of(this);
        String host = handle.url().host();
        if (!SslCheck.local(host)) {
            return result.skipped("the server at " + host + " is not on this machine and PostgreSQL does not tell its "
                    + "free disk space over SQL: watch the file system of its data directory where it runs (seed 003: "
                    + "more than 20 % free)");
        }
        String directory;
        try {
            directory = handle.text("SELECT current_setting('data_directory')");
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                return result.skipped("the role '" + handle.role() + "' may not read data_directory (it needs "
                        + "pg_read_all_settings); a superuser can let it: GRANT pg_monitor TO " + ident(handle.role()) + ";");
            }
            throw e;
        }
        Path dir;
        try {
            dir = Path.of(directory);
        } catch (InvalidPathException e) {
            return result.skipped("the data directory '" + directory + "' is not a path on this machine");
        }
        if (!Files.isDirectory(dir)) {
            return result.skipped("the data directory '" + directory + "' cannot be seen from this process (another "
                    + "container or user?): watch its file system where the server runs");
        }
        return new DiskSpaceCheck(settings -> dir).run(null, context);
    }
}
