package dev.statekeeper.jdbc.postgres;

import dev.statekeeper.testkit.sql.RawSql;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.SpecContent;
import dev.statekeeper.core.internal.domain.Trigrams;
import dev.statekeeper.testkit.TestClock;
import dev.statekeeper.testkit.postgres.PostgresServer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Fuzzy spec resolve: ranked by pg_trgm where it is installed, by core's Java trigrams where it cannot be. */
class PostgresTrigramTest {
    private static final List<String> TITLES = List.of("User Authentication", "Payment Gateway", "Search Index",
            "Notification Service", "Audit Log");

    /** Normalized names of many scripts, and near misses of them. */
    private static final List<String> UNICODE_NAMES = List.of("über-uns", "uber-uns", "straße", "strasse", "認証サービス",
            "認証", "サービス-認証", "हिन्दी-पाठ", "हिन्दी", "ελληνικά", "ελληνικη", "русский-язык", "русскии", "한국어-서비스",
            "한국어", "العربية", "עברית", "ไทย-ภาษา", "tiếng-việt", "tieng-viet", "𠮷野家", "café-crème", "cafe-creme",
            "٣٤٥-أرقام", "நன்றி", "ಕನ್ನಡ", "auth-service", "user-authentication");

    private final TestClock clock = new TestClock();

    /**
     * The server's trigrams ({@code show_trgm}) and similarity ({@code similarity}, a {@code real}) of every pair of
     * names beyond ASCII are exactly core's, in a database whose LC_CTYPE classifies Unicode (C.UTF-8), so fuzzy
     * resolve ranks alike whether the server or Java ranks.
     */
    @Test
    void coresTrigramsAreTheServersOnNamesOfEveryScript() throws Exception {
        String database = databaseWithCtype("C.UTF-8");
        try (PostgresStateStore store = FreshPostgresStores.openOn(database, Settings.defaults(), clock);
             Connection raw = RawPostgres.connect(database);
             PreparedStatement show = raw.prepareStatement("SELECT show_trgm(?)");
             PreparedStatement similarity = raw.prepareStatement("SELECT similarity(?, ?)")) {
            assertThat(store.usesTrigramIndex()).isTrue();
            for (String a : UNICODE_NAMES) {
                show.setString(1, a);
                assertThat(Set.of((String[]) single(show).getArray(1).getArray())).as(a).isEqualTo(Trigrams.show(a));
                for (String b : UNICODE_NAMES) {
                    similarity.setString(1, a);
                    similarity.setString(2, b);
                    assertThat(single(similarity).getFloat(1)).as(a + " ~ " + b)
                            .isEqualTo((float) Trigrams.similarity(a, b));
                }
            }
            store.putSpec("demo", SpecContent.titled("Über uns"));
            store.putSpec("demo", SpecContent.titled("Straße"));
            assertThat(store.resolveSpec("demo", "ubr uns").name()).isEqualTo("über-uns");
        }
    }

    /**
     * Where LC_CTYPE is C, pg_trgm takes only ASCII letters for letters ("über" is the word "ber"): the store sees
     * it and ranks names in Java, so a name resolves there as on every other backend.
     */
    @Test
    void whereTheServersWordsAreAsciiOnlyNamesAreRankedInJava() throws Exception {
        String database = databaseWithCtype("C");
        try (PostgresStateStore store = FreshPostgresStores.openOn(database, Settings.defaults(), clock);
             Connection raw = RawPostgres.connect(database)) {
            assertThat(RawSql.text(raw, "SELECT show_trgm('über')")).isEqualTo("{\"  b\",\" be\",ber,\"er \"}");
            assertThat(store.usesTrigramIndex()).isFalse();
            store.putSpec("demo", SpecContent.titled("Über uns"));
            store.putSpec("demo", SpecContent.titled("Straße"));
            store.putSpec("demo", SpecContent.titled("認証サービス"));

            assertThat(store.resolveSpec("demo", "ubr uns").name()).isEqualTo("über-uns");
            assertThat(store.resolveSpec("demo", "認証サビス").name()).isEqualTo("認証サービス");
        }
    }

    /** A new database with that LC_CTYPE (and collation), migrated by a store. */
    private static String databaseWithCtype(String ctype) {
        PostgresServer server = FreshPostgresStores.server();
        String database = "sk_ctype_" + ctype.replaceAll("\\W", "").toLowerCase(java.util.Locale.ROOT) + "_"
                + ProcessHandle.current().pid() + "_" + System.nanoTime();
        server.execute("postgres", "CREATE DATABASE " + database + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE '"
                + ctype + "' LC_CTYPE '" + ctype + "'");
        return database;
    }

    private static ResultSet single(PreparedStatement query) throws Exception {
        ResultSet row = query.executeQuery();
        assertThat(row.next()).isTrue();
        return row;
    }

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
