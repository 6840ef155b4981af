package dev.statekeeper.doctor.postgres;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.CheckStatus;
import dev.statekeeper.doctor.Fix;
import dev.statekeeper.doctor.Severity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The static index checks on a schema of another application's beside a fresh store: an unused index (and the
 * primary key, unique and FK-backing ones that never are), a duplicate, a foreign key without an index.
 */
class PostgresIndexesTest {
    private String database;
    private Settings settings;

    @BeforeEach
    void schemaBesideAFreshStore() throws Exception {
        database = PgDatabases.fresh();
        settings = PgDatabases.settings(database);
        PgDatabases.sql(database,
                "CREATE TABLE customers (id int PRIMARY KEY, email text UNIQUE, region text)",
                "CREATE TABLE invoices (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES customers (id), "
                        + "paid_at timestamptz, total int)",
                "CREATE INDEX invoices_customer ON invoices (customer_id)",
                "CREATE INDEX invoices_paid_at ON invoices (paid_at)",
                "CREATE TABLE payments (id int PRIMARY KEY, invoice_id int REFERENCES invoices (id))",
                "INSERT INTO customers SELECT g, 'c' || g || '@example.com', 'eu' FROM generate_series(1, 100) g",
                "INSERT INTO invoices SELECT g, 1 + g % 100, now(), g FROM generate_series(1, 5000) g");
    }

    @Test
    void anIndexNeverScannedIsUnusedButKeysUniqueAndForeignKeyIndexesNeverAre() throws Exception {
        CheckResult early = PgDatabases.check(settings, "unused-indexes");
        assertThat(early.status()).as("the statistics cover less than a week").isEqualTo(CheckStatus.SKIPPED);
        assertThat(early.skipReason()).startsWith("not enough data: the index statistics cover only ");

        CheckResult result = PgDatabases.check(PgDatabases.with(settings, Setting.DOCTOR_PG_UNUSED_INDEX_WINDOW, 0,
                Setting.DOCTOR_PG_UNUSED_INDEX_MIN_MB, 0), "unused-indexes");

        assertThat(result.severity()).isEqualTo(Severity.P3);
        @SuppressWarnings("unchecked")
        List<String> indexes = ((List<Map<String, Object>>) result.evidence().get("largest")).stream()
                .map(i -> i.get("index").toString()).toList();
        assertThat(indexes).contains("public.invoices_paid_at")
                .doesNotContain("public.invoices_customer", "public.invoices_pkey", "public.customers_pkey",
                        "public.customers_email_key", "public.loop_states_pkey", "public.technical_specs_pkey");
        assertThat(result.message()).matches("\\d+ index\\(es\\) never scanned since .+ \\(0 MiB\\); the largest is "
                + "public\\.invoices_paid_at");
        assertThat(result.fix()).isEqualTo(Fix.manual("DROP INDEX CONCURRENTLY public.invoices_paid_at;",
                "CREATE INDEX CONCURRENTLY invoices_paid_at ON public.invoices USING btree (paid_at);"));

        PgDatabases.sql(database, "SET enable_seqscan = off; SELECT count(*) FROM invoices WHERE paid_at < now()");
        PgDatabases.await(database, "SELECT idx_scan > 0 FROM pg_stat_user_indexes WHERE indexrelname = 'invoices_paid_at'");
        CheckResult after = PgDatabases.check(PgDatabases.with(settings, Setting.DOCTOR_PG_UNUSED_INDEX_WINDOW, 0,
                Setting.DOCTOR_PG_UNUSED_INDEX_MIN_MB, 0), "unused-indexes");
        assertThat(after.evidence().toString()).doesNotContain("invoices_paid_at");
    }

    @Test
    void aSecondIndexOverTheSameColumnsIsADuplicateOfTheFirst() throws Exception {
        PgDatabases.assertOk(PgDatabases.check(settings, "duplicate-indexes"),
                "no index of database '" + database + "' duplicates another");
        // the last one as V1 had it on loop_history until V8: a btree over one column is read either way
        PgDatabases.sql(database, "CREATE INDEX invoices_customer_again ON invoices (customer_id)",
                "CREATE INDEX customers_email_plain ON customers (email)",
                "CREATE INDEX customers_id_desc ON customers (id DESC)");

        CheckResult result = PgDatabases.check(settings, "duplicate-indexes");

        PgDatabases.assertFinding(result, Severity.P3, "3 duplicate index(es): public.invoices_customer_again is the "
                + "same as public.invoices_customer on public.invoices");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> duplicates = (List<Map<String, Object>>) result.evidence().get("duplicates");
        assertThat(duplicates).extracting(d -> d.get("index") + " = " + d.get("sameAs")).containsExactlyInAnyOrder(
                "public.invoices_customer_again = public.invoices_customer",
                "public.customers_email_plain = public.customers_email_key",
                "public.customers_id_desc = public.customers_pkey");
        assertThat(result.fix()).isEqualTo(Fix.manual("DROP INDEX CONCURRENTLY public.invoices_customer_again;",
                "CREATE INDEX CONCURRENTLY invoices_customer_again ON public.invoices USING btree (customer_id);"));
    }

    @Test
    void aForeignKeyWithoutAnIndexIsP3WithTheCreateIndex() {
        CheckResult result = PgDatabases.check(settings, "missing-fk-indexes");

        PgDatabases.assertFinding(result, Severity.P3, "1 foreign key(s) without an index: payments_invoice_id_fkey on "
                + "public.payments (invoice_id) references invoices");
        assertThat(result.fix()).isEqualTo(Fix.manual("CREATE INDEX CONCURRENTLY payments_invoice_id_idx ON "
                + "public.payments (invoice_id);", "DROP INDEX CONCURRENTLY public.payments_invoice_id_idx;"));
    }

    @Test
    void aFreshStoresOwnSchemaHasNoIndexFinding() {
        String fresh = PgDatabases.fresh();
        Settings store = PgDatabases.with(PgDatabases.settings(fresh), Setting.DOCTOR_PG_UNUSED_INDEX_WINDOW, 0);

        assertThat(PgDatabases.check(store, "duplicate-indexes").message()).as("V8 dropped V1's duplicate")
                .isEqualTo("no index of database '" + fresh + "' duplicates another");
        for (String id : List.of("duplicate-indexes", "unused-indexes", "missing-fk-indexes", "invalid-indexes")) {
            CheckResult result = PgDatabases.check(store, id);
            assertThat(result.status()).as(id + ": " + result.message()).isEqualTo(CheckStatus.OK);
        }
    }
}
