package dev.statekeeper.ops.postgres;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.jdbc.postgres.PostgresUrl;
import dev.statekeeper.ops.sql.Jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * PostgreSQL's own count of Statekeeper's statements ({@code statekeeper perf --sql}): the rows of the
 * pg_stat_statements view for the database, the role the store connects as, and statements that name one of
 * Statekeeper's tables ({@link #TABLES}) and read or write rows (SELECT, INSERT, UPDATE, DELETE...: not the
 * migrations' DDL, nor EXPLAIN), with calls, total and mean time, rows and the shared-buffer hit ratio,
 * most total time first. The time columns are those of the installed extension's version, found among the view's
 * columns ({@code total_exec_time}/{@code mean_exec_time} from 1.8, PostgreSQL 13; {@code total_time}/
 * {@code mean_time} before).
 *
 * <p>pg_stat_statements keeps no {@code application_name}: a statement is told to be Statekeeper's by its role,
 * database and text. Other programs that run as the same role on the same tables (the doctor's counts,
 * {@code db verify}, an operator's psql, the key lookups {@link ExplainOperation} makes to pick its arguments) are
 * counted with it. The statements an explained operation runs for real are counted too (its EXPLAINs are not).
 * Where the extension is not installed in the database, or installed but not loaded by the server, the
 * report says so and what a superuser runs to enable it, rather than failing.
 */
public final class StatementStats {
    /** The most statements a report may hold. */
    public static final int MAX_LIMIT = 1000;
    /** Statekeeper's tables (its migrations'), whose statements are reported. */
    public static final List<String> TABLES = List.of("loop_states", "critic_feedback", "loop_history",
            "objective_feedback", "technical_specs", "spec_revisions", "loop_to_spec_mappings", "roadmaps",
            "project_plans", "sessions", "maintenance_log", "operation_minutes", "slow_operations", "events",
            "event_sequence", "request_keys");

    static final String ENABLE = "a superuser can enable it: shared_preload_libraries = 'pg_stat_statements' in "
            + "postgresql.conf, restart the server, then CREATE EXTENSION pg_stat_statements; in the database";
    /** A statement that reads or writes rows, past any leading comment lines: not DDL, DO, EXPLAIN... */
    private static final String DML = "^\\s*(--[^\\n]*\\n\\s*)*(SELECT|INSERT|UPDATE|DELETE|WITH|MERGE|VALUES|TABLE)\\M";
    private static final String EXTENSION = "SELECT n.nspname, e.extversion FROM pg_extension e JOIN pg_namespace n "
            + "ON n.oid = e.extnamespace WHERE e.extname = 'pg_stat_statements'";

    private StatementStats() {
    }

    /**
     * Reads the statements of the database DATABASE_URL names, as its role, over a connection of its own
     * ({@code application_name} statekeeper-perf) under DATABASE_COMMAND_TIMEOUT.
     *
     * @param settings the settings naming the database
     * @param limit    the most statements to return, 1 to {@value #MAX_LIMIT}
     * @return the report; {@link StatementReport#available()} false, with the reason, when the extension cannot be read
     * @throws StatekeeperException USAGE for a limit out of range; CONFIG_INVALID for a malformed DATABASE_URL;
     *                              BACKEND_UNAVAILABLE when the database cannot be reached or read
     */
    public static StatementReport read(Settings settings, int limit) {
        checkLimit(limit);
        PostgresUrl url = PostgresUrl.parse(settings.raw(Setting.DATABASE_URL));
        try (Connection c = PostgresVerifier.dataSource(url, settings, "statekeeper-perf").getConnection()) {
            Jdbc.execute(c, "SET statement_timeout = " + settings.seconds(Setting.COMMAND_TIMEOUT).toMillis());
            return read(c, limit);
        } catch (SQLException e) {
            throw new StatekeeperException(ErrorCode.BACKEND_UNAVAILABLE, "cannot read pg_stat_statements of PostgreSQL "
                    + "database '" + url.database() + "' at " + url.server() + ": " + firstLine(e), e);
        }
    }

    /**
     * Reads the statements of the connection's database and role.
     *
     * @param connection a connection as the store's role, in auto-commit
     * @param limit      the most statements to return, 1 to {@value #MAX_LIMIT}
     * @return the report
     * @throws SQLException when the database cannot be read
     * @throws StatekeeperException USAGE for a limit out of range
     */
    public static StatementReport read(Connection connection, int limit) throws SQLException {
        checkLimit(limit);
        String[] who = Jdbc.list(connection, "SELECT current_database(), current_user",
                r -> new String[] {r.getString(1), r.getString(2)}).getFirst();
        String database = who[0];
        String role = who[1];
        Optional<String[]> extension = Jdbc.list(connection, EXTENSION,
                r -> new String[] {r.getString(1), r.getString(2)}).stream().findFirst();
        if (extension.isEmpty()) {
            boolean loaded = Jdbc.list(connection, "SELECT setting FROM pg_settings WHERE name = "
                    + "'shared_preload_libraries'", r -> preloads(r.getString(1))).stream().anyMatch(b -> b);
            return StatementReport.unavailable(database, role, null, loaded
                    ? "pg_stat_statements is loaded by the server but not installed in database '" + database
                            + "': a superuser can install it: CREATE EXTENSION pg_stat_statements; in the database"
                    : "pg_stat_statements is not installed in database '" + database + "': " + ENABLE);
        }
        return read(connection, database, role, quote(extension.get()[0]) + ".pg_stat_statements",
                extension.get()[1], limit);
    }

    /** Reads {@code view}, a pg_stat_statements view of the extension's {@code version}. */
    static StatementReport read(Connection c, String database, String role, String view, String version, int limit)
            throws SQLException {
        TimeColumns columns = TimeColumns.of(c, view);
        String tables = "\\m(" + String.join("|", TABLES) + ")\\M";
        List<Object[]> rows;
        try {
            rows = Jdbc.list(c, "SELECT s.queryid, r.rolname, s.calls, s." + columns.total() + ", s." + columns.mean()
                    + ", s.rows, s.shared_blks_hit, s.shared_blks_read, s.query, count(*) OVER () FROM " + view + " s "
                    + "LEFT JOIN pg_roles r ON r.oid = s.userid "
                    + "WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                    + "AND s.userid = (SELECT oid FROM pg_roles WHERE rolname = current_user) "
                    + "AND s.query ~* ? AND s.query ~* '" + DML + "' "
                    + "ORDER BY s." + columns.total() + " DESC, s.queryid LIMIT " + limit, r -> new Object[] {
                            new StatementStat(r.getLong(1), r.getString(2), r.getLong(3), r.getDouble(4), r.getDouble(5),
                                    r.getLong(6), r.getLong(7), r.getLong(8),
                                    StatementStat.hitRatio(r.getLong(7), r.getLong(8)), r.getString(9)),
                            r.getLong(10)}, tables);
        } catch (SQLException e) {
            if ("55000".equals(e.getSQLState())) {
                return StatementReport.unavailable(database, role, version, "pg_stat_statements is installed in "
                        + "database '" + database + "' but the server does not load it (" + firstLine(e) + "): a "
                        + "superuser can add shared_preload_libraries = 'pg_stat_statements' to postgresql.conf and "
                        + "restart the server");
            }
            throw e;
        }
        long matching = rows.isEmpty() ? 0 : (Long) rows.getFirst()[1];
        return new StatementReport(database, role, true, null, version, columns.total(), columns.mean(), matching,
                rows.stream().map(r -> (StatementStat) r[0]).toList());
    }

    /** The view's columns of total and mean time, by the names it has. */
    record TimeColumns(String total, String mean) {
        static TimeColumns of(Connection c, String view) throws SQLException {
            List<String> names = Jdbc.list(c, "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(?) "
                    + "AND NOT attisdropped AND attname IN ('total_exec_time', 'total_time')", r -> r.getString(1), view);
            if (names.contains("total_exec_time")) {
                return new TimeColumns("total_exec_time", "mean_exec_time");
            }
            if (names.contains("total_time")) {
                return new TimeColumns("total_time", "mean_time");
            }
            throw new SQLException(view + " has neither total_exec_time nor total_time: not a pg_stat_statements view "
                    + "this build knows");
        }
    }

    /** Whether a shared_preload_libraries value names pg_stat_statements. */
    static boolean preloads(String setting) {
        if (setting == null) {
            return false;
        }
        for (String library : setting.split(",")) {
            if (library.strip().replace("\"", "").equals("pg_stat_statements")) {
                return true;
            }
        }
        return false;
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new StatekeeperException(ErrorCode.USAGE, "the limit of statements must be between 1 and " + MAX_LIMIT
                    + ", not " + limit);
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static String firstLine(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.strip().split("\n", 2)[0];
    }
}
