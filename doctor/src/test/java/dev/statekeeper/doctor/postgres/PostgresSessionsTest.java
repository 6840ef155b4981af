package dev.statekeeper.doctor.postgres;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.CheckStatus;
import dev.statekeeper.doctor.Severity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks of pg_stat_activity and pg_locks, each problem made for real by another session on the test's own
 * database: a pg_sleep, a transaction left open, a write waiting for another's row lock.
 */
class PostgresSessionsTest {
    private String database;
    private Settings settings;

    @BeforeEach
    void freshDatabase() {
        database = PgDatabases.fresh();
        settings = PgDatabases.settings(database);
    }

    @Test
    void connectionsOverTheWarningShareOfUsableSlotsAreP2() throws Exception {
        assertThat(PgDatabases.check(settings, "server-connections").status()).isEqualTo(CheckStatus.OK);
        CheckResult result;
        try (Session a = new Session(database, "a"); Session b = new Session(database, "b");
             Session c = new Session(database, "c")) {
            assertThat(List.of(a.pid(), b.pid(), c.pid())).doesNotHaveDuplicates();
            result = PgDatabases.check(PgDatabases.with(settings, Setting.DOCTOR_PG_CONNECTIONS_PERCENT, 1,
                    Setting.DOCTOR_PG_CONNECTIONS_CRITICAL_PERCENT, 100), "server-connections");
        }

        assertThat(result.severity()).isEqualTo(Severity.P2);
        assertThat(result.message()).matches("\\d+ client connections of 297 usable slots \\(\\d+\\.\\d %\\): new "
                + "connections fail once the rest are taken");
        assertThat(result.evidence()).containsEntry("maxConnections", 300L).containsEntry("reserved", 3L)
                .containsEntry("usable", 297L);
        @SuppressWarnings("unchecked")
        Map<String, Long> byDatabase = (Map<String, Long>) result.evidence().get("byDatabase");
        assertThat(byDatabase.get(database)).isGreaterThanOrEqualTo(4L);
        assertThat(result.threshold()).isEqualTo("client connections < 1 % of the usable slots "
                + "(STATEKEEPER_DOCTOR_PG_CONNECTIONS_PERCENT=1; P1 from 100 %, "
                + "STATEKEEPER_DOCTOR_PG_CONNECTIONS_CRITICAL_PERCENT=100)");
    }

    @Test
    void aStatementRunningPastTheThresholdIsFoundWithItsPidAndQuery() throws Exception {
        try (Session sleeper = new Session(database, "report-job")) {
            sleeper.start("SELECT pg_sleep(120)");
            PgDatabases.await(database, "SELECT count(*) = 1 FROM pg_stat_activity WHERE pid = " + sleeper.pid()
                    + " AND state = 'active' AND query LIKE 'SELECT pg_sleep%'");
            assertThat(PgDatabases.check(settings, "long-running-queries").status()).as("under the default 60 s")
                    .isEqualTo(CheckStatus.OK);

            CheckResult p2 = PgDatabases.check(PgDatabases.with(settings, Setting.DOCTOR_PG_LONG_QUERY, 0), "long-running-queries");
            CheckResult p1 = PgDatabases.check(PgDatabases.with(settings, Setting.DOCTOR_PG_LONG_QUERY, 0,
                    Setting.DOCTOR_PG_LONG_QUERY_CRITICAL, 0), "long-running-queries");

            assertThat(p2.severity()).isEqualTo(Severity.P2);
            assertThat(p2.message()).matches("1 session\\(s\\) running a statement for more than 0 s; the oldest, pid "
                    + sleeper.pid() + " of 'postgres' \\(report-job\\), for \\d+ s");
            assertThat(p2.evidence()).containsEntry("sessions", 1L);
            assertThat(oldest(p2)).containsEntry("pid", sleeper.pid()).containsEntry("application", "report-job")
                    .containsEntry("query", "SELECT pg_sleep(120)").containsEntry("waitEvent", "Timeout:PgSleep")
                    .containsKey("queryStart");
            assertThat(p2.fix().action()).isEqualTo("SELECT pg_cancel_backend(<pid>);");
            assertThat(p2.fix().safe()).isFalse();
            assertThat(p1.severity()).isEqualTo(Severity.P1);
        }
    }

    @Test
    void aTransactionLeftOpenIsIdleInTransactionAgedFromItsLastStatement() throws Exception {
        try (Session leaky = new Session(database, "leaky-app")) {
            leaky.connection().setAutoCommit(false);
            leaky.execute("SELECT count(*) FROM loop_states");
            PgDatabases.await(database, "SELECT count(*) = 1 FROM pg_stat_activity WHERE pid = " + leaky.pid()
                    + " AND state = 'idle in transaction'");
            assertThat(PgDatabases.check(settings, "idle-in-transaction").status()).isEqualTo(CheckStatus.OK);

            CheckResult result = PgDatabases.check(PgDatabases.with(settings, Setting.DOCTOR_PG_IDLE_IN_TRANSACTION, 0),
                    "idle-in-transaction");

            assertThat(result.severity()).isEqualTo(Severity.P2);
            assertThat(result.message()).matches("1 session\\(s\\) idle in an open transaction for more than 0 s; the "
                    + "oldest, pid " + leaky.pid() + " of 'postgres' \\(leaky-app\\), for \\d+ s");
            assertThat(oldest(result)).containsEntry("pid", leaky.pid())
                    .containsEntry("query", "SELECT count(*) FROM loop_states").containsKey("stateChange");
            assertThat(result.fix().action()).isEqualTo("SELECT pg_terminate_backend(<pid>);");
            assertThat(PgDatabases.check(PgDatabases.with(settings, Setting.DOCTOR_PG_LONG_QUERY, 0),
                    "long-running-queries").status()).as("idle is not running").isEqualTo(CheckStatus.OK);
            leaky.connection().rollback();
        }
    }

    @Test
    void aWriteWaitingForAnotherTransactionsRowLockNamesBothPids() throws Exception {
        PgDatabases.sql(database, "CREATE TABLE counters (id int PRIMARY KEY, n int)", "INSERT INTO counters VALUES (1, 0)");
        try (Session holder = new Session(database, "holder"); Session waiter = new Session(database, "waiter")) {
            holder.connection().setAutoCommit(false);
            holder.execute("UPDATE counters SET n = n + 1 WHERE id = 1");
            waiter.start("UPDATE counters SET n = n + 10 WHERE id = 1");
            PgDatabases.await(database, "SELECT count(*) = 1 FROM pg_stat_activity WHERE pid = " + waiter.pid()
                    + " AND wait_event_type = 'Lock'");
            assertThat(PgDatabases.check(settings, "blocked-queries").status()).isEqualTo(CheckStatus.OK);

            CheckResult result = PgDatabases.check(PgDatabases.with(settings, Setting.DOCTOR_PG_LOCK_WAIT, 0),
                    "blocked-queries");

            assertThat(result.severity()).isEqualTo(Severity.P2);
            assertThat(result.message()).matches("1 lock wait\\(s\\) longer than 0 s; pid " + waiter.pid() + " has "
                    + "waited \\d+ s for a ShareLock transactionid lock held by pid " + holder.pid()
                    + " \\(idle in transaction\\)");
            @SuppressWarnings("unchecked")
            Map<String, Object> wait = ((List<Map<String, Object>>) result.evidence().get("longest")).getFirst();
            assertThat(wait).containsEntry("blockedPid", waiter.pid()).containsEntry("blockingPid", holder.pid())
                    .containsEntry("blockedQuery", "UPDATE counters SET n = n + 10 WHERE id = 1")
                    .containsEntry("blockingQuery", "UPDATE counters SET n = n + 1 WHERE id = 1")
                    .containsEntry("blockingApplication", "holder");
            assertThat(result.fix().action()).startsWith("SELECT pg_cancel_backend(" + holder.pid() + ");");
            holder.connection().rollback();
        }
    }

    @Test
    void withoutPgMonitorTheActivityChecksAreSkippedWithTheGrantAndWithItTheyRun() throws Exception {
        String role = PgDatabases.plainRole();
        Settings plain = PgDatabases.settingsAs("postgresql://" + role + "@localhost:" + PgDatabases.server().port()
                + "/" + database);
        for (String id : List.of("long-running-queries", "idle-in-transaction", "blocked-queries")) {
            CheckResult result = PgDatabases.check(plain, id);
            assertThat(result.status()).as(id).isEqualTo(CheckStatus.SKIPPED);
            assertThat(result.skipReason()).isEqualTo("the role '" + role + "' may not read the state and query of "
                    + "other roles' sessions (it needs pg_read_all_stats); a superuser can let it: GRANT pg_monitor TO "
                    + role + ";");
        }
        assertThat(PgDatabases.check(plain, "server-connections").status()).isEqualTo(CheckStatus.OK);

        PgDatabases.sql(database, "GRANT pg_monitor TO " + role);

        for (String id : List.of("long-running-queries", "idle-in-transaction", "blocked-queries")) {
            assertThat(PgDatabases.check(plain, id).status()).as(id).isEqualTo(CheckStatus.OK);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> oldest(CheckResult result) {
        return ((List<Map<String, Object>>) result.evidence().get("oldest")).getFirst();
    }
}
