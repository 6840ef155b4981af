package dev.statekeeper.doctor.postgres;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.FixOutcome;
import dev.statekeeper.jdbc.postgres.PostgresUrl;
import org.postgresql.Driver;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code doctor --fix} on PostgreSQL: runs a finding's safe fix on a connection of its own that may write, and only
 * a fix of the three kinds the checks offer, each of Statekeeper's own tables or indexes (checked in the catalog
 * again, whatever the finding says): {@code ANALYZE} and plain {@code VACUUM} of tables, {@code REINDEX INDEX
 * CONCURRENTLY} of an invalid index. None of them takes a lock that stops reads or writes; the connection waits at
 * most {@value #LOCK_TIMEOUT_MS} ms for a lock and the statement runs as long as it needs. It never terminates a
 * session, never runs VACUUM FULL, never drops anything.
 */
final class PostgresFixes {
    static final long LOCK_TIMEOUT_MS = 5000;
    private static final String NAME = "(?:[a-z_][a-z0-9_$]*|\"(?:[^\"]|\"\")+\")";
    private static final String QUALIFIED = NAME + "\\." + NAME;
    private static final Pattern TABLES = Pattern.compile("(ANALYZE|VACUUM) (" + QUALIFIED + "(?:, " + QUALIFIED
            + ")*);");
    private static final Pattern REINDEX = Pattern.compile("REINDEX INDEX CONCURRENTLY (" + QUALIFIED + ");");

    private PostgresFixes() {
    }

    static FixOutcome apply(Settings settings, CheckResult finding) {
        String action = finding.fix().action();
        PostgresUrl url = PostgresUrl.parse(settings.raw(Setting.DATABASE_URL));
        String where = "PostgreSQL database '" + url.database() + "' at " + url.server();
        long start = System.nanoTime();
        try (Connection c = new Driver().connect(url.jdbcUrl(), properties(url, settings))) {
            if (c == null) {
                throw new SQLException("the driver does not take " + url.jdbcUrl());
            }
            String refusal = refusal(c, action);
            if (refusal != null) {
                return FixOutcome.failed(finding, "not run on " + where + ": " + refusal);
            }
            try (Statement s = c.createStatement()) {
                s.execute(action);
            }
            return FixOutcome.applied(finding, "ran on " + where + " in " + (System.nanoTime() - start) / 1_000_000
                    + " ms");
        } catch (SQLException e) {
            return FixOutcome.failed(finding, "failed on " + where + ": " + e.getMessage().strip().split("\n")[0]);
        }
    }

    /** Why the action is not one the doctor runs, or null when it is. */
    private static String refusal(Connection c, String action) throws SQLException {
        Matcher tables = TABLES.matcher(action);
        if (tables.matches()) {
            for (String table : split(tables.group(2))) {
                if (!statekeeperTable(c, table)) {
                    return table + " is not one of Statekeeper's tables";
                }
            }
            return null;
        }
        Matcher reindex = REINDEX.matcher(action);
        if (reindex.matches()) {
            return statekeeperIndex(c, reindex.group(1)) ? null : reindex.group(1) + " is not an index of one of "
                    + "Statekeeper's tables";
        }
        return "the doctor applies only ANALYZE, plain VACUUM and REINDEX INDEX CONCURRENTLY of Statekeeper's tables "
                + "and indexes, not: " + action;
    }

    private static List<String> split(String names) {
        return Arrays.stream(names.split(", ")).toList();
    }

    private static boolean statekeeperTable(Connection c, String table) throws SQLException {
        return exists(c, "SELECT 1 FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace WHERE t.oid = "
                + "to_regclass(?) AND t.relkind = 'r' AND n.nspname = current_schema() AND t.relname = ANY(?)", table);
    }

    private static boolean statekeeperIndex(Connection c, String index) throws SQLException {
        return exists(c, "SELECT 1 FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = "
                + "t.relnamespace WHERE i.indexrelid = to_regclass(?) AND n.nspname = current_schema() "
                + "AND t.relname = ANY(?)", index);
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, name);
            s.setArray(2, c.createArrayOf("text", PostgresCheck.STATEKEEPER_TABLES.toArray()));
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    private static Properties properties(PostgresUrl url, Settings settings) {
        Properties p = PostgresConnect.properties(url, settings, Duration.ofSeconds(30));
        p.setProperty("options", p.getProperty("options").replace("-c default_transaction_read_only=on", "")
                .replaceAll("-c statement_timeout=\\d+", "-c statement_timeout=0")
                .replaceAll("-c lock_timeout=\\d+", "-c lock_timeout=" + LOCK_TIMEOUT_MS).strip());
        p.remove("socketTimeout");
        return p;
    }
}
