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
            assertThat(RawSql.text(raw, "SELECT to_regclass('idx_specs_name_search')::text"))
                    .isEqualTo("idx_specs_name_search");
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
}
