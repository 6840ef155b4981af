package dev.statekeeper.ops.sqlite;

import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.sql.SQLException;

/** A failed repair or recovery step as an error: busy, read-only and full are said as such; the rest is damage. */
final class SqliteErrors {
    private SqliteErrors() {
    }

    static StatekeeperException failed(String what, SQLException e) {
        ErrorCode code = ErrorCode.CORRUPT;
        if (e instanceof SQLiteException sqlite) {
            int primary = sqlite.getResultCode().code & 0xff;
            if (primary == SQLiteErrorCode.SQLITE_BUSY.code || primary == SQLiteErrorCode.SQLITE_LOCKED.code) {
                code = ErrorCode.DATABASE_BUSY;
            } else if (primary == SQLiteErrorCode.SQLITE_READONLY.code) {
                code = ErrorCode.READ_ONLY;
            } else if (primary == SQLiteErrorCode.SQLITE_FULL.code) {
                code = ErrorCode.DISK_FULL;
            } else if (primary == SQLiteErrorCode.SQLITE_CANTOPEN.code) {
                code = ErrorCode.CANNOT_OPEN;
            }
        }
        return new StatekeeperException(code, what + ": " + e.getMessage(), e);
    }
}
