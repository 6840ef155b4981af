package dev.statekeeper.jdbc.postgres;

import dev.statekeeper.core.config.Settings;
import dev.statekeeper.testkit.TestClock;
import dev.statekeeper.testkit.sql.RawSql;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database where pg_trgm was created beforehand (a DBA's usual step when the application's role may not create
 * extensions): the migration's {@code CREATE EXTENSION IF NOT EXISTS} makes the server send a notice, which Flyway
 * passes on as a warning ("DB: extension "pg_trgm" already exists, skipping"). Nothing went wrong, so the store
 * does not print it: the CLI showed it on every first open of such a database.
 */
class PostgresServerNoticesTest {
    private static final Path LOG = Path.of("target", "jdbc-tests.log");

    @Test
    void anExtensionThatIsAlreadyThereIsNotAWarning() throws Exception {
        String database = FreshPostgresStores.server().createDatabase();
        try (Connection c = RawPostgres.connect(database)) {
            RawSql.execute(c, "CREATE EXTENSION pg_trgm");
        }
        FreshPostgresStores.openOn(database, Settings.defaults(), new TestClock()).close();

        try (Connection c = RawPostgres.connect(database)) {
            assertThat(RawSql.text(c, "SELECT max(version) FROM flyway_schema_history")).isNotBlank();
        }
        assertThat(Files.exists(LOG) ? Files.readString(LOG) : "").doesNotContain("already exists, skipping");
    }
}
