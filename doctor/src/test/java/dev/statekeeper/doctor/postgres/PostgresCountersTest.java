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

/** Counters that run out: transaction and multixact ids before wraparound, sequences before their maximum. */
class PostgresCountersTest {
    private String database;
    private Settings settings;

    @BeforeEach
    void freshDatabase() {
        database = PgDatabases.fresh();
        settings = PgDatabases.settings(database);
    }

    @Test
    void transactionIdAgeIsOkFarFromTheFreezeAgeAndP2PastTheSettingsShareOfIt() {
        CheckResult ok = PgDatabases.check(settings, "xid-wraparound");
        assertThat(ok.status()).isEqualTo(CheckStatus.OK);
        assertThat(ok.message()).startsWith("the oldest unfrozen transaction id of database '");
        assertThat(ok.evidence()).containsEntry("autovacuum_freeze_max_age", 200_000_000L);

        CheckResult result = PgDatabases.check(PgDatabases.with(settings, Setting.DOCTOR_PG_FREEZE_AGE_PERCENT, 0),
                "xid-wraparound");

        assertThat(result.severity()).isEqualTo(Severity.P2);
        assertThat((Long) result.evidence().get("age")).isPositive();
        assertThat(result.evidence()).containsKeys("oldestDatabase", "databases", "oldestTablesHere");
        assertThat(result.threshold()).isEqualTo("age < 0 % of autovacuum_freeze_max_age "
                + "(STATEKEEPER_DOCTOR_PG_FREEZE_AGE_PERCENT=0); P1 from 50 % of 2^31 "
                + "(STATEKEEPER_DOCTOR_PG_WRAPAROUND_PERCENT=50); P0 within 3000000 of 2^31");
        assertThat(result.fix().safe()).isFalse();
    }

    @Test
    void multixactIdAgeIsReadFromDatminmxid() throws Exception {
        PgDatabases.sql(database, "CREATE TABLE shared_rows (id int PRIMARY KEY)", "INSERT INTO shared_rows VALUES (1)");
        try (Session a = new Session(database, "a"); Session b = new Session(database, "b")) {
            a.connection().setAutoCommit(false);
            b.connection().setAutoCommit(false);
            a.execute("SELECT * FROM shared_rows FOR SHARE");
            b.execute("SELECT * FROM shared_rows FOR SHARE"); // two lockers of one row: a multixact
            a.connection().commit();
            b.connection().commit();
        }

        CheckResult ok = PgDatabases.check(settings, "mxid-wraparound");
        CheckResult result = PgDatabases.check(PgDatabases.with(settings, Setting.DOCTOR_PG_FREEZE_AGE_PERCENT, 0),
                "mxid-wraparound");

        assertThat(ok.status()).isEqualTo(CheckStatus.OK);
        assertThat(ok.evidence()).containsEntry("autovacuum_multixact_freeze_max_age", 400_000_000L);
        assertThat(result.severity()).isEqualTo(Severity.P2);
        assertThat(result.message()).startsWith("the oldest unfrozen multixact id of database '");
    }

    @Test
    void aSequenceNearItsMaximumIsP2ThenP1() throws Exception {
        PgDatabases.sql(database, "CREATE SEQUENCE invoice_numbers MAXVALUE 100", "SELECT setval('invoice_numbers', 90)");
        CheckResult p2 = PgDatabases.check(settings, "sequence-exhaustion");

        assertThat(p2.severity()).isEqualTo(Severity.P2);
        assertThat(p2.message()).isEqualTo("1 sequence(s) nearly used up; public.invoice_numbers is at 90 of 100 (89.9 %)");
        assertThat(p2.fix().action()).isEqualTo("ALTER SEQUENCE public.invoice_numbers AS bigint MAXVALUE "
                + "9223372036854775807;");
        assertThat(p2.fix().undo()).startsWith("ALTER SEQUENCE public.invoice_numbers MAXVALUE 100;");

        PgDatabases.sql(database, "SELECT setval('invoice_numbers', 97)");
        assertThat(PgDatabases.check(settings, "sequence-exhaustion").severity()).isEqualTo(Severity.P1);
    }

    @Test
    void aBigintSequenceFeedingAnIntegerColumnRunsOutAtTheColumnsMaximum() throws Exception {
        PgDatabases.sql(database, "CREATE TABLE tickets (id integer NOT NULL)",
                "CREATE SEQUENCE tickets_id_seq AS bigint OWNED BY tickets.id",
                "ALTER TABLE tickets ALTER COLUMN id SET DEFAULT nextval('tickets_id_seq')",
                "SELECT setval('tickets_id_seq', 2000000000)");

        CheckResult result = PgDatabases.check(settings, "sequence-exhaustion");

        assertThat(result.severity()).isEqualTo(Severity.P2);
        assertThat(result.message()).isEqualTo("1 sequence(s) nearly used up; public.tickets_id_seq is at 2000000000 of "
                + "2147483647 (93.1 %)");
        @SuppressWarnings("unchecked")
        Map<String, Object> first = ((List<Map<String, Object>>) result.evidence().get("nearlyUsedUp")).getFirst();
        assertThat(first).containsEntry("column", "tickets.id").containsEntry("columnType", "int4");
        assertThat(result.fix().action()).isEqualTo("ALTER TABLE tickets ALTER COLUMN id TYPE bigint; ALTER SEQUENCE "
                + "public.tickets_id_seq AS bigint MAXVALUE 9223372036854775807;");
    }

    @Test
    void aFreshStoresIdentitySequencesAreFarFromTheirEnd() {
        CheckResult result = PgDatabases.check(settings, "sequence-exhaustion");

        assertThat(result.status()).isEqualTo(CheckStatus.OK);
        assertThat(result.evidence()).containsEntry("unreadable", 0);
    }
}
