package dev.statekeeper.doctor.sqlite;

import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.Connected;
import dev.statekeeper.doctor.Severity;
import dev.statekeeper.doctor.common.FileKind;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The {@code connection} check of a SQLite file: it is there, is a regular file, can be read, opens read-only as a
 * SQLite database and holds Statekeeper's tables (or none yet). Anything else at the path is never opened: a FIFO
 * would block the doctor forever.
 */
final class SqliteConnect {
    private static final String THRESHOLD = "the file opens read-only and answers a query";
    private static final String LOCATE = "point DATABASE_URL=sqlite:/path/state.db or STATEKEEPER_DATA_DIR at the store";

    private SqliteConnect() {
    }

    static Connected<SqliteHandle> connect(Path file) {
        String subject = "sqlite database '" + file + "'";
        if (!Files.exists(file)) {
            return Connected.failed(new StatekeeperException(ErrorCode.CANNOT_OPEN, subject + " does not exist"),
                    "create it with 'statekeeper init', " + LOCATE + ", or restore a backup ('statekeeper db backups')");
        }
        String kind = FileKind.irregular(file);
        if (kind != null) {
            return Connected.failed(new StatekeeperException(ErrorCode.CANNOT_OPEN, subject + " is " + kind
                    + ", not a file"), LOCATE);
        }
        if (!Files.isReadable(file)) {
            return Connected.failed(new StatekeeperException(ErrorCode.CANNOT_OPEN, "cannot read " + subject
                    + ": permission denied"), "make it readable by the user running statekeeper: chmod u+r '" + file + "'");
        }
        long start = System.nanoTime();
        Connection connection = null;
        try {
            connection = readOnly(file).getConnection();
            SqliteHandle handle = new SqliteHandle(file, connection);
            List<String> tables = handle.list("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE "
                    + "'sqlite%' ORDER BY name", r -> r.getString(1));
            CheckResult.Builder result = Connected.check().threshold(THRESHOLD).evidence("file", file.toString())
                    .evidence("bytes", Files.size(file)).evidence("sqliteVersion", handle.text("SELECT sqlite_version()"))
                    .evidence("schemaVersion", handle.number("PRAGMA user_version"))
                    .evidence("openMs", (System.nanoTime() - start) / 1_000_000);
            if (!tables.isEmpty() && !tables.contains("loop_states")) {
                connection.close();
                return new Connected<>(null, result.evidence("tables", tables).runbook(LOCATE)
                        .finding(Severity.P0, subject + " is not a Statekeeper store: it has " + tables.size()
                                + " table(s), none of them Statekeeper's"), true);
            }
            return Connected.to(handle, result.ok(tables.isEmpty() ? subject + " opens; it has no tables yet (the "
                    + "store creates them when it first opens)" : subject + " opens and answers"));
        } catch (SQLException | IOException e) {
            closeQuietly(connection);
            return Connected.failed(failure(subject, e), e instanceof SQLException sql && corrupt(sql)
                    ? "'statekeeper db recover' salvages what it can read into a new file, or restore a backup" : "");
        }
    }

    /** A read-only connection that never writes to the file nor creates it. */
    static SQLiteDataSource readOnly(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(1000);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file);
        return source;
    }

    private static StatekeeperException failure(String subject, Exception e) {
        if (e instanceof SQLException sql && corrupt(sql)) {
            return new StatekeeperException(ErrorCode.CORRUPT, subject + " cannot be read as a SQLite database: "
                    + e.getMessage(), e);
        }
        ErrorCode code = e instanceof SQLiteException s && primary(s) == SQLiteErrorCode.SQLITE_BUSY.code
                ? ErrorCode.DATABASE_BUSY : ErrorCode.CANNOT_OPEN;
        return new StatekeeperException(code, "cannot open " + subject + ": " + e.getMessage(), e);
    }

    private static boolean corrupt(SQLException e) {
        return e instanceof SQLiteException s && (primary(s) == SQLiteErrorCode.SQLITE_NOTADB.code
                || primary(s) == SQLiteErrorCode.SQLITE_CORRUPT.code);
    }

    private static int primary(SQLiteException e) {
        return e.getResultCode().code & 0xff;
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the failure that got us here is the one to report
            }
        }
    }
}
