package dev.statekeeper.doctor.postgres;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.CheckStatus;
import dev.statekeeper.doctor.Severity;
import dev.statekeeper.testkit.postgres.PostgresServer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * slow-queries from pg_stat_statements, on a server of its own that preloads the extension; and skipped with what to
 * run where it is absent.
 */
class PostgresSlowQueriesTest {
    @Test
    void withoutTheExtensionItIsSkippedWithWhatToRun() {
        String database = PgDatabases.fresh();

        CheckResult result = PgDatabases.check(PgDatabases.settings(database), "slow-queries");

        assertThat(result.status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(result.skipReason()).isEqualTo("pg_stat_statements is not installed in database '" + database
                + "': a superuser can add it: shared_preload_libraries = 'pg_stat_statements' in postgresql.conf (a "
                + "restart), then CREATE EXTENSION IF NOT EXISTS pg_stat_statements; in the database");
    }

    @Test
    void installedButNotLoadedIsSkippedToo() throws Exception {
        String database = PgDatabases.fresh();
        PgDatabases.sql(database, "CREATE EXTENSION pg_stat_statements");

        CheckResult result = PgDatabases.check(PgDatabases.settings(database), "slow-queries");

        assertThat(result.status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(result.skipReason()).isEqualTo("pg_stat_statements is installed but not loaded (ERROR: "
                + "pg_stat_statements must be loaded via shared_preload_libraries): a superuser can add it: "
                + "shared_preload_libraries = 'pg_stat_statements' in postgresql.conf (a restart), then CREATE EXTENSION "
                + "IF NOT EXISTS pg_stat_statements; in the database");
    }

    @Test
    void aStatementSlowOnAverageIsP2WithItsNumbers() throws Exception {
        PostgresServer server = PostgresServer.startPrivate(Map.of("shared_preload_libraries", "pg_stat_statements"));
        String database = server.createDatabase();
        server.execute(database, "CREATE EXTENSION pg_stat_statements");
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            for (int i = 0; i < 3; i++) {
                s.execute("SELECT pg_sleep(0.05), 'report' AS name");
            }
            s.execute("SELECT 1");
        }
        Settings settings = PgDatabases.settingsAs(server.url(database));

        CheckResult ok = PgDatabases.check(settings, "slow-queries");
        CheckResult result = PgDatabases.check(PgDatabases.with(settings, Setting.DOCTOR_PG_SLOW_QUERY_MS, 40),
                "slow-queries");

        assertThat(ok.status()).as(ok.message()).isEqualTo(CheckStatus.OK);
        assertThat(result.severity()).as(result.message()).isEqualTo(Severity.P2);
        assertThat(result.message()).matches("1 statement\\(s\\) take more than 40 ms on average; the most time goes "
                + "to one taking \\d+\\.\\d ms over 3 call\\(s\\): SELECT pg_sleep\\(\\$1\\), \\$2 AS name");
        @SuppressWarnings("unchecked")
        Map<String, Object> top = ((List<Map<String, Object>>) result.evidence().get("topByTotalTime")).getFirst();
        assertThat(top).containsEntry("calls", 3L).containsEntry("user", "postgres").containsKeys("queryId", "totalMs");
        assertThat((Double) top.get("meanMs")).isGreaterThanOrEqualTo(50.0);
    }
}
