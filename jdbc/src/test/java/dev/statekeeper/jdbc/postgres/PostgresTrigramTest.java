package dev.statekeeper.jdbc.postgres;

import dev.statekeeper.jdbc.RawSql;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.SpecContent;
import dev.statekeeper.core.domain.Trigrams;
import dev.statekeeper.testkit.TestClock;
import dev.statekeeper.testkit.postgres.PostgresServer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Fuzzy spec resolve: ranked by pg_trgm where it is installed, by core's Java trigrams where it cannot be. */
class PostgresTrigramTest {
    private static final List<String> TITLES = List.of("User Authentication", "Payment Gateway", "Search Index",
            "Notification Service", "Audit Log");

    private final TestClock clock = new TestClock();

    @Test
    void theServerRanksLikeCoresTrigramsAndTheIndexExists() throws Exception {
        String database = FreshPostgresStores.migratedDatabase();
        try (PostgresStateStore store = FreshPostgresStores.openOn(database, Settings.defaults(), clock);
             Connection raw = RawPostgres.connect(database)) {
            TITLES.forEach(t -> store.putSpec("demo", SpecContent.titled(t)));

            assertThat(store.usesTrigramIndex()).isTrue();
            assertThat(RawSql.text(raw, "SELECT string_agg(indexname, ',') FROM pg_indexes "
                    + "WHERE tablename = 'technical_specs' AND indexdef LIKE '%gin_trgm_ops%'"))
                    .isEqualTo("idx_specs_project_name_search");
            assertThat(store.resolveSpec("demo", "user authentcation").name()).isEqualTo("user-authentication");
            assertThat(store.resolveSpec("demo", "notifcation servce").name()).isEqualTo("notification-service");
            for (String name : List.of("user-authentication", "payment-gateway", "audit-log")) {
                double server = Double.parseDouble(RawSql.text(raw,
                        "SELECT similarity('" + name + "', 'user-authentcation')"));
                assertThat(server).as(name).isCloseTo(Trigrams.similarity(name, "user-authentcation"), within(1e-6));
            }
        }
    }

    @Test
    void withoutThePrivilegeToCreatePgTrgmTheSchemaStillMigratesAndResolveFallsBackToJava() throws Exception {
        PostgresServer server = FreshPostgresStores.server();
        String role = "sk_app_" + ProcessHandle.current().pid();
        server.execute("postgres", "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role
                + "') THEN CREATE ROLE " + role + " LOGIN PASSWORD 'app'; END IF; END $$");
        String database = server.createDatabase();
        server.execute(database, "GRANT CREATE ON SCHEMA public TO " + role);
        Settings settings = FreshPostgresStores.settingsFor(database, Settings.defaults()).toBuilder()
                .set(dev.statekeeper.core.config.Setting.DATABASE_URL,
                        "postgresql://" + role + ":app@localhost:" + server.port() + "/" + database).build();

        try (PostgresStateStore store = PostgresStateStore.open(settings, clock);
             Connection raw = RawPostgres.connect(database)) {
            TITLES.forEach(t -> store.putSpec("demo", SpecContent.titled(t)));

            assertThat(store.usesTrigramIndex()).isFalse();
            assertThat(RawSql.text(raw, "SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'")).isEqualTo("0");
            assertThat(store.resolveSpec("demo", "user authentcation").name()).isEqualTo("user-authentication");
            assertThat(store.resolveSpec("demo", "notifcation servce").name()).isEqualTo("notification-service");
        }
    }

    @Test
    void pgTrgmInstalledAfterTheMigrationGetsItsIndexAtTheNextOpenUnlessMigrationsAreOff() throws Exception {
        String database = FreshPostgresStores.migratedDatabase();
        try (Connection raw = RawPostgres.connect(database)) {
            // as on a server where V2 ran before a superuser could install pg_trgm
            RawSql.execute(raw, "DROP EXTENSION pg_trgm CASCADE");
            RawSql.execute(raw, "CREATE EXTENSION pg_trgm");
            assertThat(RawSql.text(raw, "SELECT to_regclass('idx_specs_project_name_search')::text")).isNull();

            Settings manual = Settings.builder().set(dev.statekeeper.core.config.Setting.AUTO_MIGRATE, "false").build();
            try (PostgresStateStore store = FreshPostgresStores.openOn(database, manual, clock)) {
                assertThat(store.usesTrigramIndex()).isTrue();
            }
            assertThat(RawSql.text(raw, "SELECT to_regclass('idx_specs_project_name_search')::text")).isNull();

            try (PostgresStateStore store = FreshPostgresStores.openOn(database, Settings.defaults(), clock)) {
                TITLES.forEach(t -> store.putSpec("demo", SpecContent.titled(t)));
                assertThat(store.resolveSpec("demo", "paymnt gatway").name()).isEqualTo("payment-gateway");
            }
            assertThat(RawSql.text(raw, "SELECT indexdef FROM pg_indexes WHERE indexname = 'idx_specs_project_name_search'"))
                    .isEqualTo("CREATE INDEX idx_specs_project_name_search ON public.technical_specs "
                            + "USING gin (project_name, spec_name gin_trgm_ops)");
        }
    }
}
