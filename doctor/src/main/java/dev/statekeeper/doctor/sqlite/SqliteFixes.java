package dev.statekeeper.doctor.sqlite;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.FixOutcome;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@code doctor --fix} on a SQLite file: runs a finding's safe fix (a {@code PRAGMA optimize} or a WAL checkpoint)
 * as it stands, on a writable connection of its own that waits for another writer up to
 * STATEKEEPER_SQLITE_BUSY_TIMEOUT, and says what it did from the rows the statement returned.
 */
final class SqliteFixes {
    private SqliteFixes() {
    }

    static FixOutcome apply(Settings settings, CheckResult finding) {
        Path file = settings.sqlitePath().toAbsolutePath();
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(Math.toIntExact(settings.seconds(Setting.SQLITE_BUSY_TIMEOUT).toMillis()));
        config.setOpenMode(org.sqlite.SQLiteOpenMode.READWRITE);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file);
        try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
            String said = "";
            if (s.execute(finding.fix().action())) {
                try (ResultSet rows = s.getResultSet()) {
                    said = describe(rows);
                }
            }
            return FixOutcome.applied(finding, "ran on sqlite database '" + file + "'" + said);
        } catch (SQLException e) {
            return FixOutcome.failed(finding, "failed on sqlite database '" + file + "': " + e.getMessage());
        }
    }

    /** "; it returned busy=0, log=12, checkpointed=12" from the first row, or nothing. */
    private static String describe(ResultSet rows) throws SQLException {
        if (!rows.next()) {
            return "";
        }
        StringBuilder b = new StringBuilder("; it returned ");
        for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
            b.append(i == 1 ? "" : ", ").append(rows.getMetaData().getColumnLabel(i)).append('=').append(rows.getString(i));
        }
        return b.toString();
    }
}
