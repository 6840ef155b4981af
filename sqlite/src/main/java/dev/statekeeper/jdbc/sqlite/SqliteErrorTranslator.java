package dev.statekeeper.jdbc.sqlite;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.jdbc.internal.SqlErrorTranslator;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Map;

/**
 * SQLite's result codes as Statekeeper error codes, judged by the primary code (the low byte of an extended
 * code): BUSY and LOCKED are DATABASE_BUSY, READONLY is READ_ONLY, CANTOPEN is CANNOT_OPEN, CORRUPT and NOTADB
 * are CORRUPT, FULL is DISK_FULL; CONSTRAINT is DUPLICATE for a unique or primary key and VALIDATION_FAILED
 * otherwise (raw data that breaks a CHECK the domain rules should have caught); anything else is INTERNAL.
 * Waiting too long for this process's own writer connection is DATABASE_BUSY as well. The message names the
 * operation and the file, and keeps the driver's own text.
 */
final class SqliteErrorTranslator implements SqlErrorTranslator {
    private static final Map<Integer, ErrorCode> BY_PRIMARY_CODE = Map.of(
            SQLiteErrorCode.SQLITE_BUSY.code, ErrorCode.DATABASE_BUSY,
            SQLiteErrorCode.SQLITE_LOCKED.code, ErrorCode.DATABASE_BUSY,
            SQLiteErrorCode.SQLITE_READONLY.code, ErrorCode.READ_ONLY,
            SQLiteErrorCode.SQLITE_CANTOPEN.code, ErrorCode.CANNOT_OPEN,
            SQLiteErrorCode.SQLITE_CORRUPT.code, ErrorCode.CORRUPT,
            SQLiteErrorCode.SQLITE_NOTADB.code, ErrorCode.CORRUPT,
            SQLiteErrorCode.SQLITE_FULL.code, ErrorCode.DISK_FULL);

    private final Path file;
    private final Duration busyTimeout;

    SqliteErrorTranslator(Path file, Duration busyTimeout) {
        this.file = file;
        this.busyTimeout = busyTimeout;
    }

    @Override
    public StatekeeperException translate(String operation, SQLException error) {
        SQLiteException sqlite = sqliteCause(error);
        if (sqlite == null) {
            ErrorCode code = error instanceof SQLTransientConnectionException ? ErrorCode.DATABASE_BUSY : ErrorCode.INTERNAL;
            return new StatekeeperException(code, message(operation, error.getMessage()), error);
        }
        int primary = sqlite.getResultCode().code & 0xff;
        String detail = sqlite.getMessage();
        if (primary == SQLiteErrorCode.SQLITE_BUSY.code) {
            detail += "; gave up after the busy timeout of " + busyTimeout.toMillis() + " ms ("
                    + Setting.SQLITE_BUSY_TIMEOUT.variable() + ")";
        }
        return new StatekeeperException(code(sqlite.getResultCode(), primary), message(operation, detail), error);
    }

    /** SQLITE_BUSY and SQLITE_LOCKED undo the statement or never began the transaction: another try may succeed. */
    @Override
    public Failure classify(SQLException error) {
        SQLiteException sqlite = sqliteCause(error);
        if (sqlite == null) {
            return Failure.PERMANENT;
        }
        int primary = sqlite.getResultCode().code & 0xff;
        return primary == SQLiteErrorCode.SQLITE_BUSY.code || primary == SQLiteErrorCode.SQLITE_LOCKED.code
                ? Failure.TRANSIENT : Failure.PERMANENT;
    }

    private static ErrorCode code(SQLiteErrorCode full, int primary) {
        if (primary == SQLiteErrorCode.SQLITE_CONSTRAINT.code) {
            return full == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE || full == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY
                    ? ErrorCode.DUPLICATE : ErrorCode.VALIDATION_FAILED;
        }
        return BY_PRIMARY_CODE.getOrDefault(primary, ErrorCode.INTERNAL);
    }

    private String message(String operation, String detail) {
        return operation + " failed on sqlite database '" + file + "': " + detail;
    }

    private static SQLiteException sqliteCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException e) {
                return e;
            }
        }
        return null;
    }
}
