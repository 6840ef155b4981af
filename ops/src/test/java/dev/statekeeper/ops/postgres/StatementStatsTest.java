package dev.statekeeper.ops.postgres;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.testkit.postgres.PostgresServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * pg_stat_statements read for Statekeeper's statements: on a server of its own that preloads the extension
 * (zonky's PostgreSQL 16 binaries ship pg_stat_statements.so), rows appear for the store's operations with the
 * columns of the installed version; a view of the pre-1.8 columns is read by its own names; and where the extension
 * is not installed, or not loaded, the report says so and how to enable it (the shared server loads nothing).
 */
class StatementStatsTest {
    private static PostgresServer preloading;

    @BeforeAll
    static void startServer() {
        preloading = PostgresServer.startPrivate(Map.of("shared_preload_libraries", "pg_stat_statements"));
    }

    private static PgStore withExtension() {
        PgStore store = new PgStore(preloading);
        store.sql("CREATE EXTENSION pg_stat_statements");
        return store.fill(3);
    }

    @Test
    void theStoresStatementsAppearWithTheirNumbersMostTotalTimeFirst() throws SQLException {
        PgStore pg = withExtension();
        try (StateStore store = pg.open()) {
            for (int i = 0; i < 25; i++) {
                store.getLoop("loop0001");
            }
        }
        pg.sql("SELECT 1", "SELECT count(*) FROM pg_class");

        StatementReport report = StatementStats.read(pg.settings, StatementStats.MAX_LIMIT);

        assertThat(report.available()).as(report.unavailableReason()).isTrue();
        assertThat(report.unavailableReason()).isNull();
        assertThat(report.database()).isEqualTo(pg.database);
        assertThat(report.role()).isEqualTo("postgres");
        assertThat(report.extensionVersion()).isEqualTo("1.10");
        assertThat(report.totalTimeColumn()).isEqualTo("total_exec_time");
        assertThat(report.meanTimeColumn()).isEqualTo("mean_exec_time");
        assertThat(report.statements()).isNotEmpty().hasSize((int) report.matching());
        assertThat(report.statements()).isSortedAccordingTo(Comparator.comparingDouble(StatementStat::totalMs).reversed());
        assertThat(report.statements()).allSatisfy(s -> {
            assertThat(s.query()).containsPattern("(?i)\\b(" + String.join("|", StatementStats.TABLES) + ")\\b");
            // rows read or written: not the migrations' DDL (CREATE TABLE, DO blocks, which pg_stat_statements counts)
            assertThat(s.query()).matches("(?s)(SELECT|INSERT|UPDATE|DELETE|WITH) .*");
            assertThat(s.role()).isEqualTo("postgres");
            assertThat(s.calls()).isPositive();
            assertThat(s.meanMs()).isBetween(0.0, s.totalMs());
            if (s.hitRatio() != null) {
                assertThat(s.hitRatio()).isBetween(0.0, 1.0)
                        .isEqualTo((double) s.sharedBlocksHit() / (s.sharedBlocksHit() + s.sharedBlocksRead()));
            } else {
                assertThat(s.sharedBlocksHit() + s.sharedBlocksRead()).isZero();
            }
        });
        // getLoop's read of the loop row, 25 times (and once per feedback entry the fill added: none by id)
        assertThat(report.statements()).anySatisfy(s -> {
            assertThat(s.query()).contains("FROM loop_states").contains("WHERE l.id = $1");
            assertThat(s.calls()).isGreaterThanOrEqualTo(25);
        });
        assertThat(report.statements()).noneMatch(s -> s.query().equals("SELECT $1"));
        assertThat(report.toText()).startsWith("pg_stat_statements 1.10: " + report.matching() + " statement(s) of role "
                + "'postgres' on Statekeeper's tables in database '" + pg.database + "'\n"
                + "     calls     total ms    mean ms       rows  hit %  statement\n");
    }

    @Test
    void theLimitKeepsTheStatementsWithTheMostTotalTime() {
        PgStore pg = withExtension();
        StatementReport all = StatementStats.read(pg.settings, StatementStats.MAX_LIMIT);

        StatementReport two = StatementStats.read(pg.settings, 2);

        assertThat(all.matching()).isGreaterThan(2);
        assertThat(two.matching()).isEqualTo(all.matching());
        assertThat(two.statements()).map(StatementStat::queryId)
                .containsExactlyElementsOf(all.statements().subList(0, 2).stream().map(StatementStat::queryId).toList());
        assertThat(two.toText().lines().findFirst().orElseThrow()).endsWith(", the 2 with the most total time");
    }

    @Test
    void aViewOfThePre18ColumnsIsReadByItsOwnNames() throws SQLException {
        PgStore pg = withExtension();
        pg.sql("CREATE SCHEMA old", "CREATE VIEW old.pg_stat_statements AS SELECT userid, dbid, queryid, query, calls, "
                + "total_exec_time AS total_time, mean_exec_time AS mean_time, rows, shared_blks_hit, shared_blks_read "
                + "FROM public.pg_stat_statements");
        try (Connection c = preloading.connect(pg.database)) {
            assertThat(StatementStats.TimeColumns.of(c, "old.pg_stat_statements"))
                    .isEqualTo(new StatementStats.TimeColumns("total_time", "mean_time"));
            assertThat(StatementStats.TimeColumns.of(c, "public.pg_stat_statements"))
                    .isEqualTo(new StatementStats.TimeColumns("total_exec_time", "mean_exec_time"));

            StatementReport old = StatementStats.read(c, pg.database, "postgres", "old.pg_stat_statements", "1.7", 1000);
            StatementReport current = StatementStats.read(c, 1000);

            assertThat(old.totalTimeColumn()).isEqualTo("total_time");
            assertThat(old.meanTimeColumn()).isEqualTo("mean_time");
            assertThat(old.statements()).map(StatementStat::queryId)
                    .containsAll(current.statements().stream().map(StatementStat::queryId).toList().subList(0, 3));
            assertThatThrownBy(() -> StatementStats.TimeColumns.of(c, "pg_class")).isInstanceOf(SQLException.class)
                    .hasMessage("pg_class has neither total_exec_time nor total_time: not a pg_stat_statements view "
                            + "this build knows");
        }
    }

    @Test
    void loadedButNotInstalledInTheDatabaseSaysToCreateIt() {
        PgStore pg = new PgStore(preloading).fill(1);

        StatementReport report = StatementStats.read(pg.settings, 10);

        assertThat(report.available()).isFalse();
        assertThat(report.statements()).isEmpty();
        assertThat(report.unavailableReason()).isEqualTo("pg_stat_statements is loaded by the server but not installed "
                + "in database '" + pg.database + "': a superuser can install it: CREATE EXTENSION pg_stat_statements; "
                + "in the database");
        assertThat(report.toText()).isEqualTo(report.unavailableReason() + "\n");
    }

    @Test
    void notInstalledAndNotLoadedSaysHowToEnableIt() {
        PgStore pg = new PgStore(PostgresServer.shared()).fill(1);

        StatementReport report = StatementStats.read(pg.settings, 10);

        assertThat(report.available()).isFalse();
        assertThat(report.extensionVersion()).isNull();
        assertThat(report.unavailableReason()).isEqualTo("pg_stat_statements is not installed in database '" + pg.database
                + "': a superuser can enable it: shared_preload_libraries = 'pg_stat_statements' in postgresql.conf, "
                + "restart the server, then CREATE EXTENSION pg_stat_statements; in the database");
    }

    @Test
    void installedButNotLoadedSaysToPreloadIt() {
        PgStore pg = new PgStore(PostgresServer.shared()).fill(1);
        pg.sql("CREATE EXTENSION pg_stat_statements");

        StatementReport report = StatementStats.read(pg.settings, 10);

        assertThat(report.available()).isFalse();
        assertThat(report.extensionVersion()).isEqualTo("1.10");
        assertThat(report.unavailableReason()).isEqualTo("pg_stat_statements is installed in database '" + pg.database
                + "' but the server does not load it (ERROR: pg_stat_statements must be loaded via "
                + "shared_preload_libraries): a superuser can add shared_preload_libraries = 'pg_stat_statements' to "
                + "postgresql.conf and restart the server");
    }

    @Test
    void aLimitOutOfRangeIsRefusedBeforeConnecting() {
        PgStore pg = new PgStore(PostgresServer.shared());
        for (int limit : new int[] {0, -1, StatementStats.MAX_LIMIT + 1, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            assertThatThrownBy(() -> StatementStats.read(pg.settings, limit)).isInstanceOf(StatekeeperException.class)
                    .hasMessage("the limit of statements must be between 1 and 1000, not " + limit)
                    .extracting(e -> ((StatekeeperException) e).code()).isEqualTo(ErrorCode.USAGE);
        }
    }

    @Test
    void theTablesAreThoseTheMigrationsCreate() throws SQLException {
        PgStore pg = new PgStore(PostgresServer.shared()).empty();
        List<String> tables = new ArrayList<>();
        try (Connection c = PostgresServer.shared().connect(pg.database); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = "
                     + "current_schema() AND table_name <> 'flyway_schema_history'")) {
            while (r.next()) {
                tables.add(r.getString(1));
            }
        }

        assertThat(tables).containsExactlyInAnyOrderElementsOf(StatementStats.TABLES);
    }
}
